import {
  CHANNEL_CONTROL_V1,
  CHANNEL_HEALTH_V1,
  type ChannelHealthV1,
  INTERNAL_TOPICS,
  MESSAGES_RETURNED_V1,
  MESSAGES_ROUTED_V1,
  MESSAGES_SUBMITTED_V1,
  type MessagesReturnedV1,
  type MessagesRoutedV1,
  type MessagesSubmittedV1,
  SOURCES,
} from '@sms/contracts';
import { SmppSimulator, startSmppSimulator } from '@sms/carrier-simulator';
import { eventually, freePort, ServiceUnderTest, startServiceUnderTest, testEvent } from '@sms/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CarrierAdapterModule } from './carrier-adapter.module';

const message = (i: number) => ({ messageId: `m-${i}`, phoneNumber: `+86138001${String(i).padStart(5, '0')}`, text: '【测试】您好', segments: 1, operator: 'CMCC' as const });
const routed = (channelId: string, messages: MessagesRoutedV1['messages'], batchId = 'b-1') =>
  testEvent<MessagesRoutedV1>(MESSAGES_ROUTED_V1, SOURCES.dispatch, 'acc-1', { batchId, accountId: 'acc-1', channelId, routedAt: new Date().toISOString(), messages });

/**
 * Failover against real parts (ADR 0018): the carrier adapter hosting two SMPP channels, each bound to its own SMSC
 * simulator on its own port, its SQLite queue and the in-process bus. The test plays dispatch: it routes, and routes
 * again what the adapter hands back.
 */
