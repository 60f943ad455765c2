import type { EventStore } from '@sms/event-store';
import { CommandHandler, LruStateCache, type StateCache } from '@sms/use-case-kit';
import type { EventCodec } from '@sms/use-case-kit/core';
import { isChannelsEvent } from '../../channels/domain/events';
import type { DispatchEvent } from '../../dispatch.codec';
import { batchWeight, type BatchState, evolveBatch, initialBatchState } from '../domain/batch';

/** Messages whose batches stay cached: routing and the routed outbox read a batch from memory, not the store. */
export const CACHED_MESSAGES = 100_000;

export type Batches = CommandHandler<DispatchEvent, BatchState>;

/**
 * The batch streams' command handler: accept and route decide on the cached state of the batch. `codec` is the
 * service codec protected by the process's key ring (`dispatchCodec.protectedBy(ring)`).
 */
export function batchCommandHandler(store: EventStore, codec: EventCodec<DispatchEvent>, cache: StateCache<BatchState> = new LruStateCache(CACHED_MESSAGES, batchWeight)): Batches {
  return new CommandHandler<DispatchEvent, BatchState>({
    store,
    codec,
    cache,
    initialState: initialBatchState,
    evolve: (state, event) => (event.type === 'InboundRouted' || isChannelsEvent(event) ? state : evolveBatch(state, event)),
  });
}
