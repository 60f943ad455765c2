import type { Writable } from 'node:stream';
import { pack as tarPack } from 'tar-stream';
import type { ExportSection } from './export-section';

/**
 * The export archive: an uncompressed tar (POSIX ustar) of
 *   manifest.json                   format version, account, when, and each section's service and description
 *   <section>/part-00001.ndjson     one JSON object per line, at most ROWS_PER_PART rows or BYTES_PER_PART bytes
 *   …
 *   summary.json                    rows and parts per section, and `complete: true` — written last, so an archive
 *                                   without it was cut short
 * Parts keep memory bounded: a part is buffered (tar headers need its size), written, then dropped.
 */
export const EXPORT_FORMAT = 'sms-platform-export/1';
export const ROWS_PER_PART = 10_000;
export const BYTES_PER_PART = 4 * 1024 * 1024;

export async function writeExportArchive(accountId: string, sections: readonly ExportSection[], out: Writable, now: () => Date = () => new Date()): Promise<void> {
  const archive = tarPack();
  // Copied by hand rather than piped: a client that goes away must end the export, never crash the process.
  const copied = copy(archive as AsyncIterable<Buffer>, out);
  const mtime = now();
  const entries: Entries = {
    add: (name, content) =>
      new Promise<void>((resolve, reject) => {
        if (out.destroyed) return reject(new Error('the client went away'));
        archive.entry({ name, size: content.length, mtime, mode: 0o644 }, content, (error) => (error ? reject(error) : resolve()));
      }),
    // The client reads at its own pace: wait for it rather than buffering what it has not taken.
    drained: () => (out.writableNeedDrain && !out.destroyed ? new Promise<void>((resolve) => out.once('drain', resolve).once('close', resolve)) : Promise.resolve()),
  };
  try {
    await writeEntries(entries, accountId, sections, mtime);
    archive.finalize();
  } catch (error) {
    archive.destroy();
    throw error;
  }
  await copied;
}

interface Entries {
  add(name: string, content: Buffer): Promise<void>;
  drained(): Promise<void>;
}

async function writeEntries({ add, drained }: Entries, accountId: string, sections: readonly ExportSection[], at: Date): Promise<void> {
  const manifest = { format: EXPORT_FORMAT, accountId, exportedAt: at.toISOString(), sections: sections.map((s) => ({ name: s.name, service: s.service, description: s.description })) };
  await add('manifest.json', json(manifest));
  const summary: Record<string, { rows: number; parts: number }> = {};
  for (const section of sections) {
    const counts = { rows: 0, parts: 0 };
    let lines: string[] = [];
    let bytes = 0;
    const flush = async () => {
      if (lines.length === 0) return;
      counts.parts += 1;
      await add(`${section.name}/part-${String(counts.parts).padStart(5, '0')}.ndjson`, Buffer.from(lines.join(''), 'utf8'));
      lines = [];
      bytes = 0;
      await drained();
    };
    for await (const row of section.rows(accountId)) {
      const line = `${JSON.stringify(row)}\n`;
      lines.push(line);
      bytes += Buffer.byteLength(line);
      counts.rows += 1;
      if (lines.length >= ROWS_PER_PART || bytes >= BYTES_PER_PART) await flush();
    }
    await flush();
    summary[section.name] = counts;
  }
  await add('summary.json', json({ complete: true, sections: summary }));
}

/** Copies the archive to the client at the client's pace; ends it when the archive is complete. */
async function copy(archive: AsyncIterable<Buffer>, out: Writable): Promise<void> {
  try {
    for await (const chunk of archive) {
      if (out.destroyed) return;
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', resolve).once('close', resolve));
    }
    if (!out.destroyed) out.end();
  } catch {
    // The archive was destroyed because writing it failed: the caller reports that.
  }
}

const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
