/**
 * One part of an account's data export (terms §4 "downloading"): a service contributes a section per kind of data it
 * holds — its rows for the account, one JSON object each, read a page at a time so an account of a million messages
 * exports in bounded memory. Sections register with the process's ExportRegistry; `GET /v1/accounts/{id}/export`
 * streams every registered section as one tar archive (export-archive.ts documents its layout).
 */
export interface ExportSection {
  /** File-name-safe, e.g. `messages`; the archive holds `<name>/part-00001.ndjson`… */
  name: string;
  /** The service that holds it, for the manifest. */
  service: string;
  /** What a row is, for the manifest. */
  description: string;
  rows(accountId: string): AsyncIterable<unknown>;
  /** Throws the not-found error when the account does not exist (the section of the service that owns accounts). */
  ensureAccount?(accountId: string): Promise<void>;
}

/** The sections this process serves; services add theirs when their module starts. */
export class ExportRegistry {
  private readonly sections: ExportSection[] = [];

  register(section: ExportSection): void {
    if (this.sections.some((s) => s.name === section.name)) throw new Error(`Export section ${section.name} registered twice`);
    this.sections.push(section);
  }

  all(): readonly ExportSection[] {
    return [...this.sections].sort((a, b) => a.name.localeCompare(b.name));
  }
}

export const EXPORT_REGISTRY = Symbol('EXPORT_REGISTRY');

/** Pages through a cursor-paginated query: what most sections are. */
export async function* paged<Row>(page: (cursor: string | undefined) => Promise<{ items: Row[]; nextCursor?: string }>): AsyncIterable<Row> {
  let cursor: string | undefined;
  do {
    const result = await page(cursor);
    yield* result.items;
    cursor = result.nextCursor;
  } while (cursor);
}

/** Pages through a keyset query (each page starts after the key of the last row before it); a short page is the last. */
export async function* keyset<Row, Key>(limit: number, page: (after: Key | undefined) => Promise<Row[]>, keyOf: (row: Row) => Key): AsyncIterable<Row> {
  let after: Key | undefined;
  for (;;) {
    const rows = await page(after);
    yield* rows;
    if (rows.length < limit) return;
    after = keyOf(rows[rows.length - 1]);
  }
}
