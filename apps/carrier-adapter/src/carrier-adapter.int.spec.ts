import { DELIVERY_REPORTED_V1, DeliveryReportedV1, INTERNAL_TOPICS, MESSAGES_ROUTED_V1, MessagesRoutedV1, MessagesSubmittedV1, SOURCES } from '@sms/contracts';
import { type ObservedSubmit, SmppSimulator, startSmppSimulator } from '@sms/carrier-simulator';
import { eventually, freePort, ServiceUnderTest, startServiceUnderTest, testEvent } from '@sms/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CarrierAdapterModule } from './carrier-adapter.module';

/** 80 UCS-2 characters: two segments (67 + 13). */
const LONG = '【测试】' + '尊敬的客户，您的订单已经发货，预计三天内送达，请保持手机畅通以便快递员联系您。如有疑问请联系客服，感谢您的支持与信任，祝您生活愉快，工作顺利，万事如意！';

function routed(accountId: string, messages: MessagesRoutedV1['messages']) {
  return testEvent<MessagesRoutedV1>(MESSAGES_ROUTED_V1, SOURCES.dispatch, accountId, {
    batchId: randomUUID(),
    accountId,
    channelId: 'smpp-default',
    routedAt: new Date().toISOString(),
    messages,
  });
}

/**
 * The carrier adapter against real parts: its SQLite queue, the in-process bus and the SMSC simulator over a socket.
 * Operator outages must not lose or double-bill anything (DOMAIN.md §7).
 */
