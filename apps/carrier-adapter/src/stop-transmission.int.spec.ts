import {
  ACCOUNT_STATUS_CHANGED_V1,
  type AccountStatusChangedV1,
  INTERNAL_TOPICS,
  MESSAGE_CANCELLATIONS_REQUESTED_V1,
  type MessageCancellationsRequestedV1,
  MESSAGES_ROUTED_V1,
  type MessagesRoutedV1,
  type MessagesSubmittedV1,
  SOURCES,
} from '@sms/contracts';
import { type ObservedSubmit, type SmppSimulator, startSmppSimulator } from '@sms/carrier-simulator';
import { eventually, freePort, type ServiceUnderTest, startServiceUnderTest, testEvent } from '@sms/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CarrierAdapterModule } from './carrier-adapter.module';
import type { OperatorChannel } from './submission/application/operator-channel.port';
import { OPERATOR_CHANNELS } from './submission/application/tokens';
import { HaltAccountHandler } from './submission/halt-account/handler';

type Result = MessagesSubmittedV1['results'][number] & { accountId: string };

/** SMPP_WINDOW 2 on one bind: four submits in flight at most, each answered after LATENCY_MS, so a backlog builds in the queue. */
const WINDOW = 2;
const CAPACITY = WINDOW * 2;
const LATENCY_MS = 150;

