import {
  ACCOUNT_STATUS_CHANGED_V1,
  type AccountStatusChangedV1,
  DELIVERY_REPORT_V1,
  DELIVERY_REPORTED_V1,
  type DeliveryReportedV1,
  type DeliveryReportV1,
  INBOUND_MESSAGE_V1,
  type InboundMessageV1,
  INTERNAL_TOPICS,
  PUBLIC_TOPICS,
  SOURCES,
} from '@sms/contracts';
import { ephemeralDataProtection } from '@sms/data-protection';
import { type BusSubscription, InProcessBus, type IntegrationEvent } from '@sms/messaging';
import { openSqlite } from '@sms/service-kit';
import { announceCustomerKey, callJson, eventually, type ServiceUnderTest, startServiceUnderTest, testEvent } from '@sms/testing';
import { SqliteReadModelDatabase } from '@sms/use-case-kit';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { DispatchModule } from '../dispatch.module';
import { ConfigureWebhookHandler } from './configure-webhook/handler';
import { DeliverWebhooksHandler } from './deliver-webhooks/handler';
import { retryPolicy } from './domain/retry-schedule';
import { verifySignature } from './domain/signature';
import { EnqueueDeliveriesHandler } from './enqueue-deliveries/handler';
import { DnsTargetGuard, type ResolveAll } from './infrastructure/dns-target-guard';
import { HttpWebhookPoster } from './infrastructure/http-webhook-poster';
import { SqliteWebhookStore } from './infrastructure/sqlite-webhook-store';
import { directoryKnowing } from '../test-support';

const SECRET = 'whsec-int-0123456789abcdef';
const T0 = Date.parse('2026-11-23T10:00:00.000Z');

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
}

/** The customer's endpoint: a real node:http server answering with the statuses it is given, in turn (the last one repeats). */
async function customerEndpoint(statuses: number[] = [200]): Promise<{ server: Server; url: string; received: Received[]; answer: number[] }> {
  const received: Received[] = [];
  const answer = [...statuses];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const status = answer.length > 1 ? (answer.shift() as number) : answer[0];
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), status });
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { server, url: `http://127.0.0.1:${port}/hooks/sms`, received, answer };
}

const closeServer = (server: Server) => new Promise((resolve) => server.close(resolve));

const receipt = (accountId: string, id = randomUUID()): IntegrationEvent<DeliveryReportV1> => ({
  id,
  type: DELIVERY_REPORT_V1,
  source: SOURCES.dispatch,
  time: '2026-11-23T10:00:04.000Z',
  key: accountId,
  data: {
    messageId: randomUUID(),
    batchId: 'b-1',
    accountId,
    outId: 'order-42',
    phoneNumber: '+8613800138000',
    status: 'DELIVERED',
    operator: 'CMCC',
    operatorMessageId: 'op-1',
    submittedAt: '2026-11-23T10:00:01.000Z',
    doneAt: '2026-11-23T10:00:04.000Z',
    segments: 2,
  },
});

/**
 * Webhooks against real parts: the SQLite file, the in-process bus, the system resolver and a node:http server as
 * the customer's endpoint. Time is the injected clock, moved by the test; deliveries are made by calling the
 * handler, as the sender's rounds do.
 */
