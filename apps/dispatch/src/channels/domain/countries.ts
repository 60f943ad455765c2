import { getCountries, getCountryCallingCode } from 'libphonenumber-js/max';

/**
 * A channel's country set: ISO 3166 alpha-2 codes (`GB`) or calling codes (`+44`, `44`) — a calling code stands for
 * every country that uses it (`+1`: the United States, Canada and the Caribbean) — or `*` for all.
 */
const ISO = new Set<string>(getCountries());
const BY_CALLING_CODE = new Map<string, string[]>();
for (const country of getCountries()) {
  const code = getCountryCallingCode(country);
  BY_CALLING_CODE.set(code, [...(BY_CALLING_CODE.get(code) ?? []), country]);
}

/** The entry's problem, or undefined when it names a country, a calling code or all. */
export function countryEntryProblem(entry: string): string | undefined {
  if (entry === '*' || ISO.has(entry)) return undefined;
  const calling = /^\+?(\d{1,3})$/.exec(entry);
  if (calling && BY_CALLING_CODE.has(calling[1])) return undefined;
  return `"${entry}" is no ISO 3166 alpha-2 country code, calling code (+44) or *`;
}

/** The ISO codes of the entries, or undefined when they include `*` (every country). Entries must be valid. */
export function countriesOf(entries: readonly string[]): Set<string> | undefined {
  if (entries.includes('*')) return undefined;
  const countries = new Set<string>();
  for (const entry of entries) {
    if (ISO.has(entry)) countries.add(entry);
    else for (const country of BY_CALLING_CODE.get(entry.replace(/^\+/, '')) ?? []) countries.add(country);
  }
  return countries;
}
