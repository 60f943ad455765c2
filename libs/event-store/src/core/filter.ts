import type { AllFilter } from '../event-store.port';

/** Refuses empty prefix lists: an empty list would silently mean "everything" or "nothing", and either surprises. */
export function assertFilter(filter: AllFilter | undefined): void {
  if (!filter) return;
  for (const key of ['streamNamePrefixes', 'eventTypePrefixes'] as const) {
    const prefixes = filter[key];
    if (prefixes === undefined) continue;
    if (!Array.isArray(prefixes) || prefixes.length === 0 || prefixes.some((p) => typeof p !== 'string' || p.length === 0)) {
      throw new TypeError(`Filter ${key} must be a non-empty list of non-empty strings; omit it to keep everything`);
    }
  }
}

/** Both lists, when given, must match (AND); within a list any prefix matches (OR). System (`$`) events never match. */
export function matchesFilter(streamName: string, type: string, filter: AllFilter | undefined): boolean {
  if (streamName.startsWith('$') || type.startsWith('$')) return false;
  if (!filter) return true;
  if (filter.streamNamePrefixes && !filter.streamNamePrefixes.some((p) => streamName.startsWith(p))) return false;
  if (filter.eventTypePrefixes && !filter.eventTypePrefixes.some((p) => type.startsWith(p))) return false;
  return true;
}
