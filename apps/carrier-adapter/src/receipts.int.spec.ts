import {
  createSmppServer,
  encodeDeliverSm,
  encodeSubmitSmResp,
  isHotPdu,
  receiptDeliverSmFields,
  type SmppConnection,
  type SubmitSmPdu,
} from '@sms/carrier-protocols';
import { CHANNEL_HEALTH_V1, type ChannelHealthV1, type DeliveryReportedV1, INTERNAL_TOPICS, MESSAGES_ROUTED_V1, type MessagesRoutedV1, type MessagesSubmittedV1, SOURCES } from '@sms/contracts';
import { eventually, type ServiceUnderTest, startServiceUnderTest, testEvent } from '@sms/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CarrierAdapterModule } from './carrier-adapter.module';
import type { CarrierState } from './submission/application/carrier-state.port';
import { CARRIER_STATE } from './submission/application/tokens';

/** A submit_sm the scripted SMSC holds until the test answers it. */
interface HeldSubmit {
  pdu: SubmitSmPdu;
  connection: SmppConnection;
}

/**
 * An SMSC the test scripts, over a real socket with the codec of `@sms/carrier-protocols`: it binds anyone, holds every
 * submit_sm until told to answer it, and sends receipts for any id whenever told — before the submit's answer, for an
 * id it never gave, on a later bind. The simulator always answers first and receipts after; operators do not.
 */
