import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every way a test number could be written: as given, E.164, with and without the country code or its plus. */
export function notations(number: string): string[] {
  const digits = number.replace(/\D/g, '');
  const national = digits.startsWith('86') && digits.length === 13 ? digits.slice(2) : digits;
  return [...new Set([number, national, `86${national}`, `+86${national}`, `+86 ${national}`, `0086${national}`])];
}

/** Every file under `dir`, SQLite's -wal and -shm included. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : entry.isFile() ? [path] : [];
  });
}

/** Which needles appear in which files under `dir`, as UTF-8, UTF-16LE or UTF-16BE (UCS-2 as SMPP carries it). */
export function scan(dir: string, needles: string[]): string[] {
  const found: string[] = [];
  for (const file of filesUnder(dir)) {
    const bytes = readFileSync(file);
    for (const needle of needles) {
      const encodings: Array<[string, Buffer]> = [
        ['utf8', Buffer.from(needle, 'utf8')],
        ['utf16le', Buffer.from(needle, 'utf16le')],
        ['utf16be', Buffer.from(needle, 'utf16le').swap16()],
      ];
      for (const [encoding, pattern] of encodings) if (bytes.includes(pattern)) found.push(`${relative(dir, file)}: ${JSON.stringify(needle)} (${encoding})`);
    }
  }
  return found;
}
