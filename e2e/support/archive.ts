import { Readable } from 'node:stream';
import { extract } from 'tar-stream';

/** Reads a tar archive (an account export) into name → text. */
export async function untar(bytes: Buffer): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const archive = extract();
  archive.on('entry', (header, stream, next) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
    stream.on('end', () => {
      files.set(header.name, Buffer.concat(chunks).toString('utf8'));
      next();
    });
  });
  await new Promise<void>((resolve, reject) => {
    archive.on('finish', resolve);
    archive.on('error', reject);
    Readable.from([bytes]).pipe(archive);
  });
  return files;
}

/** The rows of one section of an export, every part in order. */
export const ndjson = (files: Map<string, string>, section: string): any[] =>
  [...files.entries()]
    .filter(([name]) => name.startsWith(`${section}/`))
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([, text]) => text.split('\n').filter(Boolean).map((line) => JSON.parse(line)));
