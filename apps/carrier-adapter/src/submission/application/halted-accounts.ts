import type { Provider } from '@nestjs/common';
import { type AccountStanding, type CancelReason, haltReason, supersedes } from '../domain/stop-transmission';
import type { CarrierState } from './carrier-state.port';
import { CARRIER_STATE } from './tokens';

/**
 * The halted accounts in memory (ADR 0023): the submit loop asks before it hands each message to a channel — one Map
 * lookup, so the hot path stays O(1). Loaded from CarrierState at start; the halt-account use case applies each status
 * change here before it records it, so from the moment a halt is handled nothing of the account reaches a window.
 */
export class HaltedAccounts {
  private readonly standings = new Map<string, AccountStanding>();
  private readonly halted = new Map<string, CancelReason>();

  constructor(standings: readonly AccountStanding[] = []) {
    for (const standing of standings) this.apply(standing);
  }

  /** Why the account sends nothing now, or undefined when it may send. */
  reasonFor(accountId: string): CancelReason | undefined {
    return this.halted.get(accountId);
  }

  /** Takes the change unless an at least as recent one is known (supersedes); answers whether it took it. */
  apply(change: AccountStanding): boolean {
    if (!supersedes(change, this.standings.get(change.accountId))) return false;
    this.standings.set(change.accountId, { accountId: change.accountId, status: change.status, changedAt: change.changedAt });
    const reason = haltReason(change.status);
    if (reason === undefined) this.halted.delete(change.accountId);
    else this.halted.set(change.accountId, reason);
    return true;
  }
}

/** HaltedAccounts as the context's provider: loaded from the carrier's state before anything that reads it is built. */
export const HALTED_ACCOUNTS_PROVIDER: Provider = {
  provide: HaltedAccounts,
  inject: [CARRIER_STATE],
  useFactory: async (state: CarrierState) => new HaltedAccounts(await state.accountStandings()),
};
