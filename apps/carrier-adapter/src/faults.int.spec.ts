// The simulators stand in for operators here; a test-only reach across the app boundary.
import { type FaultRate, startCmppSimulator, startSmppSimulator } from '@sms/carrier-simulator';
import { CHANNEL_HEALTH_V1, type ChannelHealthV1, type DeliveryReportedV1, INTERNAL_TOPICS, MESSAGES_ROUTED_V1, type MessagesRoutedV1, type MessagesSubmittedV1, SOURCES } from '@sms/contracts';
import { eventually, freePort, type ServiceUnderTest, startServiceUnderTest, testEvent } from '@sms/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CarrierAdapterModule } from './carrier-adapter.module';

/**
 * Issue 10 §6: the carrier adapter against an operator that misbehaves, for each protocol — its SQLite queue, the
 * in-process bus and the simulator over a socket. Every case asserts what an operator's fault must never cost: each
 * message answered once (one submission result, so billed once), reported once, with the right status.
 */

/** 80 UCS-2 characters: two segments (67 + 13). */
const LONG = '【测试】尊敬的客户，您的订单已经发货，预计三天内送达，请保持手机畅通以便快递员联系您。如有疑问请联系客服，感谢您的支持与信任，祝您生活愉快，工作顺利！';

/** The fault knobs both simulators share. */
interface Faults {
  latencyMs?: number;
  receiptDelayMs?: number;
  receiptJitterMs?: number;
  receiptBeforeResponse?: boolean;
  throttleRate?: FaultRate;
  dropConnectionAfter?: number;
  hangAfter?: number;
  credentials?: 'right' | 'wrong';
}

interface Simulator {
  close(): Promise<void>;
  stats(): { submits: number; throttled: number; drops: number; hangs: number };
}

interface Operator {
  protocol: 'smpp' | 'cmpp';
  channelId: string;
  start(port: number, faults: Faults): Promise<Simulator>;
  /** The adapter's settings for this channel on `port`. */
  config(port: number): Record<string, unknown>;
}

const SMPP: Operator = {
  protocol: 'smpp',
  channelId: 'smpp-default',
  start: async (port, { credentials, ...faults }) =>
    startSmppSimulator({ host: '127.0.0.1', port, ...faults, ...(credentials ? { credentials: { acme: credentials === 'right' ? 'secret' : 'rotated' } } : {}) }),
  config: (port) => ({ SMPP_HOST: '127.0.0.1', SMPP_PORT: port, SMPP_SYSTEM_ID: 'acme', SMPP_PASSWORD: 'secret', SMPP_WINDOW: 10 }),
};

const CMPP: Operator = {
  protocol: 'cmpp',
  channelId: 'cmpp-default',
  start: async (port, { credentials, ...faults }) =>
    startCmppSimulator({ host: '127.0.0.1', port, ...faults, ...(credentials ? { credentials: { '901234': credentials === 'right' ? 'secret' : 'rotated' } } : {}) }),
  config: (port) => ({ CMPP_ENABLED: true, CMPP_HOST: '127.0.0.1', CMPP_PORT: port, CMPP_SP_ID: '901234', CMPP_SHARED_SECRET: 'secret', CMPP_WINDOW: 10 }),
};

const OPERATORS: Operator[] = [SMPP, CMPP];

