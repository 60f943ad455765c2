import type { Projected } from '@sms/use-case-kit';
import type { AccountBillingEvent } from '../../account-billing.codec';
import { ACCOUNT_STREAM_PREFIX } from '../../ledger/domain/account.events';
import type { ReconciliationStore } from '../application/reconciliation-store';
import { type BilledMessage, billedMessages } from '../domain/message-segments';

/** Checkpoint of the projection (in account-billing.db's `checkpoints`, saved in the same transaction as its rows). */
export const BILLED_PROJECTION_NAME = 'account-billing.reconciliation.billed';
/** Every version of FundsCaptured: the codec upcasts older ones. */
export const BILLED_EVENT_TYPE_PREFIX = 'account-billing.FundsCaptured.';

/** The billed messages of a batch of committed events (captures; anything else the filter let through is skipped). */
export function billedOf(events: Array<Projected<AccountBillingEvent>>): BilledMessage[] {
  const billed: BilledMessage[] = [];
  for (const { event, recorded } of events) {
    if (event.type !== 'FundsCaptured' || !recorded.streamName.startsWith(ACCOUNT_STREAM_PREFIX)) continue;
    billed.push(...billedMessages(recorded.streamName.slice(ACCOUNT_STREAM_PREFIX.length), event.data));
  }
  return billed;
}

/**
 * The ledger's side of reconciliation: what each capture billed per message. Runs inside the projection runner's
 * unit of work (rows and checkpoint commit together), one per delivered batch of events.
 */
export async function projectBilled(store: ReconciliationStore, events: Array<Projected<AccountBillingEvent>>): Promise<void> {
  const billed = billedOf(events);
  if (billed.length > 0) await store.billed(billed);
}
