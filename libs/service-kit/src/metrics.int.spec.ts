import { Metrics } from '@sms/observability';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CLIENT_CLOSED, HttpMetricsMiddleware, UNROUTED } from './metrics';

/**
 * The RED middleware on a real HTTP server (no Nest: express's part, setting `request.route` to the matched
 * template, is done by the handler here; the Nest wiring is proven by dispatch's channel-metrics int spec and the e2e).
 */
describe('HttpMetricsMiddleware (RED per route, ADR 0040)', () => {
  let server: Server;
  let url: string;
  let metrics: Metrics;
  let received: Promise<void>;
  let onReceived: () => void;
  let aborted: Promise<void>;
  let onAborted: () => void;

  beforeEach(async () => {
    metrics = new Metrics();
    const middleware = new HttpMetricsMiddleware(metrics);
    received = new Promise((resolve) => (onReceived = resolve));
    aborted = new Promise((resolve) => (onAborted = resolve));
    server = createServer((request: IncomingMessage & { route?: { path: string } }, response: ServerResponse) =>
      middleware.use(request, response, () => {
        const [, first, id] = (request.url ?? '').split('/');
        if (first === 'things' && id) {
          request.route = { path: '/things/:id' };
          response.statusCode = id === 'missing' ? 404 : 200;
          response.end('{}');
        } else if (first === 'slow') {
          request.route = { path: '/slow' };
          // Never answered: the client gives up, and the middleware's 'close' listener has already run by then.
          response.once('close', () => setImmediate(onAborted));
          onReceived();
        } else {
          response.statusCode = 404;
          response.end();
        }
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const series = async () => (await metrics.render()).split('\n').filter((line) => line !== '' && !line.startsWith('#'));

  it('counts requests by method, route template and status, never by URL', async () => {
    for (const path of ['/things/a', '/things/b', '/things/missing', '/nowhere/13800138000']) await (await fetch(`${url}${path}`)).arrayBuffer();
    await (await fetch(`${url}/things/c`, { method: 'DELETE' })).arrayBuffer();
    const lines = await series();
    expect(lines.filter((line) => line.startsWith('http_requests_total'))).toEqual([
      'http_requests_total{method="GET",route="/things/:id",status="200"} 2',
      'http_requests_total{method="GET",route="/things/:id",status="404"} 1',
      `http_requests_total{method="GET",route="${UNROUTED}",status="404"} 1`,
      'http_requests_total{method="DELETE",route="/things/:id",status="200"} 1',
    ]);
    expect(lines).toContain('http_request_duration_seconds_count{method="GET",route="/things/:id",status="200"} 2');
    expect(lines.join('\n')).not.toMatch(/13800138000|things\/a/);
  });

  it(`records a request whose client went away before the answer as ${CLIENT_CLOSED}`, async () => {
    const pending = httpRequest(`${url}/slow`);
    pending.on('error', () => undefined);
    pending.end();
    await received;
    pending.destroy();
    await aborted;
    expect(await series()).toContain(`http_requests_total{method="GET",route="/slow",status="${CLIENT_CLOSED}"} 1`);
  });
});
