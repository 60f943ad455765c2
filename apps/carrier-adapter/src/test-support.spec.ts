import { carrierStateContract } from './submission/application/carrier-state.contract';
import { carrierStateFailoverContract } from './submission/application/carrier-state-failover.contract';
import { channelControlsContract } from './submission/application/channel-controls.contract';
import { InMemoryCarrierState, InMemoryChannelControls } from './test-support';

// The in-memory double the use-case specs run on keeps the same promises as the SQLite adapter.
carrierStateContract('in-memory (use-case specs)', async (previous) => (previous ? (previous as InMemoryCarrierState).reopen() : new InMemoryCarrierState()));
carrierStateFailoverContract('in-memory (use-case specs)', async (previous) => (previous ? (previous as InMemoryCarrierState).reopen() : new InMemoryCarrierState()));
channelControlsContract('in-memory (use-case specs)', async (previous) => (previous ? (previous as InMemoryChannelControls).reopen() : new InMemoryChannelControls()));

describe('InMemoryCarrierState', () => {
  it('records nothing of a unit that failed', async () => {
    const state = new InMemoryCarrierState();
    await state.enqueue('e-1', {
      batchId: 'b-1',
      accountId: 'acc-1',
      channelId: 'ch',
      routedAt: '2026-11-23T10:00:00.000Z',
      messages: [{ messageId: 'm-1', phoneNumber: '+8613800138000', text: '【测试】您好', segments: 1, operator: 'CMCC' }],
    });
    const submission = { channelId: 'ch', result: { messageId: 'm-1', batchId: 'b-1', accountId: 'acc-1', status: 'SUBMITTED' as const, segmentsSubmitted: 1, segmentsFailed: 0, operatorMessageIds: ['op-1'], submittedAt: '2026-11-23T10:00:01.000Z' } };
    // A receipt whose status getter throws makes the unit fail after the submission was applied.
    const poisoned = { channelId: 'ch', operatorMessageId: 'op-1', doneAt: '2026-11-23T10:00:02.000Z', get status(): 'DELIVERED' { throw new Error('boom'); } };
    await expect(state.record({ submissions: [submission], receipts: [poisoned], inbound: [] })).rejects.toThrow('boom');
    expect((await state.queued(0, 10)).map((q) => q.messageId)).toEqual(['m-1']);
    expect(await state.outbox(10)).toEqual([]);
    // Receipts kept without a known message are part of the unit too.
    const unknown = { channelId: 'ch', operatorMessageId: 'op-9', status: 'DELIVERED' as const, doneAt: '2026-11-23T10:00:02.000Z' };
    const poisonedUnknown = { channelId: 'ch', operatorMessageId: 'op-8', doneAt: '2026-11-23T10:00:02.000Z', get status(): 'DELIVERED' { throw new Error('boom'); } };
    await expect(state.record({ submissions: [], receipts: [unknown, poisonedUnknown], inbound: [] })).rejects.toThrow('boom');
    expect(await state.unmatchedReceipts()).toBe(0);
  });
});