class ScriptedSmsc {
  private readonly server = createSmppServer((connection) => this.accept(connection));
  private readonly held: HeldSubmit[] = [];
  private readonly waiters: Array<() => void> = [];
  private readonly acknowledged = new Map<number, () => void>();
  private bound?: SmppConnection;

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }

  /** The next submit_sm (in arrival order), once it has come. */
  async nextSubmit(): Promise<HeldSubmit> {
    await this.until(() => this.held.length > 0);
    return this.held.shift() as HeldSubmit;
  }

  /** Answers a held submit with this operator id, on the connection it came on. */
  answer(submit: HeldSubmit, operatorMessageId: string): void {
    submit.connection.write(encodeSubmitSmResp(submit.pdu.sequence_number, 0, operatorMessageId));
  }

  /** Sends a receipt for `operatorMessageId` on the connection bound now; resolves once the ESME acknowledged it. */
  async receipt(about: SubmitSmPdu, operatorMessageId: string, stat = 'DELIVRD'): Promise<void> {
    await this.until(() => this.bound !== undefined);
    const connection = this.bound as SmppConnection;
    const sequence = connection.nextSequence();
    const now = new Date();
    const fields = receiptDeliverSmFields({ submit: about, messageId: operatorMessageId, stat, submitDate: now, doneDate: now, text: '' });
    const acknowledged = new Promise<void>((resolve) => this.acknowledged.set(sequence, resolve));
    connection.write(encodeDeliverSm(sequence, fields));
    await acknowledged;
  }

  /** Drops every connection without a word: what was in flight is never answered. */
  drop(): void {
    this.bound?.socket.destroy();
    this.bound = undefined;
  }

  async close(): Promise<void> {
    this.drop();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(connection: SmppConnection): void {
    connection.on('error', () => undefined);
    connection.on('close', () => {
      if (this.bound === connection) this.bound = undefined;
    });
    connection.on('pdu', (pdu) => {
      if (isHotPdu(pdu)) {
        if (pdu.command === 'submit_sm') this.held.push({ pdu, connection });
        if (pdu.command === 'deliver_sm_resp') this.acknowledged.get(pdu.sequence_number)?.();
      } else if (pdu.command.startsWith('bind_')) {
        this.bound = connection;
        connection.send(pdu.response({ system_id: 'SCRIPTED' }));
      } else if (pdu.command === 'enquire_link') {
        connection.send(pdu.response());
      } else if (pdu.command === 'unbind') {
        connection.send(pdu.response(), () => connection.socket.end());
      }
      this.notify();
    });
  }

  private notify(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  private async until(condition: () => boolean): Promise<void> {
    while (!condition()) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }
}

/** 80 UCS-2 characters: two segments (67 + 13). */
const LONG = '【测试】' + '尊敬的客户，您的订单已经发货，预计三天内送达，请保持手机畅通以便快递员联系您。如有疑问请联系客服，感谢您的支持与信任，祝您生活愉快，工作顺利，万事如意！';
const CHANNEL = 'smpp-default';

/**
 * Receipts that always find their message (issue 10 §2, ADR 0039), against real parts: the adapter's SQLite file, the
 * in-process bus and an SMSC over a socket. A receipt that overtakes its submit_sm_resp, names an id we never had, or
 * comes after a restart is kept, matched when it can be, and reported once.
 */
describe('carrier adapter: receipts that come early, unknown, or after a restart', () => {
  let dataDir: string;
  let smsc: ScriptedSmsc;
  let port: number;
  let service: ServiceUnderTest | undefined;

  const boot = (settings: Record<string, unknown> = {}) =>
    startServiceUnderTest({
      module: CarrierAdapterModule,
      dataDir,
      collect: [INTERNAL_TOPICS.submissions, INTERNAL_TOPICS.deliveryReports, INTERNAL_TOPICS.channelHealth],
      config: { SMPP_HOST: '127.0.0.1', SMPP_PORT: port, SMPP_WINDOW: 10, CHANNEL_HEALTH_INTERVAL_MS: 100, CHANNEL_FAILOVER_GRACE_MS: 600_000, ...settings },
    });
  const routed = (messages: Array<{ messageId: string; text?: string; segments?: number }>) =>
    testEvent<MessagesRoutedV1>(MESSAGES_ROUTED_V1, SOURCES.dispatch, 'acc-receipts', {
      batchId: randomUUID(),
      accountId: 'acc-receipts',
      channelId: CHANNEL,
      routedAt: new Date().toISOString(),
      messages: messages.map((m, i) => ({ messageId: m.messageId, phoneNumber: `+8613800138${String(i).padStart(3, '0')}`, text: m.text ?? '【测试】您好', segments: m.segments ?? 1, operator: 'CMCC' as const })),
    });
  const results = (s: ServiceUnderTest) => s.publishedOn<MessagesSubmittedV1>(INTERNAL_TOPICS.submissions).flatMap((e) => e.data.results);
  const reports = (s: ServiceUnderTest) => s.publishedOn<DeliveryReportedV1>(INTERNAL_TOPICS.deliveryReports).flatMap((e) => e.data.reports);
  const health = (s: ServiceUnderTest) => s.publishedOn<ChannelHealthV1>(INTERNAL_TOPICS.channelHealth).filter((e) => e.type === CHANNEL_HEALTH_V1 && e.data.channelId === CHANNEL).map((e) => e.data);
  const state = (s: ServiceUnderTest) => s.get<CarrierState>(CARRIER_STATE);
  const kept = (s: ServiceUnderTest, count: number) => eventually(async () => ((await state(s).unmatchedReceipts(CHANNEL)) === count ? true : undefined), `${count} receipt(s) kept`, 5_000, 10);
  /** A moment for a duplicate to show up, were there one. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'carrier-receipts-'));
    smsc = new ScriptedSmsc();
    port = await smsc.listen();
  });

  afterEach(async () => {
    await service?.close();
    await smsc.close();
    service = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('reports a message DELIVERED once when its receipts came before its submit_sm_resp, out of order', async () => {
    service = await boot();
    const running = service;
    await running.bus.publish(INTERNAL_TOPICS.messagesRouted, [routed([{ messageId: 'm-early', text: LONG, segments: 2 }])]);
    const [part1, part2] = [await smsc.nextSubmit(), await smsc.nextSubmit()];

    // Part 2's receipt first, before either part is answered: kept in the adapter's file, nothing reported.
    await smsc.receipt(part2.pdu, 'E-2');
    await kept(running, 1);
    smsc.answer(part1, 'E-1');
    await smsc.receipt(part1.pdu, 'E-1');
    // Part 1 is answered but the message is not (part 2 is not): its receipt waits too.
    await kept(running, 2);
    expect(results(running)).toEqual([]);
    expect(reports(running)).toEqual([]);

    smsc.answer(part2, 'E-2');
    const [report] = await eventually(() => (reports(running).length > 0 ? reports(running) : undefined), 'the delivery report', 10_000, 10);
    expect(results(running)).toEqual([expect.objectContaining({ messageId: 'm-early', status: 'SUBMITTED', segmentsSubmitted: 2, operatorMessageIds: ['e-1', 'e-2'] })]);
    // The SMSC wrote 'E-1': ids are kept in their one canonical form (ADR 0039), here lower-cased.
    expect(report).toMatchObject({ messageId: 'm-early', status: 'DELIVERED', segments: 2 });
    expect(await state(running).unmatchedReceipts()).toBe(0);

    // The operator repeats a receipt: nothing more.
    await smsc.receipt(part1.pdu, 'E-1');
    await settle();
    expect(reports(running)).toHaveLength(1);
    expect(await state(running).unmatchedReceipts()).toBe(0);
  }, 30_000);

  it('keeps a receipt for an id the operator never gave, reports no delivery for it, and counts it in the channel health', async () => {
    service = await boot();
    const running = service;
    await running.bus.publish(INTERNAL_TOPICS.messagesRouted, [routed([{ messageId: 'm-known' }])]);
    const submit = await smsc.nextSubmit();
    smsc.answer(submit, 'K-1');
    await smsc.receipt(submit.pdu, 'K-1');
    await smsc.receipt(submit.pdu, 'GHOST-1', 'UNDELIV');
    await smsc.receipt(submit.pdu, 'GHOST-1', 'UNDELIV');

    const counted = await eventually(() => health(running).find((h) => h.unmatchedReceipts === 1), 'a health report counting the unmatched receipt', 5_000, 10);
    expect(counted).toMatchObject({ channelId: CHANNEL, state: 'UP' });
    await settle();
    expect(reports(running).map((r) => [r.messageId, r.status])).toEqual([['m-known', 'DELIVERED']]);
    expect(await state(running).unmatchedReceipts()).toBe(1);
    expect(health(running).at(-1)?.unmatchedReceipts).toBe(1);
  }, 30_000);

  it('matches a receipt the operator held past a restart, and keeps one whose answer a drop lost: each message reported once, the orphan counted', async () => {
    // No reconnect before the adapter is stopped: the restart, not a reconnect, is what is tested.
    service = await boot({ CARRIER_RECONNECT_BACKOFF_MS: '5000,5000' });
    const first = service;
    await first.bus.publish(INTERNAL_TOPICS.messagesRouted, [routed([{ messageId: 'm-a' }, { messageId: 'm-b' }])]);
    const [a, b] = [await smsc.nextSubmit(), await smsc.nextSubmit()];
    // m-a is answered; its receipt is held by the operator until after the restart.
    smsc.answer(a, 'A-1');
    await eventually(() => (results(first).length === 1 ? true : undefined), "m-a's submission", 10_000, 10);
    // m-b: the operator sends its receipt, then the link drops before its submit_sm_resp — the answer is lost.
    await smsc.receipt(b.pdu, 'B-1');
    await kept(first, 1);
    smsc.drop();
    await service.close();

    service = await boot();
    const second = service;
    // The kept receipt outlived the restart, and the operator now delivers what it held.
    expect(await state(second).unmatchedReceipts(CHANNEL)).toBe(1);
    await smsc.receipt(a.pdu, 'A-1');
    // m-b was never answered: it goes again, and this time the answer (a new id) and its receipt arrive.
    const again = await smsc.nextSubmit();
    smsc.answer(again, 'B-2');
    await smsc.receipt(again.pdu, 'B-2');

    await eventually(() => (reports(second).length >= 2 ? true : undefined), 'both delivery reports after the restart', 10_000, 10);
    await settle();
    expect(reports(second).map((r) => [r.messageId, r.status, r.operatorMessageId]).sort()).toEqual([
      ['m-a', 'DELIVERED', 'a-1'],
      ['m-b', 'DELIVERED', 'b-2'],
    ]);
    expect(results(first).map((r) => r.messageId)).toEqual(['m-a']);
    expect(results(second).map((r) => [r.messageId, r.operatorMessageIds])).toEqual([['m-b', ['b-2']]]);
    // B-1's message went with a new id: its receipt stays kept and counted, and reports nothing.
    expect(await state(second).unmatchedReceipts(CHANNEL)).toBe(1);
  }, 30_000);
});
