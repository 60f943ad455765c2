import { DELIVERY_REPORTED_V1, type DeliveryReportedV1, type DeliveryReportV1, PUBLIC_TOPICS } from '@sms/contracts';
import { ephemeralDataProtection } from '@sms/data-protection';
import { InProcessBus, type IntegrationEvent } from '@sms/messaging';
import { loadConfig } from '@sms/service-kit';
import { consumedEvent } from '@sms/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DispatchConfig } from '../../dispatch.config';
import { DeliverWebhooksHandler } from '../../webhooks/deliver-webhooks/handler';
import { retryPolicy } from '../../webhooks/domain/retry-schedule';
import { verifySignature } from '../../webhooks/domain/signature';
import { EnqueueDeliveriesHandler } from '../../webhooks/enqueue-deliveries/handler';
import { DnsTargetGuard } from '../../webhooks/infrastructure/dns-target-guard';
import { HttpWebhookPoster } from '../../webhooks/infrastructure/http-webhook-poster';
import { SqliteWebhookStore } from '../../webhooks/infrastructure/sqlite-webhook-store';
import { batchOf } from '../application/message-read-model.contract';
import { type DispatchSqlite, openDispatchDatabase } from '../infrastructure/dispatch-database';
import { SqliteMessageReadModel } from '../infrastructure/sqlite-message-read-model';
import { ReportDeliveriesHandler } from '../report-deliveries/handler';
import { ExpireMessagesHandler } from './handler';

const SECRET = 'whsec-expiry-0123456789';

/**
 * Receipts that never come, on real parts: dispatch's SQLite file, the in-process bus, the webhook outbox and a
 * node:http endpoint. The clock is moved past RECEIPT_VALIDITY instead of waiting.
 */
