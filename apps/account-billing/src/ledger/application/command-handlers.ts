import type { EventStore } from '@sms/event-store';
import { CommandHandler, type StateCache } from '@sms/use-case-kit';
import type { StrictEventCodec } from '@sms/use-case-kit/core';
import { accountEventCodec, refusedReservationEventCodec } from '../../account-billing.codec';
import { accountDecider } from '../domain/account.decider';
import type { AccountEvent } from '../domain/account.events';
import type { AccountState } from '../domain/account.state';
import { type ReservationRefused, type RefusedReservationsState, refusedReservationsDecider } from '../domain/refused-reservations';

/**
 * Every write to an `account-<id>` stream: the kit's CommandHandler over the account decider. Each account's state
 * is cached (LRU) with its revision, so a command is one append and no read; a conflict reads only what another
 * process appended after the cached revision and decides again; commands on one account are serialised in-process.
 */
export type AccountCommands = CommandHandler<AccountEvent, AccountState>;

/** `codec`: the account streams' codec with the key ring (`protectedAccountBillingCodecs`); specs use the plain one. */
export function accountCommands(
  store: EventStore,
  { codec = accountEventCodec, ...options }: { codec?: StrictEventCodec<AccountEvent>; cache?: StateCache<AccountState>; maxAttempts?: number } = {},
): AccountCommands {
  return new CommandHandler({ store, codec, evolve: accountDecider.evolve, initialState: accountDecider.initialState, ...options });
}

/** Every write to the shared `billing-refused-reservations` stream. */
export type RefusedReservationCommands = CommandHandler<ReservationRefused, RefusedReservationsState>;

export function refusedReservationCommands(store: EventStore): RefusedReservationCommands {
  return new CommandHandler({ store, codec: refusedReservationEventCodec, evolve: refusedReservationsDecider.evolve, initialState: refusedReservationsDecider.initialState });
}
