import type { BatchAccepted, BatchEvent } from './events';

/** Where a message of the batch went once its funds were reserved. */
export type RoutingOutcome = { channelId: string } | { code: 'NO_ROUTE'; detail: string };

/** The batch stream folded: what was accepted, and how each routed message left. */
export interface BatchState {
  accepted?: BatchAccepted;
  routing: Map<string, RoutingOutcome>;
}

export const initialBatchState = (): BatchState => ({ routing: new Map() });

/** Updates the state in place (the command kit evolves only after an append succeeded). */
export function evolveBatch(state: BatchState, event: BatchEvent): BatchState {
  switch (event.type) {
    case 'BatchAccepted':
      state.accepted = event.data;
      break;
    case 'BatchRouted':
      for (const m of event.data.messages) state.routing.set(m.messageId, { channelId: event.data.channelId });
      break;
    case 'BatchRoutingFailed':
      for (const id of event.data.messageIds) state.routing.set(id, { code: event.data.code, detail: event.data.detail });
      break;
  }
  return state;
}

/** How much of the state cache a batch takes: its messages. */
export const batchWeight = (state: BatchState): number => 1 + (state.accepted?.messages.length ?? 0);
