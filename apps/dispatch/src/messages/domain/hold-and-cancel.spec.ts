import { DeciderSpecification, WorkflowSpecification } from '@sms/use-case-kit/core';
import { batchOf } from '../application/message-read-model.contract';
import { evolveBatch, initialBatchState } from './batch';
import type { BatchAccepted, BatchEvent } from './events';
import { type Cancellation, decideCancel, decideRelease } from './hold-and-cancel';
import { routeBatchWorkflow } from './route-batch';

const batch = (overrides: Partial<BatchAccepted> = {}): BatchEvent => ({
  type: 'BatchAccepted',
  data: batchOf('b-1', ['m-1', 'm-2', 'm-3'], { scheduledAt: '2026-11-24T09:00:00.000Z', ...overrides }),
});
const at = '2026-11-24T09:00:00.000Z';
const byCustomer = (...messageIds: string[]): Cancellation => ({ messageIds, code: 'CANCELLED', detail: 'Cancelled by the customer', at });
const cancelled = (ids: string[], requested: Array<{ messageId: string; channelId: string }> = [], code = 'CANCELLED', detail = 'Cancelled by the customer'): BatchEvent => ({
  type: 'MessagesCancelled',
  data: { batchId: 'b-1', accountId: 'acc-1', code, detail, cancelledAt: at, cancelled: ids, requested },
});
const routed = (channelId: string, ...messageIds: string[]): BatchEvent => ({
  type: 'BatchRouted',
  data: { batchId: 'b-1', accountId: 'acc-1', channelId, routedAt: at, messages: messageIds.map((messageId) => ({ messageId, phoneNumber: '+8613800138000', segments: 1, operator: 'CMCC' })) },
});
const released = (...messageIds: string[]): BatchEvent => ({ type: 'BatchReleased', data: { batchId: 'b-1', accountId: 'acc-1', releasedAt: at, messageIds } });

// The deciders over the batch stream, as the handlers run them.
const cancelling = DeciderSpecification.for({ initialState: initialBatchState, evolve: evolveBatch, decide: (command: Cancellation, state) => ({ ok: true as const, events: decideCancel(state, command) }) });
const releasing = (halted?: { code: string; detail: string }) =>
  DeciderSpecification.for({ initialState: initialBatchState, evolve: evolveBatch, decide: (_: 'release', state) => ({ ok: true as const, events: decideRelease(state, at, halted) }) });

describe('cancelling messages of a batch: unsubmitted, never billed (DOMAIN §3 violation handling, §4; terms §2.1, §7)', () => {
  it('given a scheduled batch, when the customer cancels one message, then it alone is cancelled', () => {
    cancelling.given([batch()]).when(byCustomer('m-2')).then([cancelled(['m-2'])]);
  });

  it('given messages routed to a carrier, when they are cancelled, then they are asked back from their channel and the rest cancelled here', () => {
    cancelling
      .given([batch({ scheduledAt: undefined }), routed('smpp-a', 'm-1')])
      .when(byCustomer('m-1', 'm-2'))
      .then([cancelled(['m-2'], [{ messageId: 'm-1', channelId: 'smpp-a' }])]);
  });

  it('given a cancellation already made, when it is repeated, then nothing is appended', () => {
    cancelling.given([batch(), cancelled(['m-2'])]).when(byCustomer('m-2')).then([]);
    cancelling.given([batch({ scheduledAt: undefined }), routed('smpp-a', 'm-1'), cancelled([], [{ messageId: 'm-1', channelId: 'smpp-a' }])]).when(byCustomer('m-1')).then([]);
  });

  it('ignores ids of other batches and messages that failed to route', () => {
    const noRoute: BatchEvent = { type: 'BatchRoutingFailed', data: { batchId: 'b-1', accountId: 'acc-1', failedAt: at, code: 'NO_ROUTE', detail: 'none', messageIds: ['m-3'] } };
    cancelling.given([batch(), noRoute]).when(byCustomer('m-3', 'other')).then([]);
  });
});

describe('releasing a scheduled batch', () => {
  it('given a scheduled batch with a cancelled message, when its time comes, then the others are released', () => {
    releasing().given([batch(), cancelled(['m-2'])]).when('release').then([released('m-1', 'm-3')]);
  });

  it('releases once, and never a batch that was not scheduled', () => {
    releasing().given([batch(), released('m-1', 'm-2', 'm-3')]).when('release').then([]);
    releasing().given([batch({ scheduledAt: undefined })]).when('release').then([]);
  });

  it('given the account was halted meanwhile, then what waits is cancelled with the halt code and nothing is released', () => {
    const halt = { code: 'ACCOUNT_SUSPENDED', detail: 'The account is suspended' };
    releasing(halt)
      .given([batch(), cancelled(['m-1'])])
      .when('release')
      .then([cancelled(['m-2', 'm-3'], [], halt.code, halt.detail), released()]);
  });

  it('holds a scheduled batch until it is released', () => {
    const state = initialBatchState();
    evolveBatch(state, batch());
    expect(state.released).toBeFalsy();
    evolveBatch(state, released('m-1'));
    expect(state.released).toBe(true);
  });
});

describe('routing what was cancelled meanwhile: funds released, never billed (DOMAIN §4; terms §2.1)', () => {
  const workflow = WorkflowSpecification.for(routeBatchWorkflow({ '*': 'smpp-default' }));
  const reserved = (halted?: string) => ({ type: 'FundsReserved' as const, reserved: [{ messageId: 'm-1' }, { messageId: 'm-2' }], routedAt: at, ...(halted ? { halted } : {}) });

  it('given a message cancelled before its funds were reserved, then it is withdrawn (its funds released) and the other routed', () => {
    workflow
      .given([batch({ scheduledAt: undefined }), cancelled(['m-2'])])
      .when(reserved())
      .then([routed('smpp-default', 'm-1'), { type: 'MessagesWithdrawn', data: { batchId: 'b-1', accountId: 'acc-1', code: 'CANCELLED', withdrawnAt: at, messageIds: ['m-2'] } }]);
  });

  it('given the account is halted, then every reserved message is withdrawn with the halt code, once', () => {
    const withdrawn: BatchEvent = { type: 'MessagesWithdrawn', data: { batchId: 'b-1', accountId: 'acc-1', code: 'ACCOUNT_FROZEN', withdrawnAt: at, messageIds: ['m-1', 'm-2'] } };
    workflow.given([batch({ scheduledAt: undefined })]).when(reserved('ACCOUNT_FROZEN')).then([withdrawn]);
    workflow.given([batch({ scheduledAt: undefined }), withdrawn]).when(reserved('ACCOUNT_FROZEN')).then([]);
  });
});