describe.each(OPERATORS.map((o) => [o.protocol, o] as const))('carrier adapter against a misbehaving %s operator', (_protocol, operator) => {
  let dataDir: string;
  let port: number;
  let service: ServiceUnderTest | undefined;
  let simulator: Simulator | undefined;

  const boot = (settings: Record<string, unknown> = {}) =>
    startServiceUnderTest({
      module: CarrierAdapterModule,
      dataDir,
      collect: [INTERNAL_TOPICS.submissions, INTERNAL_TOPICS.deliveryReports, INTERNAL_TOPICS.channelHealth],
      config: {
        // The other protocol's default channel points nowhere: only this one carries traffic.
        ...SMPP.config(1),
        ...operator.config(port),
        CARRIER_RESPONSE_TIMEOUT_MS: 400,
        CARRIER_KEEPALIVE_MS: 1_000,
        CARRIER_RECONNECT_BACKOFF_MS: '20,200',
        CHANNEL_HEALTH_INTERVAL_MS: 200,
        // Nothing is handed back to dispatch during a case: the queue must survive the fault where it is.
        CHANNEL_FAILOVER_GRACE_MS: 600_000,
        ...settings,
      },
    });

  const routed = (count: number, prefix: string, text = (i: number) => `【测试】第${i}条`, segments = 1) =>
    testEvent<MessagesRoutedV1>(MESSAGES_ROUTED_V1, SOURCES.dispatch, 'acc-faults', {
      batchId: randomUUID(),
      accountId: 'acc-faults',
      channelId: operator.channelId,
      routedAt: new Date().toISOString(),
      messages: Array.from({ length: count }, (_, i) => ({
        messageId: `${prefix}-${i}`,
        phoneNumber: `+86138${String(i).padStart(8, '0')}`,
        text: text(i),
        segments,
        operator: 'CMCC' as const,
      })),
    });

  const results = (s: ServiceUnderTest) => s.publishedOn<MessagesSubmittedV1>(INTERNAL_TOPICS.submissions).flatMap((e) => e.data.results);
  const reports = (s: ServiceUnderTest) => s.publishedOn<DeliveryReportedV1>(INTERNAL_TOPICS.deliveryReports).flatMap((e) => e.data.reports);

  /** Waits until every message has its submission result and report, then checks each came exactly once. */
  async function expectEachOnce(s: ServiceUnderTest, ids: string[], segments = 1, timeoutMs = 20_000): Promise<void> {
    await eventually(() => (new Set(reports(s).map((r) => r.messageId)).size >= ids.length ? true : undefined), `${ids.length} delivery reports`, timeoutMs, 20);
    // A moment for a duplicate to show up, were there one.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const submitted = results(s);
    expect(submitted.map((r) => r.messageId).sort()).toEqual([...ids].sort());
    expect(submitted.every((r) => r.status === 'SUBMITTED' && r.segmentsSubmitted === segments && r.segmentsFailed === 0)).toBe(true);
    const reported = reports(s);
    expect(reported.map((r) => r.messageId).sort()).toEqual([...ids].sort());
    expect(reported.every((r) => r.status === 'DELIVERED')).toBe(true);
  }

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), `carrier-faults-${operator.protocol}-`));
    port = await freePort();
  });

  afterEach(async () => {
    await service?.close();
    await simulator?.close();
    service = undefined;
    simulator = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses nothing and sends nothing twice when the connection drops with a full window', async () => {
    simulator = await operator.start(port, { dropConnectionAfter: 15, latencyMs: 5 });
    service = await boot();
    const event = routed(60, 'drop');
    await service.bus.publish(INTERNAL_TOPICS.messagesRouted, [event]);

    await expectEachOnce(service, event.data.messages.map((m) => m.messageId));
    expect(simulator.stats().drops).toBeGreaterThanOrEqual(3);
  }, 30_000);

  it('rides out a throttling storm: every message goes, once, after the pauses', async () => {
    simulator = await operator.start(port, { throttleRate: { every: 2 } });
    service = await boot();
    const event = routed(40, 'storm');
    await service.bus.publish(INTERNAL_TOPICS.messagesRouted, [event]);

    await expectEachOnce(service, event.data.messages.map((m) => m.messageId));
    expect(simulator.stats().throttled).toBeGreaterThanOrEqual(20);
    // The channel said so in its health while it lasted.
    const health = service.publishedOn<ChannelHealthV1>(INTERNAL_TOPICS.channelHealth).filter((e) => e.type === CHANNEL_HEALTH_V1 && e.data.channelId === operator.channelId);
    expect(health.some((e) => e.data.throttleRate > 0)).toBe(true);
  }, 30_000);

  it('sends again what an operator never answered, and reports each message once', async () => {
    simulator = await operator.start(port, { hangAfter: 5 });
    service = await boot();
    const event = routed(12, 'hang');
    await service.bus.publish(INTERNAL_TOPICS.messagesRouted, [event]);

    await expectEachOnce(service, event.data.messages.map((m) => m.messageId));
    expect(simulator.stats().hangs).toBeGreaterThanOrEqual(2);
  }, 30_000);

  it('matches a receipt that arrives before the answer to its submit', async () => {
    simulator = await operator.start(port, { receiptBeforeResponse: true });
    service = await boot();
    const event = routed(20, 'early');
    await service.bus.publish(INTERNAL_TOPICS.messagesRouted, [event]);

    await expectEachOnce(service, event.data.messages.map((m) => m.messageId));
  }, 30_000);

  it("reports a long message once, whatever order its parts' and other messages' receipts come back in", async () => {
    simulator = await operator.start(port, { receiptDelayMs: 10, receiptJitterMs: 300 });
    service = await boot();
    const event = routed(10, 'shuffled', (i) => `${LONG}${i}`, 2);
    await service.bus.publish(INTERNAL_TOPICS.messagesRouted, [event]);

    await expectEachOnce(service, event.data.messages.map((m) => m.messageId), 2);
    expect(reports(service).every((r) => r.segments === 2)).toBe(true);
  }, 30_000);

  if (operator.protocol === 'smpp') {
    it.each([
      ['in decimal', 'decimal', { SMPP_SUBMIT_ID_BASE: 'hex', SMPP_RECEIPT_ID_BASE: 'decimal' }],
      ['upper-cased', 'upper', {}],
    ] as const)('matches receipts that write the hex id of the submit answer %s', async (_how, receiptIdForm, settings) => {
      simulator = await startSmppSimulator({ host: '127.0.0.1', port, receiptIdForm });
      service = await boot(settings);
      const event = routed(10, `ids-${receiptIdForm}`);
      await service.bus.publish(INTERNAL_TOPICS.messagesRouted, [event]);

      await expectEachOnce(service, event.data.messages.map((m) => m.messageId));
    }, 30_000);
  }

  it('matches receipts that arrive after the adapter restarted', async () => {
    simulator = await operator.start(port, { receiptDelayMs: 1_500 });
    service = await boot();
    const event = routed(5, 'late');
    const ids = event.data.messages.map((m) => m.messageId);
    await service.bus.publish(INTERNAL_TOPICS.messagesRouted, [event]);
    const first = service;
    await eventually(() => (results(first).length === ids.length ? true : undefined), 'the submissions', 10_000, 20);
    expect(reports(first)).toEqual([]);
    await service.close();

    // The receipts fall due while the adapter is away; the operator keeps them for the next bind.
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    service = await boot();
    const second = service;
    await eventually(() => (reports(second).length >= ids.length ? true : undefined), 'the delivery reports after the restart', 15_000, 20);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(reports(second).map((r) => [r.messageId, r.status]).sort()).toEqual(ids.map((id) => [id, 'DELIVERED']).sort());
    expect(results(second)).toEqual([]);
  }, 30_000);

  it('keeps retrying a refused bind with backoff, holds the queue, and sends it once the account is fixed', async () => {
    simulator = await operator.start(port, { credentials: 'wrong' });
    service = await boot();
    const event = routed(5, 'refused');
    await service.bus.publish(INTERNAL_TOPICS.messagesRouted, [event]);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(results(service)).toEqual([]);
    expect(simulator.stats().submits).toBe(0);
    const down = service.publishedOn<ChannelHealthV1>(INTERNAL_TOPICS.channelHealth).filter((e) => e.data.channelId === operator.channelId);
    expect(down.at(-1)?.data).toMatchObject({ state: 'DOWN', sessionsBound: 0, queued: 5 });

    await simulator.close();
    simulator = await operator.start(port, { credentials: 'right' });
    await expectEachOnce(service, event.data.messages.map((m) => m.messageId));
  }, 30_000);
});