describe('carrier adapter (SQLite queue, in-process bus, SMPP over a socket)', () => {
  let dataDir: string;
  let smppPort: number;
  let service: ServiceUnderTest | undefined;
  let simulator: SmppSimulator | undefined;

  const boot = () =>
    startServiceUnderTest({
      module: CarrierAdapterModule,
      dataDir,
      collect: [INTERNAL_TOPICS.submissions, INTERNAL_TOPICS.deliveryReports],
      config: { SMPP_HOST: '127.0.0.1', SMPP_PORT: smppPort, SMPP_WINDOW: 10 },
    });
  const results = (s: ServiceUnderTest) => s.publishedOn<MessagesSubmittedV1>(INTERNAL_TOPICS.submissions).flatMap((e) => e.data.results);
  const reports = (s: ServiceUnderTest) => s.publishedOn<DeliveryReportedV1>(INTERNAL_TOPICS.deliveryReports).flatMap((e) => e.data.reports);

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'carrier-adapter-'));
    smppPort = await freePort();
  });

  afterEach(async () => {
    await service?.close();
    await simulator?.close();
    service = undefined;
    simulator = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('holds routed messages while the SMSC is down, submits each once when it is up, and reports receipts per message', async () => {
    service = await boot();
    const event = routed('acc-1', [
      { messageId: 'm-short', phoneNumber: '+8613800138000', text: '【测试】您好', segments: 1, operator: 'CMCC', outId: 'order-1' },
      { messageId: 'm-long', phoneNumber: '+8613012345678', text: LONG, segments: 2, operator: 'CUCC' },
    ]);
    await service.bus.publish(INTERNAL_TOPICS.messagesRouted, [event]);
    await new Promise((r) => setTimeout(r, 300));
    expect(results(service)).toEqual([]);

    simulator = await startSmppSimulator({ host: '127.0.0.1', port: smppPort });
    const running = service;
    const submitted = await eventually(() => (results(running).length === 2 ? results(running) : undefined), 'both submissions', 15_000, 20);
    expect(submitted.find((r) => r.messageId === 'm-short')).toMatchObject({ status: 'SUBMITTED', segmentsSubmitted: 1, segmentsFailed: 0 });
    expect(submitted.find((r) => r.messageId === 'm-long')).toMatchObject({ status: 'SUBMITTED', segmentsSubmitted: 2, segmentsFailed: 0 });
    expect(submitted.find((r) => r.messageId === 'm-long')?.operatorMessageIds).toHaveLength(2);

    // One report per message, once every acknowledged segment has its receipt.
    const delivered = await eventually(() => (reports(running).length === 2 ? reports(running) : undefined), 'both delivery reports', 15_000, 20);
    expect(delivered.map((r) => [r.messageId, r.status]).sort()).toEqual([
      ['m-long', 'DELIVERED'],
      ['m-short', 'DELIVERED'],
    ]);
    expect(running.publishedOn(INTERNAL_TOPICS.deliveryReports)[0].type).toBe(DELIVERY_REPORTED_V1);
    for (const r of delivered) {
      expect(r.submittedAt).toBe(submitted.find((s) => s.messageId === r.messageId)?.submittedAt);
    }
    // What the carrier was given comes back with the report, so dispatch needs no lookup to publish it.
    expect(delivered.find((r) => r.messageId === 'm-short')).toMatchObject({ phoneNumber: '+8613800138000', operator: 'CMCC', outId: 'order-1', segments: 1 });
    expect(delivered.find((r) => r.messageId === 'm-long')).toMatchObject({ phoneNumber: '+8613012345678', operator: 'CUCC', segments: 2 });
    expect(delivered.find((r) => r.messageId === 'm-long')).not.toHaveProperty('outId');

    // A redelivered routed event sends nothing again.
    await running.bus.publish(INTERNAL_TOPICS.messagesRouted, [event]);
    await new Promise((r) => setTimeout(r, 300));
    expect(simulator.stats().submits).toBe(3);
    expect(results(running)).toHaveLength(2);
  }, 30_000);

  it('reports a refused submission as FAILED with the SMPP status and nothing acknowledged', async () => {
    simulator = await startSmppSimulator({ host: '127.0.0.1', port: smppPort, submitFailRate: 1 });
    service = await boot();
    await service.bus.publish(INTERNAL_TOPICS.messagesRouted, [routed('acc-2', [{ messageId: 'm-x', phoneNumber: '+8613800138000', text: '【测试】您好', segments: 1, operator: 'CMCC' }])]);
    const running = service;
    const [result] = await eventually(() => (results(running).length > 0 ? results(running) : undefined), 'the failed submission', 15_000, 20);
    expect(result).toMatchObject({ messageId: 'm-x', status: 'FAILED', segmentsSubmitted: 0, segmentsFailed: 1, operatorMessageIds: [], errorCode: 'SMPP_0x45' });
  }, 30_000);

  it("sends from the channel's source address followed by the batch's extension code, and from its own without one (ADR 0021)", async () => {
    simulator = await startSmppSimulator({ host: '127.0.0.1', port: smppPort });
    const seen: ObservedSubmit[] = [];
    simulator.on('submit', (submit) => seen.push(submit));
    service = await boot();
    const withCode = routed('acc-4', [{ messageId: 'm-code', phoneNumber: '+8613800138000', text: '【测试】您好', segments: 1, operator: 'CMCC' }]);
    await service.bus.publish(INTERNAL_TOPICS.messagesRouted, [{ ...withCode, data: { ...withCode.data, sourceExtension: '1000' } }]);
    await service.bus.publish(INTERNAL_TOPICS.messagesRouted, [routed('acc-4', [{ messageId: 'm-plain', phoneNumber: '+8613900139000', text: '【测试】您好', segments: 1, operator: 'CMCC' }])]);
    const running = service;
    await eventually(() => (results(running).length === 2 ? results(running) : undefined), 'both submissions', 15_000, 20);
    const from = Object.fromEntries(seen.map((submit) => [submit.destinationAddr, submit.sourceAddr]));
    expect(from).toEqual({ '8613800138000': '106900001000', '8613900139000': '10690000' });
  }, 30_000);

  it('keeps queued messages across a restart and submits them afterwards', async () => {
    service = await boot();
    await service.bus.publish(INTERNAL_TOPICS.messagesRouted, [
      routed('acc-3', [{ messageId: 'm-queued', phoneNumber: '+8618912345678', text: '【测试】您好', segments: 1, operator: 'CTCC' }]),
    ]);
    await service.close();

    simulator = await startSmppSimulator({ host: '127.0.0.1', port: smppPort });
    service = await boot();
    const running = service;
    const [result] = await eventually(() => (results(running).length > 0 ? results(running) : undefined), 'the submission after the restart', 15_000, 20);
    expect(result).toMatchObject({ messageId: 'm-queued', status: 'SUBMITTED', segmentsSubmitted: 1 });
    expect(simulator.stats().submits).toBe(1);
  }, 30_000);
});
