import type { BatchAccepted, BatchEvent } from './events';

/** Where a message of the batch went once its funds were reserved. */
export type RoutingOutcome = { channelId: string } | { code: 'NO_ROUTE'; detail: string };

/** The batch stream folded: what was accepted, and how each routed message left. */
export interface BatchState {
  accepted?: BatchAccepted;
  routing: Map<string, RoutingOutcome>;
  /** A scheduled batch whose time came (a batch sent at once never needs it). */
  released?: boolean;
  /** Messages cancelled while dispatch still held them (never routed from then on), with the reason's code. */
  cancelled: Map<string, string>;
  /** Routed messages the carrier was asked to drop. */
  cancelRequested: Set<string>;
  /** Reserved messages whose funds were handed back (MessagesWithdrawn), with the reason's code. */
  withdrawn: Map<string, string>;
  /** The carrier's hand-backs already routed again (ADR 0018), by event id. */
  reroutes?: Set<string>;
}

export const initialBatchState = (): BatchState => ({ routing: new Map(), cancelled: new Map(), cancelRequested: new Set(), withdrawn: new Map() });


/** Updates the state in place (the command kit evolves only after an append succeeded). */
export function evolveBatch(state: BatchState, event: BatchEvent): BatchState {
  switch (event.type) {
    case 'BatchAccepted':
      state.accepted = event.data;
      break;
    case 'BatchRouted':
      for (const m of event.data.messages) state.routing.set(m.messageId, { channelId: event.data.channelId });
      if (event.data.returnedBy !== undefined) (state.reroutes ??= new Set()).add(event.data.returnedBy);
      break;
    case 'BatchRoutingFailed':
      for (const id of event.data.messageIds) state.routing.set(id, { code: event.data.code, detail: event.data.detail });
      break;
    case 'BatchReleased':
      state.released = true;
      break;
    case 'MessagesCancelled':
      for (const id of event.data.cancelled) state.cancelled.set(id, event.data.code);
      for (const { messageId } of event.data.requested) state.cancelRequested.add(messageId);
      break;
    case 'MessagesWithdrawn':
      for (const id of event.data.messageIds) state.withdrawn.set(id, event.data.code);
      break;
  }
  return state;
}

/** How much of the state cache a batch takes: its messages. */
export const batchWeight = (state: BatchState): number => 1 + (state.accepted?.messages.length ?? 0);
