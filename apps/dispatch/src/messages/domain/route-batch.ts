import type { Workflow } from '@sms/use-case-kit/core';
import { type BatchState, evolveBatch, initialBatchState } from './batch';
import type { AcceptedMessage, BatchEvent, BatchRouted } from './events';
import { type Router, routerOfTable, type RoutingTable } from './routing';

/** What routing needs of account-billing's FundsReserved: the messages whose funds are held, and when we route. */
export interface FundsReserved {
  type: 'FundsReserved';
  reserved: Array<{ messageId: string }>;
  routedAt: string;
  /** The account's refusal code when it is halted (frozen, suspended, terminated): nothing of it is routed. */
  halted?: string;
}

export const NO_ROUTE_DETAIL = 'No channel serves this operator';

/**
 * The reaction to FundsReserved, pure: given the batch's accepted messages (its stream's state), every reserved
 * message not yet routed goes to its operator's channel — one BatchRouted per channel — and those no channel
 * serves fail with NO_ROUTE. Messages cancelled meanwhile, or of a halted account, are withdrawn (their funds
 * released). Messages already routed or withdrawn (a redelivery) or not of this batch yield nothing.
 */
export const routeBatchWorkflow = (routing: Router | RoutingTable): Workflow<FundsReserved, BatchEvent, BatchState> => routeWith(isRouter(routing) ? routing : routerOfTable(routing));

const isRouter = (routing: Router | RoutingTable): routing is Router => typeof (routing as Router).route === 'function';

/** The workflow over a router: each message to the best channel serving its operator (its country, abroad) and kind (ADR 0018). */
const routeWith = (router: Router): Workflow<FundsReserved, BatchEvent, BatchState> => ({
  initialState: initialBatchState,
  evolve: (state, event) => (event.type === 'FundsReserved' ? state : evolveBatch(state, event)),
  decide(input, state) {
    const batch = state.accepted;
    if (!batch) return [];
    const accepted = new Map<string, AcceptedMessage>(batch.messages.map((m) => [m.messageId, m]));
    const byChannel = new Map<string, BatchRouted['messages']>();
    const unroutable: string[] = [];
    // Reserved but never to be routed: cancelled while dispatch held them, or the account is halted.
    const withdrawn = new Map<string, string[]>();
    const withdraw = (code: string, messageId: string) => withdrawn.set(code, [...(withdrawn.get(code) ?? []), messageId]);
    const decided = new Set<string>();
    for (const { messageId } of input.reserved) {
      const message = accepted.get(messageId);
      if (!message || state.routing.has(messageId) || state.withdrawn.has(messageId) || decided.has(messageId)) continue;
      decided.add(messageId);
      const cancelled = state.cancelled.get(messageId) ?? input.halted;
      if (cancelled !== undefined) {
        withdraw(cancelled, messageId);
        continue;
      }
      const channelId = router.route(message.operator, batch.kind, message.countryCode);
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
    for (const [code, messageIds] of withdrawn) {
      outputs.push({ type: 'MessagesWithdrawn', data: { batchId: batch.batchId, accountId: batch.accountId, code, withdrawnAt: input.routedAt, messageIds } });
    }
    return outputs;
  },
});
