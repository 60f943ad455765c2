import { ACCOUNT_STATUS_CHANGED_V1, type AccountStatusChangedV1, type MessagesRoutedV1 } from '@sms/contracts';
import { consumed, fixedClock, InMemoryCarrierState } from '../../test-support';
import { HaltedAccounts } from '../application/halted-accounts';
import type { SubmissionResult } from '../domain/events';
import { HaltAccountHandler } from './handler';

const routed = (accountId: string, ids: string[]): MessagesRoutedV1 => ({
  batchId: `b-${accountId}`,
  accountId,
  channelId: 'ch',
  routedAt: '2026-11-23T09:59:00.000Z',
  messages: ids.map((messageId) => ({ messageId, phoneNumber: '+8613800138000', text: '【测试】您好', segments: 1, operator: 'CMCC' as const })),
});
const change = (status: AccountStatusChangedV1['status'], changedAt = '2026-11-23T10:00:00.000Z', accountId = 'acc-1', id?: string) =>
  consumed<AccountStatusChangedV1>(ACCOUNT_STATUS_CHANGED_V1, { accountId, status, currency: 'CNY', reason: 'violation confirmed', changedAt }, id);

describe('HaltAccountHandler', () => {
  let state: InMemoryCarrierState;
  let halts: HaltedAccounts;
  let relayed: number;
  let handler: HaltAccountHandler;
  const results = async () => (await state.outbox(100)).flatMap((e) => e.items as SubmissionResult[]);
  const queuedIds = async () => (await state.queued(0, 100)).map((q) => q.messageId);

  beforeEach(async () => {
    state = new InMemoryCarrierState();
    halts = new HaltedAccounts();
    relayed = 0;
    handler = new HaltAccountHandler(state, halts, fixedClock('2026-11-23T10:00:00.250Z'), { handle: () => void relayed++ });
    await state.enqueue('e-1', routed('acc-1', ['m-1', 'm-2', 'm-3']));
    await state.enqueue('e-2', routed('acc-2', ['x-1']));
  });

  it("halts the account in memory before it records the halt, cancels its queued messages not in flight, and wakes the relay", async () => {
    await state.queued(0, 1);
    const record = state.recordAccountStatus.bind(state);
    let haltedWhenRecorded: string | undefined;
    state.recordAccountStatus = async (...args) => {
      haltedWhenRecorded = halts.reasonFor('acc-1');
      return record(...args);
    };

    await handler.handle(change('SUSPENDED'));
    expect(haltedWhenRecorded).toBe('ACCOUNT_SUSPENDED');
    expect(halts.reasonFor('acc-1')).toBe('ACCOUNT_SUSPENDED');
    expect(halts.reasonFor('acc-2')).toBeUndefined();
    expect((await results()).map((r) => [r.messageId, r.errorCode, r.cancelReason, r.segmentsSubmitted, r.submittedAt])).toEqual([
      ['m-2', 'CANCELLED', 'ACCOUNT_SUSPENDED', 0, '2026-11-23T10:00:00.250Z'],
      ['m-3', 'CANCELLED', 'ACCOUNT_SUSPENDED', 0, '2026-11-23T10:00:00.250Z'],
    ]);
    // m-1 was in flight: the submit loop answers it.
    expect(await queuedIds()).toEqual(['m-1', 'x-1']);
    expect(relayed).toBe(1);
  });

  it('cancels nothing twice when the event is redelivered, and wakes nothing for it', async () => {
    const event = change('FROZEN');
    await handler.handle(event);
    await handler.handle(event);
    expect((await results()).map((r) => r.messageId)).toEqual(['m-1', 'm-2', 'm-3']);
    expect(relayed).toBe(1);
  });

  it('lets the account send again once it is ACTIVE; what was cancelled stays cancelled', async () => {
    await handler.handle(change('FROZEN'));
    await handler.handle(change('ACTIVE', '2026-11-23T10:05:00.000Z'));
    expect(halts.reasonFor('acc-1')).toBeUndefined();
    await state.enqueue('e-3', { ...routed('acc-1', ['m-4']), batchId: 'b-later' });
    expect(await queuedIds()).toEqual(['x-1', 'm-4']);
    expect((await results()).map((r) => r.messageId)).toEqual(['m-1', 'm-2', 'm-3']);
  });

  it('ignores an older change brought back after a newer one, in memory and in the state', async () => {
    await handler.handle(change('ACTIVE', '2026-11-23T10:05:00.000Z'));
    await handler.handle(change('TERMINATED', '2026-11-23T10:00:00.000Z'));
    expect(halts.reasonFor('acc-1')).toBeUndefined();
    expect(await queuedIds()).toEqual(['m-1', 'm-2', 'm-3', 'x-1']);
    expect((await state.accountStandings()).map((s) => s.status)).toEqual(['ACTIVE']);
  });

  it('compares times written with an offset by the time they name', async () => {
    await handler.handle(change('ACTIVE', '2026-11-23T12:05:00+02:00'));
    await handler.handle(change('SUSPENDED', '2026-11-23T10:04:00.000Z'));
    expect(halts.reasonFor('acc-1')).toBeUndefined();
    expect((await state.accountStandings())[0]).toEqual({ accountId: 'acc-1', status: 'ACTIVE', changedAt: '2026-11-23T10:05:00.000Z' });
  });

  it('throws when the write fails (the bus redelivers), keeping the halt in memory; the redelivery records it', async () => {
    const record = state.recordAccountStatus.bind(state);
    state.recordAccountStatus = async () => Promise.reject(new Error('disk I/O error'));
    const event = change('SUSPENDED');
    await expect(handler.handle(event)).rejects.toThrow('disk I/O error');
    expect(halts.reasonFor('acc-1')).toBe('ACCOUNT_SUSPENDED');
    expect(await results()).toEqual([]);

    state.recordAccountStatus = record;
    await handler.handle(event);
    expect((await results()).map((r) => r.messageId)).toEqual(['m-1', 'm-2', 'm-3']);
  });

  it.each([
    ['an unknown status', { status: 'BANKRUPT' }, 'status'],
    ['no account', { accountId: '' }, 'accountId'],
    ['a time that is no time', { changedAt: 'yesterday' }, 'changedAt'],
  ])('throws on %s, changing nothing (the bus retries, then dead-letters it)', async (_case, patch, field) => {
    const event = change('SUSPENDED');
    await expect(handler.handle({ ...event, data: { ...event.data, ...patch } })).rejects.toThrow(field);
    expect(halts.reasonFor('acc-1')).toBeUndefined();
    expect(await queuedIds()).toHaveLength(4);
  });
});
