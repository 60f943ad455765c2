import type { EventStore } from '@sms/event-store';
import { DomainError } from '@sms/service-kit';
import { CommandHandler, type HandleOptions, type SnapshotOptions, type StateCache } from '@sms/use-case-kit';
import type { StrictEventCodec } from '@sms/use-case-kit/core';
import { accountEventCodec, refusedReservationEventCodec } from '../../account-billing.codec';
import type { AccountCommand } from '../domain/account.commands';
import { accountDecider, decide } from '../domain/account.decider';
import { type AccountEvent, accountStream } from '../domain/account.events';
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
  { codec = accountEventCodec, ...options }: { codec?: StrictEventCodec<AccountEvent>; cache?: StateCache<AccountState>; maxAttempts?: number; snapshots?: SnapshotOptions<AccountState, AccountEvent> } = {},
): AccountCommands {
  return new CommandHandler({ store, codec, evolve: accountDecider.evolve, initialState: accountDecider.initialState, ...options });
}

/** Every write to the shared `billing-refused-reservations` stream. */
export type RefusedReservationCommands = CommandHandler<ReservationRefused, RefusedReservationsState>;

export function refusedReservationCommands(store: EventStore): RefusedReservationCommands {
  return new CommandHandler({ store, codec: refusedReservationEventCodec, evolve: refusedReservationsDecider.evolve, initialState: refusedReservationsDecider.initialState });
}

/**
 * Decides one staff or customer command on an account and appends what it decided; a rejection becomes the
 * DomainError the edges answer as problem+json. Returns the events appended (none: an idempotent repeat) and the state after.
 */
export async function commandAccount(
  accounts: AccountCommands,
  accountId: string,
  command: AccountCommand,
  options: HandleOptions<AccountEvent> = {},
): Promise<{ events: AccountEvent[]; state: AccountState }> {
  const result = await accounts.handle(accountStream(accountId), (state) => decide(command, state), options);
  if (!result.ok) throw new DomainError(result.rejection.code, result.rejection.detail);
  return { events: result.events, state: result.state };
}