const ids = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}-${String(i).padStart(3, '0')}`);

function routed(accountId: string, messageIds: string[]) {
  return testEvent<MessagesRoutedV1>(MESSAGES_ROUTED_V1, SOURCES.dispatch, accountId, {
    batchId: randomUUID(),
    accountId,
    channelId: 'smpp-default',
    routedAt: new Date().toISOString(),
    // The text names the message, so what reaches the SMSC can be told apart.
    messages: messageIds.map((messageId, i) => ({ messageId, phoneNumber: `+86138${String(i).padStart(8, '0')}`, text: `【测试】${messageId}`, segments: 1, operator: 'CMCC' as const })),
  });
}

/**
 * Stopping transmission (ADR 0023) against real parts: the carrier's SQLite file, the in-process bus and the SMSC
 * simulator over a socket, slowed down so that messages pile up in the queue while an account is halted or a customer
 * cancels. What the SMSC saw is compared with the outcomes the carrier published.
 */
describe('carrier adapter: stopping transmission (SQLite queue, in-process bus, slow SMSC over a socket)', () => {
  let dataDir: string;
  let service: ServiceUnderTest | undefined;
  let simulator: SmppSimulator | undefined;
  /** Message ids in the order the SMSC received them. */
  let atSmsc: string[];
  /** What the carrier handed to its channel's window, with the halt handler's start marked in between. */
  let log: string[];

  const results = (): Result[] =>
    (service as ServiceUnderTest).publishedOn<MessagesSubmittedV1>(INTERNAL_TOPICS.submissions).flatMap((e) => e.data.results.map((r) => ({ ...r, accountId: e.data.accountId })));
  const resultsOf = (accountId: string) => results().filter((r) => r.accountId === accountId);
  const until = <T>(probe: () => T | undefined, what: string) => eventually(probe, what, 20_000, 20);

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'carrier-stop-'));
    const port = await freePort();
    simulator = await startSmppSimulator({ host: '127.0.0.1', port, latencyMs: LATENCY_MS });
    atSmsc = [];
    simulator.on('submit', (submit: ObservedSubmit) => atSmsc.push(submit.text.replace('【测试】', '')));
    service = await startServiceUnderTest({
      module: CarrierAdapterModule,
      dataDir,
      collect: [INTERNAL_TOPICS.submissions],
      config: { SMPP_HOST: '127.0.0.1', SMPP_PORT: port, SMPP_WINDOW: WINDOW },
    });
    // Instrumentation, not a double: the real channel and the real handler run; the log only records their order.
    log = [];
    const channel = service.get<ReadonlyMap<string, OperatorChannel>>(OPERATOR_CHANNELS).get('smpp-default') as OperatorChannel;
    const submit = channel.submit.bind(channel);
    channel.submit = (message) => {
      log.push(message.text.replace('【测试】', ''));
      return submit(message);
    };
    const halting = service.get(HaltAccountHandler);
    const handle = halting.handle.bind(halting);
    halting.handle = (event) => {
      log.push('HALT');
      return handle(event);
    };
  });

  afterEach(async () => {
    await service?.close();
    await simulator?.close();
    service = undefined;
    simulator = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("halting an account stops its queued messages at once: none goes out after the halt, each is answered CANCELLED once, other accounts' still go out", async () => {
    const running = service as ServiceUnderTest;
    const halted = ids('halt', 60);
    const other = ids('other', 20);
    await running.bus.publish(INTERNAL_TOPICS.messagesRouted, [routed('acc-halt', halted)]);
    await running.bus.publish(INTERNAL_TOPICS.messagesRouted, [routed('acc-other', other)]);
    await until(() => (atSmsc.length >= 6 ? true : undefined), 'the first submits to reach the SMSC');

    const status: AccountStatusChangedV1 = { accountId: 'acc-halt', status: 'SUSPENDED', currency: 'CNY', reason: 'violation confirmed', changedAt: new Date().toISOString() };
    // The in-process bus resolves once every group handled the event.
    await running.bus.publish(INTERNAL_TOPICS.accounts, [testEvent(ACCOUNT_STATUS_CHANGED_V1, SOURCES.accountBilling, 'acc-halt', status)]);
    const handledAt = atSmsc.length;

    // A message routed to the halted account later is cancelled as it arrives.
    await running.bus.publish(INTERNAL_TOPICS.messagesRouted, [routed('acc-halt', ['late-000'])]);
    await until(() => (resultsOf('acc-other').length === other.length && resultsOf('acc-halt').length === halted.length + 1 ? true : undefined), 'every message answered');
    await new Promise((resolve) => setTimeout(resolve, 2 * LATENCY_MS));

    // Nothing of the account was handed to the window once the halt was being handled…
    const halt = log.indexOf('HALT');
    expect(halt).toBeGreaterThan(0);
    expect(log.slice(halt + 1).filter((id) => !id.startsWith('other'))).toEqual([]);
    // …so the SMSC saw at most what was in flight then, and every other account's message still went out.
    const sentBefore = log.slice(0, halt).filter((id) => id.startsWith('halt'));
    expect(atSmsc.filter((id) => id.startsWith('halt')).sort()).toEqual([...sentBefore].sort());
    expect(atSmsc.slice(handledAt).filter((id) => id.startsWith('halt')).length).toBeLessThanOrEqual(CAPACITY);
    expect(atSmsc.filter((id) => id.startsWith('other')).sort()).toEqual(other);
    expect(log.slice(halt + 1).length).toBeGreaterThan(0);

    // Each message of the halted account has exactly one outcome: SUBMITTED if the SMSC got it, else CANCELLED with nothing billed.
    const outcomes = resultsOf('acc-halt');
    expect(new Set(outcomes.map((r) => r.messageId)).size).toBe(outcomes.length);
    const submitted = outcomes.filter((r) => r.status === 'SUBMITTED');
    const cancelled = outcomes.filter((r) => r.errorCode === 'CANCELLED');
    expect(submitted.map((r) => r.messageId).sort()).toEqual([...sentBefore].sort());
    expect(cancelled.map((r) => r.messageId).sort()).toEqual([...halted.filter((id) => !sentBefore.includes(id)), 'late-000'].sort());
    expect(cancelled.length).toBeGreaterThanOrEqual(40);
    for (const r of cancelled) expect(r).toMatchObject({ status: 'FAILED', segmentsSubmitted: 0, operatorMessageIds: [], cancelReason: 'ACCOUNT_SUSPENDED' });
    expect(resultsOf('acc-other').every((r) => r.status === 'SUBMITTED')).toBe(true);

    // Active again: the account sends.
    await running.bus.publish(INTERNAL_TOPICS.accounts, [
      testEvent(ACCOUNT_STATUS_CHANGED_V1, SOURCES.accountBilling, 'acc-halt', { ...status, status: 'ACTIVE', changedAt: new Date(Date.parse(status.changedAt) + 1).toISOString() }),
    ]);
    await running.bus.publish(INTERNAL_TOPICS.messagesRouted, [routed('acc-halt', ['again-000'])]);
    const [again] = await until(() => {
      const found = resultsOf('acc-halt').filter((r) => r.messageId === 'again-000');
      return found.length > 0 ? found : undefined;
    }, 'the message after reactivation');
    expect(again.status).toBe('SUBMITTED');
    expect(atSmsc).toContain('again-000');
  }, 60_000);

  it('a cancellation request stops the named queued messages and one not arrived yet, leaves the rest, and is applied once', async () => {
    const running = service as ServiceUnderTest;
    const queued = ids('q', 30);
    await running.bus.publish(INTERNAL_TOPICS.messagesRouted, [routed('acc-1', queued)]);
    await until(() => (atSmsc.length >= 2 ? true : undefined), 'the first submits to reach the SMSC');

    const named = [...queued.slice(20), 'early-000'];
    const request = testEvent<MessageCancellationsRequestedV1>(MESSAGE_CANCELLATIONS_REQUESTED_V1, SOURCES.dispatch, 'acc-1', {
      accountId: 'acc-1',
      requestedAt: new Date().toISOString(),
      messages: named.map((messageId) => ({ messageId, batchId: 'b' })),
    });
    await running.bus.publish(INTERNAL_TOPICS.messageCancellations, [request]);
    await running.bus.publish(INTERNAL_TOPICS.messageCancellations, [request]);
    // The routed event of a message cancelled before it arrived.
    await running.bus.publish(INTERNAL_TOPICS.messagesRouted, [routed('acc-1', ['early-000', 'kept-000'])]);

    await until(() => (resultsOf('acc-1').length === queued.length + 2 ? true : undefined), 'every message answered');
    await new Promise((resolve) => setTimeout(resolve, 2 * LATENCY_MS));
    const outcomes = resultsOf('acc-1');
    expect(outcomes).toHaveLength(queued.length + 2);
    const cancelled = outcomes.filter((r) => r.errorCode === 'CANCELLED');
    expect(cancelled.map((r) => r.messageId).sort()).toEqual(named.sort());
    for (const r of cancelled) expect(r).toMatchObject({ status: 'FAILED', segmentsSubmitted: 0, cancelReason: 'CANCELLED' });
    expect(atSmsc.filter((id) => named.includes(id))).toEqual([]);
    expect(atSmsc.sort()).toEqual([...queued.slice(0, 20), 'kept-000'].sort());
  }, 60_000);
});