describe('receipt expiry (SQLite + in-process bus + webhook)', () => {
  let dir: string;
  let dispatch: DispatchSqlite;
  let messages: SqliteMessageReadModel;
  let bus: InProcessBus;
  let now: number;
  const clock = { now: () => new Date(now) };
  const protection = ephemeralDataProtection();
  const config = loadConfig({}).settings(DispatchConfig);
  const published: Array<IntegrationEvent<DeliveryReportV1>> = [];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dispatch-expiry-int-'));
    dispatch = openDispatchDatabase(join(dir, 'dispatch.db'));
    messages = new SqliteMessageReadModel(dispatch.db, protection);
    bus = new InProcessBus();
    published.length = 0;
    await bus.subscribe({ groupId: 'test.receipts', topics: [PUBLIC_TOPICS.deliveryReceipts], handler: async (event) => void published.push(event as IntegrationEvent<DeliveryReportV1>) });
    now = Date.parse('2026-11-20T10:00:00.000Z');
  });

  afterEach(async () => {
    await bus.close();
    dispatch.db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const submit = (ids: string[], submittedAt: string) =>
    dispatch.readModels.transaction(() => messages.advance(ids.map((messageId) => ({ messageId, status: 'SUBMITTED', operatorMessageIds: [`op-${messageId}`], submittedAt, channelId: 'smpp-default' }))));

  it('expires what has no receipt 72 h after submission, publishes and webhooks it, and a late receipt does not move it back', async () => {
    // The account's webhook, on its own file, fed from the public topic like in the service.
    const endpoint: Array<{ body: string; signature: string }> = [];
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        endpoint.push({ body, signature: String(request.headers['x-sms-signature']) });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const webhooks = new SqliteWebhookStore(dispatch.db, protection.ring);
    await webhooks.save({ accountId: 'acc-1', url: `http://127.0.0.1:${(server.address() as { port: number }).port}/sms`, secret: SECRET, updatedAt: new Date(now).toISOString() });
    await bus.subscribe({ groupId: 'dispatch.webhooks', topics: [PUBLIC_TOPICS.deliveryReceipts], handler: (event) => new EnqueueDeliveriesHandler(webhooks, webhooks, dispatch.readModels, clock).handle(event) });
    const sender = new DeliverWebhooksHandler({
      outbox: webhooks,
      subscriptions: webhooks,
      unitOfWork: dispatch.readModels,
      guard: new DnsTargetGuard({ allowPrivate: true }),
      poster: new HttpWebhookPoster(2_000),
      clock,
      policy: retryPolicy(24),
      limits: { maxInFlight: 4, maxInFlightPerAccount: 4 },
      metrics: { record: () => undefined },
    });

    try {
      await dispatch.readModels.transaction(() => messages.insertBatches([batchOf('b-1', ['m-1', 'm-2', 'm-3'], { outId: 'order-7' })]));
      await submit(['m-1', 'm-2'], '2026-11-20T10:00:00.000Z');
      await submit(['m-3'], '2026-11-21T10:00:00.000Z');
      const expire = new ExpireMessagesHandler(bus, dispatch.readModels, messages, clock, config);

      now = Date.parse('2026-11-23T09:59:59.999Z');
      expect(await expire.handle()).toBe(0);
      now = Date.parse('2026-11-23T10:00:00.001Z');
      expect(await expire.handle()).toBe(2);

      expect(await messages.find('m-1')).toMatchObject({ status: 'EXPIRED', errorCode: 'RECEIPT_TIMEOUT', doneAt: '2026-11-23T10:00:00.000Z', submittedAt: '2026-11-20T10:00:00.000Z' });
      expect((await messages.find('m-3'))?.status).toBe('SUBMITTED');
      expect(published.map((e) => [e.data.messageId, e.data.status, e.data.errorCode, e.data.outId, e.data.phoneNumber, e.data.operatorMessageId])).toEqual([
        ['m-1', 'EXPIRED', 'RECEIPT_TIMEOUT', 'order-7', '+8613800138000', 'op-m-1'],
        ['m-2', 'EXPIRED', 'RECEIPT_TIMEOUT', 'order-7', '+8613800138001', 'op-m-2'],
      ]);

      // Webhooked like any final receipt.
      expect(await sender.deliverDue()).toBe(2);
      expect(endpoint.map((r) => JSON.parse(r.body).data.status)).toEqual(['EXPIRED', 'EXPIRED']);
      expect(endpoint.every((r) => verifySignature(SECRET, r.body, r.signature))).toBe(true);

      // The operator's receipt arrives after all: published as the operator said it, but the message stays EXPIRED.
      const late: DeliveryReportedV1 = {
        accountId: 'acc-1',
        channelId: 'smpp-default',
        reports: [{ messageId: 'm-1', batchId: 'b-1', operatorMessageId: 'op-m-1', status: 'DELIVERED', doneAt: '2026-11-23T11:00:00.000Z' }],
      };
      await new ReportDeliveriesHandler(bus, dispatch.readModels, messages).handle(consumedEvent(DELIVERY_REPORTED_V1, late));
      expect(await messages.find('m-1')).toMatchObject({ status: 'EXPIRED', errorCode: 'RECEIPT_TIMEOUT' });

      // The next day the third one goes too; nothing expires twice.
      now = Date.parse('2026-11-24T10:00:00.001Z');
      expect(await expire.handle()).toBe(1);
      expect(await expire.handle()).toBe(0);
      expect(published.filter((e) => e.data.status === 'EXPIRED').map((e) => e.data.messageId)).toEqual(['m-1', 'm-2', 'm-3']);
    } finally {
      await sender.stop();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('honours RECEIPT_VALIDITY_HOURS', async () => {
    await dispatch.readModels.transaction(() => messages.insertBatches([batchOf('b-1', ['m-1'])]));
    await submit(['m-1'], '2026-11-20T10:00:00.000Z');
    const hourly = loadConfig({ RECEIPT_VALIDITY_HOURS: '1' }).settings(DispatchConfig);
    now = Date.parse('2026-11-20T11:00:00.001Z');
    expect(await new ExpireMessagesHandler(bus, dispatch.readModels, messages, clock, hourly).handle()).toBe(1);
    expect(published.map((e) => e.data.doneAt)).toEqual(['2026-11-20T11:00:00.000Z']);
  });

  it('finds overdue messages through the partial index of those awaiting a receipt, whatever else the table holds', async () => {
    // 100,000 messages, all but 50 long delivered: the sweep reads the 50, not the table.
    const batches = Array.from({ length: 100 }, (_, b) => batchOf(`b-${b}`, Array.from({ length: 1_000 }, (_, i) => `m-${b}-${i}`), { acceptedAt: '2026-11-19T10:00:00.000Z' }));
    await dispatch.readModels.transaction(() => messages.insertBatches(batches));
    const all = batches.flatMap((b) => b.messages.map((m) => m.messageId));
    await submit(all, '2026-11-19T10:00:01.000Z');
    await dispatch.readModels.transaction(() => messages.advance(all.slice(50).map((messageId) => ({ messageId, status: 'DELIVERED', doneAt: '2026-11-19T10:00:02.000Z' }))));

    const plan = (dispatch.db.prepare(`EXPLAIN QUERY PLAN SELECT * FROM messages INDEXED BY messages_awaiting_receipt WHERE status = 'SUBMITTED' AND submitted_at < ? ORDER BY submitted_at, message_id LIMIT 500`).all('x') as Array<{ detail: string }>).map((r) => r.detail);
    expect(plan.join(' | ')).toMatch(/SEARCH messages USING INDEX messages_awaiting_receipt \(submitted_at<\?\)/);
    expect(plan.join(' | ')).not.toMatch(/TEMP B-TREE/);
    const entries = (dispatch.db.prepare("SELECT count(*) AS n FROM messages INDEXED BY messages_awaiting_receipt WHERE status = 'SUBMITTED'").get() as { n: number }).n;
    expect(entries).toBe(50);

    now = Date.parse('2026-11-23T10:00:00.000Z');
    const started = performance.now();
    expect(await new ExpireMessagesHandler(bus, dispatch.readModels, messages, clock, config).handle()).toBe(50);
    // Generous: the work is 50 rows, not 100,000 (a scan of the table alone takes longer on this machine).
    expect(performance.now() - started).toBeLessThan(1_000);
  }, 60_000);
});