describe('webhooks: queue, sign, deliver, retry (SQLite file + in-process bus + node:http)', () => {
  let dir: string;
  let now: number;
  const clock = { now: () => new Date(now) };
  const { ring } = ephemeralDataProtection();
  let bus: InProcessBus;
  let subscription: BusSubscription;

  /** One "process": the webhooks' file opened, the consumer subscribed, a sender. */
  function open(options: { allowPrivate?: boolean; resolve?: ResolveAll } = {}) {
    const db: DatabaseSync = openSqlite(join(dir, 'dispatch-webhooks.db'));
    const store = new SqliteWebhookStore(db, ring);
    const unitOfWork = new SqliteReadModelDatabase(db);
    const guard = new DnsTargetGuard({ allowPrivate: options.allowPrivate ?? true, resolve: options.resolve });
    const deliveries = new DeliverWebhooksHandler({
      outbox: store,
      subscriptions: store,
      unitOfWork,
      guard,
      poster: new HttpWebhookPoster(2_000),
      clock,
      policy: retryPolicy(24),
      limits: { maxInFlight: 8, maxInFlightPerAccount: 4 },
      metrics: { record: () => undefined },
    });
    const configure = new ConfigureWebhookHandler(store, unitOfWork, guard, directoryKnowing('acc-1', 'acc-2'), clock);
    const enqueue = new EnqueueDeliveriesHandler(store, store, unitOfWork, clock);
    return { db, store, deliveries, configure, enqueue };
  }
  let proc: ReturnType<typeof open>;

  const consume = async (target: ReturnType<typeof open>) => {
    await subscription?.close();
    subscription = await bus.subscribe({ groupId: 'dispatch.webhooks', topics: [PUBLIC_TOPICS.deliveryReceipts, PUBLIC_TOPICS.inbound], handler: (event) => target.enqueue.handle(event) });
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dispatch-webhooks-int-'));
    now = T0;
    bus = new InProcessBus();
    proc = open();
    await consume(proc);
  });

  afterEach(async () => {
    await subscription?.close();
    await proc.deliveries.stop();
    if (proc.db.isOpen) proc.db.close();
    await bus.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('POSTs each receipt and reply as a structured-mode CloudEvent, signed with the secret over the raw body', async () => {
    const endpoint = await customerEndpoint([200]);
    try {
      await proc.configure.handle({ accountId: 'acc-1', url: endpoint.url, secret: SECRET });
      const delivered = receipt('acc-1');
      const reply: IntegrationEvent<InboundMessageV1> = {
        id: randomUUID(),
        type: INBOUND_MESSAGE_V1,
        source: SOURCES.dispatch,
        time: '2026-11-23T10:00:06.000Z',
        key: 'acc-1',
        data: { inboundId: 'i-1', accountId: 'acc-1', phoneNumber: '+8613800138000', content: '退订', receivedAt: '2026-11-23T10:00:06.000Z', optOut: true },
      };
      await bus.publish(PUBLIC_TOPICS.deliveryReceipts, [delivered, receipt('acc-2')]);
      await bus.publish(PUBLIC_TOPICS.inbound, [reply]);
      expect(await proc.deliveries.deliverDue()).toBe(2);

      expect(endpoint.received).toHaveLength(2);
      const byId = new Map(endpoint.received.map((r) => [r.headers['x-sms-event-id'], r]));
      for (const event of [delivered, reply] as IntegrationEvent[]) {
        const request = byId.get(event.id) as Received;
        expect(request.headers['content-type']).toBe('application/cloudevents+json; charset=utf-8');
        expect(request.headers['x-sms-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
        expect(verifySignature(SECRET, request.body, request.headers['x-sms-signature'] as string)).toBe(true);
        expect(verifySignature('another-secret-0123456', request.body, request.headers['x-sms-signature'] as string)).toBe(false);
        expect(JSON.parse(request.body)).toEqual({ specversion: '1.0', id: event.id, type: event.type, source: SOURCES.dispatch, time: event.time, datacontenttype: 'application/json', data: event.data });
      }
      expect((await proc.store.status(delivered.id))?.state).toBe('DELIVERED');
    } finally {
      await closeServer(endpoint.server);
    }
  });

  it('retries a 500 with backoff and delivers on the 200 that follows — the same bytes, the same signature', async () => {
    const endpoint = await customerEndpoint([500, 200]);
    try {
      await proc.configure.handle({ accountId: 'acc-1', url: endpoint.url, secret: SECRET });
      const event = receipt('acc-1');
      await bus.publish(PUBLIC_TOPICS.deliveryReceipts, [event]);
      await proc.deliveries.deliverDue();
      expect(endpoint.received.map((r) => r.status)).toEqual([500]);
      const pending = await proc.store.status(event.id);
      expect(pending).toMatchObject({ state: 'PENDING', attempts: 1, lastError: 'HTTP 500' });
      expect(pending?.nextAttemptAt).toBeGreaterThanOrEqual(T0 + 5_000);
      expect(pending?.nextAttemptAt).toBeLessThanOrEqual(T0 + 10_000);
      // Not before its time.
      expect(await proc.deliveries.deliverDue()).toBe(0);
      now = T0 + 10_000;
      expect(await proc.deliveries.deliverDue()).toBe(1);
      expect(endpoint.received.map((r) => r.status)).toEqual([500, 200]);
      expect(endpoint.received[1].body).toBe(endpoint.received[0].body);
      expect(endpoint.received[1].headers['x-sms-signature']).toBe(endpoint.received[0].headers['x-sms-signature']);
      expect(await proc.store.status(event.id)).toMatchObject({ state: 'DELIVERED', attempts: 2 });
    } finally {
      await closeServer(endpoint.server);
    }
  });

  it('posts a redelivered bus event once', async () => {
    const endpoint = await customerEndpoint([200]);
    try {
      await proc.configure.handle({ accountId: 'acc-1', url: endpoint.url, secret: SECRET });
      const event = receipt('acc-1');
      await bus.publish(PUBLIC_TOPICS.deliveryReceipts, [event]);
      await bus.publish(PUBLIC_TOPICS.deliveryReceipts, [event]);
      await proc.deliveries.deliverDue();
      // And once more after it was delivered (a publisher that republished after a crash).
      await bus.publish(PUBLIC_TOPICS.deliveryReceipts, [event]);
      now += 3_600_000;
      await proc.deliveries.deliverDue();
      expect(endpoint.received.map((r) => r.headers['x-sms-event-id'])).toEqual([event.id]);
    } finally {
      await closeServer(endpoint.server);
    }
  });

  it('resumes after a restart: what was queued (or in flight) when the process stopped is delivered by the next one', async () => {
    const endpoint = await customerEndpoint([200]);
    const slow = createServer(() => undefined); // takes the request and never answers
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    try {
      await proc.configure.handle({ accountId: 'acc-1', url: `http://127.0.0.1:${(slow.address() as { port: number }).port}/hooks`, secret: SECRET });
      const inFlight = receipt('acc-1');
      await bus.publish(PUBLIC_TOPICS.deliveryReceipts, [inFlight]);
      await proc.deliveries.start();
      await eventually(() => (proc.deliveries.inFlightCount === 1 ? true : undefined), 'the attempt to be in flight', 5_000, 10);
      // The endpoint is moved while the process is down; an event is consumed just before it stops.
      await proc.configure.handle({ accountId: 'acc-1', url: endpoint.url, secret: SECRET });
      const queued = receipt('acc-1');
      await bus.publish(PUBLIC_TOPICS.deliveryReceipts, [queued]);
      await subscription.close();
      await proc.deliveries.stop();
      proc.db.close();

      proc = open();
      await consume(proc);
      expect(await proc.store.status(inFlight.id)).toMatchObject({ state: 'PENDING', attempts: 0 });
      expect(await proc.deliveries.deliverDue()).toBe(2);
      expect(endpoint.received.map((r) => r.headers['x-sms-event-id']).sort()).toEqual([inFlight.id, queued.id].sort());
      expect([(await proc.store.status(inFlight.id))?.state, (await proc.store.status(queued.id))?.state]).toEqual(['DELIVERED', 'DELIVERED']);
    } finally {
      await closeServer(endpoint.server);
      slow.closeAllConnections();
      await closeServer(slow);
    }
  });

  it('with WEBHOOK_ALLOW_PRIVATE=false refuses loopback and private targets, by address and by name', async () => {
    proc.db.close();
    proc = open({ allowPrivate: false });
    const endpoint = await customerEndpoint([200]);
    const port = new URL(endpoint.url).port;
    try {
      for (const url of [endpoint.url, `http://localhost:${port}/hooks`, `http://[::1]:${port}/`, 'http://10.1.2.3/', 'http://169.254.169.254/latest/meta-data/', 'http://0x7f000001/', 'http://[::ffff:127.0.0.1]/']) {
        await expect(proc.configure.handle({ accountId: 'acc-1', url, secret: SECRET })).rejects.toMatchObject({ code: 'WEBHOOK_TARGET_FORBIDDEN', status: 422 });
      }
      expect(await proc.store.find('acc-1')).toBeUndefined();
      expect(endpoint.received).toEqual([]);
    } finally {
      await closeServer(endpoint.server);
    }
  });

  it('checks the target again at every delivery and connects only to the address it checked (DNS rebinding)', async () => {
    const endpoint = await customerEndpoint([200]);
    const port = new URL(endpoint.url).port;
    try {
      // A name the system resolver does not know: it is reached only through the guard's answer (the pinned lookup).
      proc.db.close();
      proc = open({ allowPrivate: true, resolve: async () => [{ address: '127.0.0.1', family: 4 }] });
      await proc.configure.handle({ accountId: 'acc-1', url: `http://hooks.rebind.invalid:${port}/sms`, secret: SECRET });
      const first = receipt('acc-1');
      await consume(proc);
      await bus.publish(PUBLIC_TOPICS.deliveryReceipts, [first]);
      await proc.deliveries.deliverDue();
      expect(endpoint.received.map((r) => [r.headers['x-sms-event-id'], r.headers.host])).toEqual([[first.id, `hooks.rebind.invalid:${port}`]]);

      // Public when configured, private when delivered: refused at delivery, nothing sent, retried later.
      const answers = [[{ address: '93.184.215.14', family: 4 }], [{ address: '127.0.0.1', family: 4 }]];
      proc.db.close();
      proc = open({ allowPrivate: false, resolve: async () => answers.shift() ?? [{ address: '127.0.0.1', family: 4 }] });
      await consume(proc);
      await proc.configure.handle({ accountId: 'acc-2', url: `http://hooks.rebind.invalid:${port}/sms`, secret: SECRET });
      const second = receipt('acc-2');
      await bus.publish(PUBLIC_TOPICS.deliveryReceipts, [second]);
      await proc.deliveries.deliverDue();
      expect(endpoint.received).toHaveLength(1);
      expect(await proc.store.status(second.id)).toMatchObject({ state: 'PENDING', attempts: 1, lastError: expect.stringMatching(/^WEBHOOK_TARGET_FORBIDDEN: .* loopback address/) });
    } finally {
      await closeServer(endpoint.server);
    }
  });

  it('gives a delivery up as dead once its endpoint failed for the whole retry period', async () => {
    const endpoint = await customerEndpoint([503]);
    try {
      await proc.configure.handle({ accountId: 'acc-1', url: endpoint.url, secret: SECRET });
      const event = receipt('acc-1');
      await bus.publish(PUBLIC_TOPICS.deliveryReceipts, [event]);
      for (let i = 0; i < 100; i++) {
        await proc.deliveries.deliverDue();
        const status = await proc.store.status(event.id);
        if (status?.state !== 'PENDING') break;
        now = status.nextAttemptAt;
      }
      expect(await proc.store.status(event.id)).toMatchObject({ state: 'DEAD', settledAt: T0 + 24 * 3_600_000, lastError: 'HTTP 503' });
      expect(endpoint.received.length).toBeGreaterThan(20);
    } finally {
      await closeServer(endpoint.server);
    }
  });
});

/**
 * The same through dispatch itself (DispatchModule on SQLite and the in-process bus): the REST routes, and a carrier
 * report becoming a public receipt becoming a signed POST — the sender's own loop, real timers.
 */
describe('webhooks in dispatch (REST, bus, sender loop)', () => {
  const accountId = randomUUID();
  const services: Array<{ dir: string; service: ServiceUnderTest }> = [];

  async function boot(config: Record<string, unknown>): Promise<ServiceUnderTest> {
    const dir = mkdtempSync(join(tmpdir(), 'dispatch-webhooks-svc-'));
    const service = await startServiceUnderTest({ module: DispatchModule, dataDir: dir, config, collect: [PUBLIC_TOPICS.deliveryReceipts] });
    services.push({ dir, service });
    const changedAt = new Date().toISOString();
    await service.bus.publish(INTERNAL_TOPICS.accounts, [
      testEvent(ACCOUNT_STATUS_CHANGED_V1, SOURCES.accountBilling, accountId, { accountId, status: 'ACTIVE', currency: 'CNY', changedAt } satisfies AccountStatusChangedV1),
    ]);
    return service;
  }

  afterAll(async () => {
    for (const { dir, service } of services) {
      await service.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('sets, shows (never the secret), replaces and removes a webhook; validates; refuses private targets; hides other tenants', async () => {
    const service = await boot({ WEBHOOK_ALLOW_PRIVATE: 'false' });
    const token = await announceCustomerKey(service.bus, accountId);
    const path = `${service.url}/v1/accounts/${accountId}/webhook`;
    expect(await callJson('GET', path, undefined, token)).toMatchObject({ status: 404, body: { code: 'WEBHOOK_NOT_FOUND' } });
    const put = await callJson('PUT', path, { url: 'http://93.184.215.14/hooks/sms', secret: SECRET }, token);
    expect(put).toMatchObject({ status: 200, body: { accountId, url: 'http://93.184.215.14/hooks/sms', updatedAt: expect.any(String) } });
    const shown = await callJson('GET', path, undefined, token);
    expect(shown.body).toEqual(put.body);
    expect(JSON.stringify(shown.body)).not.toContain(SECRET);
    // Staff see it too.
    expect((await callJson('GET', path)).body).toEqual(put.body);

    for (const body of [
      { url: 'ftp://93.184.215.14/x', secret: SECRET },
      { url: `https://93.184.215.14/${'a'.repeat(2048)}`, secret: SECRET },
      { url: 'https://93.184.215.14/x', secret: 'short' },
      { url: 'https://93.184.215.14/x', secret: 'x'.repeat(257) },
      { url: 'https://93.184.215.14/x' },
      { url: 42, secret: SECRET },
      { url: 'https://93.184.215.14/x', secret: SECRET, extra: true },
    ]) {
      expect([body, await callJson('PUT', path, body, token)]).toEqual([body, expect.objectContaining({ status: 400, body: expect.objectContaining({ code: 'VALIDATION_FAILED' }) })]);
    }
    for (const url of ['http://127.0.0.1:8080/hook', 'http://localhost/hook', 'http://192.168.1.10/hook', 'http://[fe80::1]/hook', 'http://100.64.0.1/hook']) {
      const refused = await callJson('PUT', path, { url, secret: SECRET }, token);
      expect([url, refused.status, refused.body.code, refused.contentType]).toEqual([url, 422, 'WEBHOOK_TARGET_FORBIDDEN', expect.stringContaining('application/problem+json')]);
    }
    expect((await callJson('GET', path, undefined, token)).body.url).toBe('http://93.184.215.14/hooks/sms');

    // Another tenant's key: the account does not exist for it.
    const other = await announceCustomerKey(service.bus, randomUUID());
    expect(await callJson('GET', path, undefined, other)).toMatchObject({ status: 404, body: { code: 'ACCOUNT_NOT_FOUND' } });
    expect(await callJson('PUT', path, { url: 'http://93.184.215.14/steal', secret: SECRET }, other)).toMatchObject({ status: 404, body: { code: 'ACCOUNT_NOT_FOUND' } });
    expect(await callJson('DELETE', path, undefined, other)).toMatchObject({ status: 404, body: { code: 'ACCOUNT_NOT_FOUND' } });
    // An account dispatch never heard of, named by staff.
    expect(await callJson('PUT', `${service.url}/v1/accounts/${randomUUID()}/webhook`, { url: 'http://93.184.215.14/x', secret: SECRET })).toMatchObject({ status: 404, body: { code: 'ACCOUNT_NOT_FOUND' } });

    expect((await callJson('DELETE', path, undefined, token)).status).toBe(204);
    expect(await callJson('DELETE', path, undefined, token)).toMatchObject({ status: 404, body: { code: 'WEBHOOK_NOT_FOUND' } });
    expect(await callJson('GET', path, undefined, token)).toMatchObject({ status: 404, body: { code: 'WEBHOOK_NOT_FOUND' } });
  });

  it('turns a carrier report into a public receipt and a signed POST to the account’s endpoint', async () => {
    const service = await boot({ WEBHOOK_ALLOW_PRIVATE: 'true' });
    const token = await announceCustomerKey(service.bus, accountId);
    const endpoint = await customerEndpoint([200]);
    try {
      expect((await callJson('PUT', `${service.url}/v1/accounts/${accountId}/webhook`, { url: endpoint.url, secret: SECRET }, token)).status).toBe(200);
      const report: DeliveryReportedV1 = {
        accountId,
        channelId: 'smpp-default',
        reports: [
          {
            messageId: randomUUID(),
            batchId: randomUUID(),
            operatorMessageId: 'op-77',
            status: 'DELIVERED',
            submittedAt: '2026-11-23T10:00:01.000Z',
            doneAt: '2026-11-23T10:00:03.000Z',
            phoneNumber: '+8613800138000',
            operator: 'CMCC',
            outId: 'order-42',
            segments: 1,
          },
        ],
      };
      await service.bus.publish(INTERNAL_TOPICS.deliveryReports, [testEvent(DELIVERY_REPORTED_V1, SOURCES.carrierAdapter, accountId, report)]);
      const [published] = service.publishedOn<DeliveryReportV1>(PUBLIC_TOPICS.deliveryReceipts);
      const [request] = await eventually(() => (endpoint.received.length > 0 ? endpoint.received : undefined), 'the webhook POST', 10_000, 20);
      expect(request.headers['x-sms-event-id']).toBe(published.id);
      expect(verifySignature(SECRET, request.body, request.headers['x-sms-signature'] as string)).toBe(true);
      expect(JSON.parse(request.body)).toMatchObject({
        specversion: '1.0',
        id: published.id,
        type: DELIVERY_REPORT_V1,
        data: { accountId, status: 'DELIVERED', outId: 'order-42', operatorMessageId: 'op-77', phoneNumber: '+8613800138000' },
      });
    } finally {
      await closeServer(endpoint.server);
    }
  });
});
