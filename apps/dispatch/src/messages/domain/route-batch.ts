import type { Workflow } from '@sms/use-case-kit/core';
import { type BatchState, evolveBatch, initialBatchState } from './batch';
import type { AcceptedMessage, BatchEvent, BatchRouted } from './events';
import { routeFor, type RoutingTable } from './routing';

/** What routing needs of account-billing's FundsReserved: the messages whose funds are held, and when we route. */
export interface FundsReserved {
  type: 'FundsReserved';
  reserved: Array<{ messageId: string }>;
  routedAt: string;
}

export const NO_ROUTE_DETAIL = 'No channel serves this operator';

/**
 * The reaction to FundsReserved, pure: given the batch's accepted messages (its stream's state), every reserved
 * message not yet routed goes to its operator's channel — one BatchRouted per channel — and those no channel
 * serves fail with NO_ROUTE. Messages already routed (a redelivery) or not of this batch yield nothing.
 */
export const routeBatchWorkflow = (routing: RoutingTable): Workflow<FundsReserved, BatchEvent, BatchState> => ({
  initialState: initialBatchState,
  evolve: (state, event) => (event.type === 'FundsReserved' ? state : evolveBatch(state, event)),
  decide(input, state) {
    const batch = state.accepted;
    if (!batch) return [];
    const accepted = new Map<string, AcceptedMessage>(batch.messages.map((m) => [m.messageId, m]));
    const byChannel = new Map<string, BatchRouted['messages']>();
    const unroutable: string[] = [];
    const decided = new Set<string>();
    for (const { messageId } of input.reserved) {
      const message = accepted.get(messageId);
      if (!message || state.routing.has(messageId) || decided.has(messageId)) continue;
      decided.add(messageId);
      const channelId = routeFor(message.operator, routing);
      if (!channelId) {
        unroutable.push(messageId);
        continue;
      }
      const list = byChannel.get(channelId) ?? [];
      list.push({ messageId, phoneNumber: message.phoneNumber, segments: message.segments, operator: message.operator });
      byChannel.set(channelId, list);
    }
    const outputs: BatchEvent[] = [...byChannel].map(([channelId, messages]) => ({
      type: 'BatchRouted',
      data: { batchId: batch.batchId, accountId: batch.accountId, channelId, routedAt: input.routedAt, messages },
    }));
    if (unroutable.length > 0) {
      outputs.push({
        type: 'BatchRoutingFailed',
        data: { batchId: batch.batchId, accountId: batch.accountId, failedAt: input.routedAt, code: 'NO_ROUTE', detail: NO_ROUTE_DETAIL, messageIds: unroutable },
      });
    }
    return outputs;
  },
});