describe('carrier adapter failover (two channels, two SMSC simulators)', () => {
  let dataDir: string;
  let portA: number;
  let portB: number;
  let simA: SmppSimulator | undefined;
  let simB: SmppSimulator | undefined;
  let service: ServiceUnderTest | undefined;

  const boot = () =>
    startServiceUnderTest({
      module: CarrierAdapterModule,
      dataDir,
      collect: [INTERNAL_TOPICS.submissions, INTERNAL_TOPICS.channelHealth],
      config: {
        SMPP_HOST: '127.0.0.1',
        SMPP_PORT: portA,
        SMPP_WINDOW: 2,
        CARRIER_CHANNELS: JSON.stringify([{ id: 'smpp-b', host: '127.0.0.1', port: portB, systemId: 'acme-b', password: 'secret' }]),
        CHANNEL_FAILOVER_GRACE_MS: 1_000,
        CHANNEL_HEALTH_INTERVAL_MS: 200,
      },
    });
  const submitted = (s: ServiceUnderTest) =>
    s.publishedOn<MessagesSubmittedV1>(INTERNAL_TOPICS.submissions).flatMap((e) => (e.type === MESSAGES_SUBMITTED_V1 ? e.data.results.map((r) => ({ ...r, channelId: e.data.channelId })) : []));
  const returned = (s: ServiceUnderTest) => s.publishedOn<MessagesReturnedV1>(INTERNAL_TOPICS.submissions).filter((e) => e.type === MESSAGES_RETURNED_V1);
  const health = (s: ServiceUnderTest, channelId: string) =>
    s.publishedOn<ChannelHealthV1>(INTERNAL_TOPICS.channelHealth).filter((e) => e.type === CHANNEL_HEALTH_V1 && e.data.channelId === channelId).map((e) => e.data);

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'carrier-failover-'));
    [portA, portB] = [await freePort(), await freePort()];
    simB = await startSmppSimulator({ host: '127.0.0.1', port: portB });
  });

  afterEach(async () => {
    await service?.close();
    await simA?.close();
    await simB?.close();
    service = simA = simB = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('hands back what waits for a channel whose SMSC died, once its grace period is over; delivered through the other, nothing sent twice', async () => {
    // A slow SMSC: its windows (2) fill and the rest waits in the adapter's queue.
    simA = await startSmppSimulator({ host: '127.0.0.1', port: portA, latencyMs: 400 });
    service = await boot();
    const running = service;
    await eventually(() => (health(running, 'smpp-default').at(-1)?.state === 'UP' && health(running, 'smpp-b').at(-1)?.state === 'UP' ? true : undefined), 'both channels UP', 10_000, 20);

    await running.bus.publish(INTERNAL_TOPICS.messagesRouted, [routed('smpp-default', Array.from({ length: 20 }, (_, i) => message(i)))]);
    const sentToA = simA;
    await eventually(() => (sentToA.stats().submits >= 2 ? true : undefined), 'the first submits on channel A', 10_000, 10);
    // The SMSC dies with submits in its window, unanswered.
    await simA.close();
    simA = undefined;
    await eventually(() => (health(running, 'smpp-default').at(-1)?.state === 'DOWN' ? true : undefined), 'channel A reported DOWN', 5_000, 20);

    const back = await eventually(() => (returned(running).length > 0 ? returned(running) : undefined), 'the queue handed back', 10_000, 20);
    const handedBack = back.flatMap((e) => e.data.messages.map((m) => m.messageId));
    expect(back.every((e) => e.data.reason === 'CHANNEL_DOWN' && e.data.channelId === 'smpp-default' && e.key === 'acc-1')).toBe(true);
    // What A's windows held (capacity: twice the window) stays with A; everything else came back, once.
    expect(handedBack.length).toBeGreaterThanOrEqual(16);
    expect(handedBack.length).toBeLessThan(20);
    expect(new Set(handedBack).size).toBe(handedBack.length);
    expect(submitted(running)).toEqual([]);

    // Dispatch routes them to B.
    await running.bus.publish(INTERNAL_TOPICS.messagesRouted, [routed('smpp-b', Array.from({ length: 20 }, (_, i) => message(i)).filter((m) => handedBack.includes(m.messageId)), 'b-1')]);
    await eventually(() => (submitted(running).length === handedBack.length ? true : undefined), 'the handed-back messages submitted through B', 15_000, 20);
    expect(submitted(running).every((r) => r.status === 'SUBMITTED' && r.channelId === 'smpp-b')).toBe(true);
    expect(simB?.stats().accepted).toBe(handedBack.length);

    // A comes back: what its windows held goes out there, and only that.
    simA = await startSmppSimulator({ host: '127.0.0.1', port: portA });
    await eventually(() => (submitted(running).length === 20 ? true : undefined), 'every message submitted once', 30_000, 50);
    const byChannel = submitted(running).filter((r) => r.channelId === 'smpp-default').map((r) => r.messageId);
    expect(byChannel.filter((id) => handedBack.includes(id))).toEqual([]);
    expect(new Set(submitted(running).map((r) => r.messageId)).size).toBe(20);
  }, 60_000);

  it('hands back the queue of a channel paused in dispatch and submits nothing on it; resumed, it submits again', async () => {
    simA = await startSmppSimulator({ host: '127.0.0.1', port: portA });
    service = await boot();
    const running = service;
    await eventually(() => (health(running, 'smpp-b').at(-1)?.state === 'UP' ? true : undefined), 'channel B UP', 10_000, 20);
    const pause = (paused: boolean, version: number) =>
      running.bus.publish(INTERNAL_TOPICS.channelControl, [
        testEvent(CHANNEL_CONTROL_V1, SOURCES.dispatch, 'smpp-b', { channelId: 'smpp-b', enabled: true, paused, tps: 0, version, changedAt: new Date().toISOString() }),
      ]);
    await pause(true, 1);
    await eventually(() => (health(running, 'smpp-b').at(-1)?.paused ? true : undefined), 'channel B reported paused', 5_000, 20);

    await running.bus.publish(INTERNAL_TOPICS.messagesRouted, [routed('smpp-b', [message(1), message(2)])]);
    const back = await eventually(() => (returned(running).length > 0 ? returned(running) : undefined), 'the paused queue handed back', 10_000, 20);
    expect(back.map((e) => [e.data.reason, e.data.messages.map((m) => m.messageId)])).toEqual([['CHANNEL_PAUSED', ['m-1', 'm-2']]]);
    expect(simB?.stats().submits).toBe(0);

    // Nothing else serves them: dispatch routes them back to B, where they wait until B is resumed.
    await running.bus.publish(INTERNAL_TOPICS.messagesRouted, [routed('smpp-b', [message(1), message(2)])]);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(returned(running)).toHaveLength(1);
    expect(simB?.stats().submits).toBe(0);
    await pause(false, 2);
    await eventually(() => (submitted(running).length === 2 ? true : undefined), 'both submitted on B once resumed', 10_000, 20);
    expect(submitted(running).map((r) => [r.messageId, r.channelId, r.status])).toEqual([
      ['m-1', 'smpp-b', 'SUBMITTED'],
      ['m-2', 'smpp-b', 'SUBMITTED'],
    ]);
  }, 60_000);
});
