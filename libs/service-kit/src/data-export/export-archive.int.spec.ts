import { transformFileSync } from '@swc/core';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { extract } from 'tar-stream';
import { BYTES_PER_PART, ROWS_PER_PART, writeExportArchive } from './export-archive';
import type { ExportSection } from './export-section';

/** A message-like row of about 300 bytes of JSON. */
const row = (i: number) => ({
  messageId: `0195f3c2-7a1b-7000-8000-${String(i).padStart(12, '0')}`,
  phoneNumber: `+86139${String(i).padStart(8, '0')}`,
  status: 'DELIVERED',
  segments: 2,
  content: '【阿里云】您的订单已发货，预计三天内送达，请保持手机畅通。',
  acceptedAt: '2026-11-26T08:00:00.000Z',
  deliveredAt: '2026-11-26T08:00:01.000Z',
});

function section(name: string, count: number): ExportSection {
  return {
    name,
    service: 'test',
    description: 'rows',
    async *rows() {
      for (let i = 0; i < count; i++) yield row(i);
    },
  };
}

/** Reads the tar as it streams, keeping only counts: what a client saving the archive would hold. */
function countingClient(delayEveryMs = 0): { sink: Writable; done: Promise<{ files: Map<string, number>; lines: number; summary: any }> } {
  const files = new Map<string, number>();
  let lines = 0;
  let summary: any;
  const archive = extract();
  archive.on('entry', (header, stream, next) => {
    let size = 0;
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: unknown) => {
      const buffer = chunk as Buffer;
      size += buffer.length;
      for (const byte of buffer) if (byte === 10) lines += header.name.endsWith('.ndjson') ? 1 : 0;
      if (header.name === 'summary.json') chunks.push(buffer);
    });
    stream.on('end', () => {
      files.set(header.name, size);
      if (header.name === 'summary.json') summary = JSON.parse(Buffer.concat(chunks).toString());
      next();
    });
  });
  const done = new Promise<{ files: Map<string, number>; lines: number; summary: any }>((resolve, reject) => {
    archive.on('finish', () => resolve({ files, lines, summary }));
    archive.on('error', reject);
  });
  let writes = 0;
  const sink = new Writable({
    highWaterMark: 64 * 1024,
    write(chunk, _encoding, callback) {
      // A slow client: now and then it takes a while before it reads on.
      const proceed = () => ((writes += 1) % 50 === 0 && delayEveryMs > 0 ? setTimeout(callback, delayEveryMs) : callback());
      if (archive.write(chunk)) proceed();
      else archive.once('drain', proceed);
    },
    final(callback) {
      archive.end(() => undefined);
      callback();
    },
  });
  return { sink, done };
}

/**
 * Runs writeExportArchive (compiled by swc, as the build does) in a fresh Node process with `--expose-gc`: the archive
 * of `rows` message rows and 3 reply rows streams to its stdout, piped to `sink` at the sink's pace; the child
 * samples its own heap (after a collection, every 50 ms) and reports the peak growth.
 */
async function exportInChildProcess(rows: number, sink: Writable): Promise<{ peak: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'export-memory-'));
  const compiled = transformFileSync(join(__dirname, 'export-archive.ts'), {
    swcrc: false,
    jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
    module: { type: 'commonjs' },
  }).code;
  writeFileSync(join(dir, 'export-archive.js'), compiled);
  writeFileSync(
    join(dir, 'measure.js'),
    `const { writeExportArchive } = require('./export-archive.js');
const row = ${row.toString()};
const section = (name, count) => ({ name, service: 'test', description: 'rows', async *rows() { for (let i = 0; i < count; i++) yield row(i); } });
global.gc();
const baseline = process.memoryUsage();
let peak = 0;
const sampler = setInterval(() => {
  global.gc();
  const now = process.memoryUsage();
  peak = Math.max(peak, now.heapUsed + now.arrayBuffers - baseline.heapUsed - baseline.arrayBuffers);
}, 50);
writeExportArchive('acc-1', [section('messages', ${rows}), section('inbound', 3)], process.stdout).then(() => {
  clearInterval(sampler);
  process.stderr.write('\\npeak=' + peak + '\\n');
});`,
  );
  const child = spawn(process.execPath, ['--expose-gc', join(dir, 'measure.js')], {
    env: { ...process.env, NODE_PATH: resolve(__dirname, '../../../../node_modules') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let report = '';
  child.stderr.on('data', (chunk: Buffer) => (report += chunk.toString()));
  child.stdout.pipe(sink);
  const code = await new Promise<number | null>((done) => child.once('close', done));
  const peak = /^peak=(\d+)$/m.exec(report);
  if (code !== 0 || !peak) throw new Error(`the export process ended with ${code}: ${report}`);
  return { peak: Number(peak[1]) };
}

describe('export archive', () => {
  it('streams a million rows in bounded memory, in parts, with the summary last', async () => {
    const rows = 1_000_000;
    const client = countingClient(1);
    // Measured in a process of its own: a jest worker's heap also holds what other test files left behind.
    const { peak } = await exportInChildProcess(rows, client.sink);
    const { files, lines, summary } = await client.done;
    expect(lines).toBe(rows + 3);
    expect(summary).toEqual({ complete: true, sections: { messages: { rows, parts: Math.ceil(rows / ROWS_PER_PART) }, inbound: { rows: 3, parts: 1 } } });
    const names = [...files.keys()];
    expect(names[0]).toBe('manifest.json');
    expect(names[1]).toBe('messages/part-00001.ndjson');
    expect(names[names.length - 1]).toBe('summary.json');
    expect(Math.max(...[...files.values()])).toBeLessThanOrEqual(BYTES_PER_PART + 1024);
    const total = [...files.values()].reduce((sum, size) => sum + size, 0);
    // About 300 MB went through; what the process held at any time stayed a small multiple of one part.
    expect(total).toBeGreaterThan(250 * 1024 * 1024);
    expect(peak).toBeLessThan(48 * 1024 * 1024);
  }, 120_000);

  it('ends the export, without crashing, when the client goes away', async () => {
    let received = 0;
    const sink = new Writable({
      write(chunk, _encoding, callback) {
        received += chunk.length;
        if (received > 2 * 1024 * 1024) return callback(new Error('socket closed'));
        callback();
      },
    });
    sink.on('error', () => undefined);
    await expect(writeExportArchive('acc-1', [section('messages', 200_000)], sink)).rejects.toThrow();
    expect(received).toBeLessThan(20 * 1024 * 1024);
  });

  it('writes an empty section as no parts and still completes', async () => {
    const client = countingClient();
    await writeExportArchive('acc-1', [section('messages', 0)], client.sink);
    const { files, summary } = await client.done;
    expect([...files.keys()]).toEqual(['manifest.json', 'summary.json']);
    expect(summary.sections.messages).toEqual({ rows: 0, parts: 0 });
  });
});
