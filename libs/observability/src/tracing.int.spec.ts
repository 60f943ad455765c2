import { execFile } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

// The OTLP exporter loads `http` with a dynamic import(), which jest's CommonJS sandbox refuses, so the
// exporting side runs in a plain Node child process (TypeScript compiled on load by @swc/core), as in production.
const CHILD = `
const fs = require('node:fs');
const { transformSync } = require('@swc/core');
require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
const { startTracing, withSpan } = require(process.env.TRACING_MODULE);
const tracing = startTracing({ serviceName: 'carrier-adapter' });
if (tracing.memoryExporter) throw new Error('expected the OTLP exporter');
withSpan('submit_sm', { 'sms.operator': 'CMCC' }, () => undefined);
tracing.shutdown().then(() => console.log('flushed'));
`;

interface Received {
  url: string;
  body: string;
}

describe('startTracing with OTEL_EXPORTER_OTLP_ENDPOINT', () => {
  let server: Server;
  const received: Received[] = [];

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({ url: req.url ?? '', body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('exports spans over OTLP/HTTP to <endpoint>/v1/traces, flushed on shutdown', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', CHILD], {
      cwd: join(__dirname, '../../..'),
      env: {
        ...process.env,
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        TRACING_MODULE: join(__dirname, 'tracing.ts'),
      },
    });

    expect(stdout.trim()).toBe('flushed');
    expect(received).toHaveLength(1);
    expect(received[0].url).toBe('/v1/traces');
    expect(received[0].body).toContain('submit_sm');
    expect(received[0].body).toContain('carrier-adapter');
    expect(received[0].body).toContain('sms.operator');
  });
});
