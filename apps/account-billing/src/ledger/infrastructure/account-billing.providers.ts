import type { Provider } from '@nestjs/common';
import { DATA_KEY_RING, type DataKeyRing } from '@sms/data-protection';
import { EVENT_STORE, type EventStore } from '@sms/event-store';
import { sqliteFile } from '@sms/service-kit';
import { SqliteReadModelDatabase } from '@sms/use-case-kit';
import { ACCOUNT_BILLING_CODECS, type AccountBillingCodecs, protectedAccountBillingCodecs } from '../../account-billing.codec';
import { accountCommands, refusedReservationCommands } from '../application/command-handlers';
import { ACCOUNT_BILLING_CHECKPOINTS, ACCOUNT_BILLING_DB, ACCOUNT_COMMANDS, REFUSED_RESERVATION_COMMANDS } from '../application/tokens';

/**
 * What account-billing's module wires to real infrastructure: its own SQLite file `account-billing.db` (today only
 * the outbox checkpoint, in the kit's `checkpoints` table — the same table and columns as before, so existing files
 * load) and the command handlers over the event store, where the ledger itself lives.
 */
export const ACCOUNT_BILLING_INFRASTRUCTURE: Provider[] = [
  // The contact e-mail of AccountOpened is sealed with the account's data key (ADR 0016).
  { provide: ACCOUNT_BILLING_CODECS, inject: [DATA_KEY_RING], useFactory: (ring: DataKeyRing) => protectedAccountBillingCodecs(ring) },
  ...sqliteFile(ACCOUNT_BILLING_DB, 'account-billing.db', (db) => new SqliteReadModelDatabase(db)),
  { provide: ACCOUNT_BILLING_CHECKPOINTS, useExisting: ACCOUNT_BILLING_DB },
  {
    provide: ACCOUNT_COMMANDS,
    inject: [EVENT_STORE, ACCOUNT_BILLING_CODECS],
    useFactory: (store: EventStore, codecs: AccountBillingCodecs) => accountCommands(store, { codec: codecs.account }),
  },
  { provide: REFUSED_RESERVATION_COMMANDS, inject: [EVENT_STORE], useFactory: (store: EventStore) => refusedReservationCommands(store) },
];
