import type { BatchState } from './batch';
import type { BatchEvent, MessagesCancelled } from './events';
import type { StatusUpdate } from './message-status';

/** The note on a message asked back from its carrier, until the carrier answers. */
export const CANCEL_REQUESTED = 'CANCEL_REQUESTED';

/** What stops messages: who asked (CANCELLED for the customer, the account's halt code otherwise) and why. */
export interface Cancellation {
  messageIds: string[];
  code: string;
  detail: string;
  at: string;
}

/**
 * Cancels messages of the batch that no operator has taken yet. Messages dispatch still holds (scheduled, or accepted
 * and not routed) are cancelled outright: they will never be routed, and if their funds are reserved meanwhile
 * routing withdraws them (releases the funds). Messages already routed are asked back from their carrier, which drops
 * them only if it has not submitted them. Messages already cancelled, asked back, withdrawn or failed to route, and
 * ids not of this batch, yield nothing — so a repeated cancellation appends nothing.
 */
export function decideCancel(state: BatchState, cancellation: Cancellation): BatchEvent[] {
  const batch = state.accepted;
  if (!batch) return [];
  const known = new Set(batch.messages.map((m) => m.messageId));
  const cancelled: string[] = [];
  const requested: MessagesCancelled['requested'] = [];
  for (const messageId of new Set(cancellation.messageIds)) {
    if (!known.has(messageId) || state.cancelled.has(messageId) || state.cancelRequested.has(messageId) || state.withdrawn.has(messageId)) continue;
    const routed = state.routing.get(messageId);
    if (routed === undefined) cancelled.push(messageId);
    else if ('channelId' in routed) requested.push({ messageId, channelId: routed.channelId });
  }
  if (cancelled.length === 0 && requested.length === 0) return [];
  return [
    {
      type: 'MessagesCancelled',
      data: { batchId: batch.batchId, accountId: batch.accountId, code: cancellation.code, detail: cancellation.detail, cancelledAt: cancellation.at, cancelled, requested },
    },
  ];
}

/**
 * A scheduled batch's time came: its messages not cancelled go on (BatchReleased, then screening, funds and routing as
 * for any send). If its account is halted meanwhile, they are cancelled instead. Released once: a second call, or a
 * batch that was never scheduled, yields nothing.
 */
export function decideRelease(state: BatchState, at: string, halted?: { code: string; detail: string }): BatchEvent[] {
  const batch = state.accepted;
  if (!batch || batch.scheduledAt === undefined || state.released) return [];
  const waiting = batch.messages.map((m) => m.messageId).filter((id) => !state.cancelled.has(id));
  const cancel = halted && waiting.length > 0 ? decideCancel(state, { messageIds: waiting, code: halted.code, detail: halted.detail, at }) : [];
  return [...cancel, { type: 'BatchReleased', data: { batchId: batch.batchId, accountId: batch.accountId, releasedAt: at, messageIds: halted ? [] : waiting } }];
}

/** What the batch's state says of the asked messages: CANCELLED, or (for those asked back from the carrier) a note. */
export function cancellationUpdates(state: BatchState, messageIds: string[]) {
  const cancelled: StatusUpdate[] = [];
  const requested: Array<{ messageId: string; code: string; detail: string }> = [];
  for (const messageId of messageIds) {
    const code = state.cancelled.get(messageId);
    if (code !== undefined) cancelled.push({ messageId, status: 'CANCELLED', errorCode: code, errorDetail: CANCELLED_DETAIL[code] ?? 'Cancelled before it was sent' });
    else if (state.cancelRequested.has(messageId)) {
      requested.push({ messageId, code: CANCEL_REQUESTED, detail: 'Asked the carrier to drop it: it ends CANCELLED unless the operator had already taken it' });
    }
  }
  return { cancelled, requested };
}

const CANCELLED_DETAIL: Record<string, string> = {
  CANCELLED: 'Cancelled by the customer before it was sent',
  ACCOUNT_FROZEN: 'The account was frozen before it was sent',
  ACCOUNT_SUSPENDED: 'The account was suspended before it was sent',
  ACCOUNT_TERMINATED: 'The account was terminated before it was sent',
};
