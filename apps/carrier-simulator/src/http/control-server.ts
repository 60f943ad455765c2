import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CmppProtocolError } from '@sms/carrier-protocols';
import type { CmppSimulator } from '../smsc/cmpp-simulator';
import type { SmppSimulator } from '../smsc/smpp-simulator';

export interface ControlServer {
  readonly port: number;
  close(): Promise<void>;
}

const MAX_BODY = 64 * 1024;
const MO_WAIT_MS = 5_000;

/**
 * A small HTTP side door for containers and black-box tests: `GET /health` (probes), `GET /stats`
 * (counters) and `POST /mo` `{ from, to, text, systemId? }` to inject a mobile-originated message.
 * Given the CMPP side too, `/stats` adds its counters as `cmpp`, and `POST /mo` with `"protocol": "cmpp"`
 * (and `spId?` instead of `systemId?`) sends the MO as CMPP DELIVERs.
 */
export async function startControlServer(simulator: SmppSimulator, options: { port: number; host?: string; cmpp?: CmppSimulator }): Promise<ControlServer> {
  const server: Server = createServer((req, res) => {
    handle(simulator, options.cmpp, req, res).catch((error: unknown) => reply(res, 500, { error: (error as Error).message }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function handle(simulator: SmppSimulator, cmpp: CmppSimulator | undefined, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? '/').split('?')[0];
  if (req.method === 'GET' && path === '/health') return reply(res, 200, { status: 'ok' });
  if (req.method === 'GET' && path === '/stats') return reply(res, 200, cmpp ? { ...simulator.stats(), cmpp: cmpp.stats() } : simulator.stats());
  if (req.method === 'POST' && path === '/mo') {
    const body = await readJson(req);
    const { from, to, text, systemId, spId, protocol } = (body ?? {}) as Record<string, unknown>;
    if (typeof from !== 'string' || !from || typeof to !== 'string' || !to || typeof text !== 'string') {
      return reply(res, 400, { error: 'expected JSON { from: string, to: string, text: string, systemId?: string }' });
    }
    if (systemId !== undefined && typeof systemId !== 'string') return reply(res, 400, { error: 'systemId must be a string' });
    if (protocol !== undefined && protocol !== 'smpp' && protocol !== 'cmpp') return reply(res, 400, { error: 'protocol must be "smpp" or "cmpp"' });
    if (protocol === 'cmpp' && !cmpp) return reply(res, 400, { error: 'the CMPP side is not running' });
    if (spId !== undefined && typeof spId !== 'string') return reply(res, 400, { error: 'spId must be a string' });
    // Acknowledged by an ESME within a few seconds → delivered; otherwise it waits in the simulator for a bind.
    const mo = protocol === 'cmpp' && cmpp ? cmpp.sendMo({ from, to, text, spId }) : simulator.sendMo({ from, to, text, systemId });
    const sent = mo.then(() => 'delivered' as const);
    sent.catch(() => undefined); // a later failure after we answered 'queued' is not the caller's to see
    let timer: NodeJS.Timeout | undefined;
    const queued = new Promise<'queued'>((resolve) => (timer = setTimeout(() => resolve('queued'), MO_WAIT_MS)));
    let status: 'delivered' | 'queued';
    try {
      status = await Promise.race([sent, queued]).finally(() => clearTimeout(timer));
    } catch (error) {
      // A number or text no CMPP DELIVER can carry is the request's fault.
      if (error instanceof CmppProtocolError) return reply(res, 400, { error: error.message });
      throw error;
    }
    return reply(res, 202, { status });
  }
  reply(res, 404, { error: 'not found' });
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      try {
        resolve(chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined);
      } catch {
        resolve(undefined);
      }
    });
    req.on('error', reject);
  });
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
