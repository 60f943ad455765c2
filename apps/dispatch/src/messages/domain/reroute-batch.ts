import type { Workflow } from '@sms/use-case-kit/core';
import { type BatchState, evolveBatch, initialBatchState } from './batch';
import type { AcceptedMessage, BatchEvent, BatchRouted } from './events';
import type { Router } from './routing';

/** What failover needs of the carrier's `sms.messages-returned.v1`, for one batch (ADR 0018). */
export interface MessagesReturned {
  type: 'MessagesReturned';
  /** The consumed event's id: a hand-back is routed again once. */
  returnedBy: string;
  /** The channel that handed them back. */
  channelId: string;
  messageIds: string[];
  routedAt: string;
}

/**
 * The reaction to messages the carrier handed back unsubmitted (their channel down past its grace period, paused or
 * disabled), pure: each message still routed to that channel goes to the best other open channel serving it, else
 * back to the same one, where it waits — never lost, and billed once (a reservation stays until the one submission).
 * One BatchRouted per channel, carrying the hand-back's id: a redelivery yields nothing. A message routed elsewhere
 * meanwhile, cancelled, or not of this batch is left alone.
 */
export const rerouteBatchWorkflow = (router: Router): Workflow<MessagesReturned, BatchEvent, BatchState> => ({
  initialState: initialBatchState,
  evolve: (state, event) => (event.type === 'MessagesReturned' ? state : evolveBatch(state, event)),
  decide(input, state) {
    const batch = state.accepted;
    if (!batch || state.reroutes?.has(input.returnedBy)) return [];
    const accepted = new Map<string, AcceptedMessage>(batch.messages.map((m) => [m.messageId, m]));
    const byChannel = new Map<string, BatchRouted['messages']>();
    for (const messageId of new Set(input.messageIds)) {
      const message = accepted.get(messageId);
      const outcome = state.routing.get(messageId);
      if (!message || !outcome || !('channelId' in outcome) || outcome.channelId !== input.channelId) continue;
      // The customer cancelled it (or its account was halted) meanwhile: the carrier cancels it, nobody routes it again.
      if (state.cancelRequested.has(messageId) || state.cancelled.has(messageId)) continue;
      const channelId = router.reroute(message.operator, batch.kind, message.countryCode, input.channelId) ?? input.channelId;
      const list = byChannel.get(channelId) ?? [];
      list.push({ messageId, phoneNumber: message.phoneNumber, segments: message.segments, operator: message.operator });
      byChannel.set(channelId, list);
    }
    return [...byChannel].map(([channelId, messages]) => ({
      type: 'BatchRouted' as const,
      data: { batchId: batch.batchId, accountId: batch.accountId, channelId, routedAt: input.routedAt, messages, returnedBy: input.returnedBy, reroutedFrom: input.channelId },
    }));
  },
});
