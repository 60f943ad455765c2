import type { Provider } from '@nestjs/common';
import { BLIND_INDEX, type BlindIndex, DATA_KEY_RING, type DataKeyRing } from '@sms/data-protection';
import { EVENT_STORE, type EventStore } from '@sms/event-store';
import { RateLimiter, sqliteFile } from '@sms/service-kit';
import type { EventCodec } from '@sms/use-case-kit/core';
import { DISPATCH_CODEC, type DispatchEvent, dispatchCodec } from '../../dispatch.codec';
import { batchCommandHandler } from '../application/batches';
import { BALANCE_VIEW, BATCHES, DISPATCH_DATABASE, MESSAGE_PROJECTION, MESSAGE_READ_MODEL, SCHEDULED_BATCHES, SEND_DIRECTORY, SIGNATURE_EXTENSIONS } from '../application/tokens';
import { type DispatchSqlite, dispatchSqlite } from './dispatch-database';
import { DispatchPipelines } from './dispatch-pipelines';
import { DispatchConfig } from '../../dispatch.config';
import { RECIPIENT_QUOTA } from '../application/recipient-quota';
import { SEND_LIMITS, type SendLimits } from '../application/send-limits';
import { RecipientQuotaPruning } from './recipient-quota-pruning';
import { SqliteBalanceView } from './sqlite-balance-view';
import { SqliteRecipientQuota } from './sqlite-recipient-quota';
import { SqliteMessageReadModel } from './sqlite-message-read-model';
import { SqliteScheduledBatches } from './sqlite-scheduled-batches';
import { SqliteSendDirectory } from './sqlite-send-directory';
import { SqliteSignatureExtensions } from './sqlite-signature-extensions';

/** The open read-model file (only adapters in infrastructure/ see the connection). */
export const DISPATCH_SQLITE = Symbol('DISPATCH_SQLITE');

/**
 * The messages context's adapters: its SQLite file behind the ports, the batch command handler, the pipelines — and
 * the service codec sealed with the process's key ring, which the inbound context uses too (ADR 0016).
 */
export const MESSAGE_INFRASTRUCTURE: Provider[] = [
  { provide: DISPATCH_CODEC, inject: [DATA_KEY_RING], useFactory: (ring: DataKeyRing) => dispatchCodec.protectedBy(ring) },
  ...sqliteFile(DISPATCH_SQLITE, 'dispatch.db', dispatchSqlite),
  { provide: DISPATCH_DATABASE, inject: [DISPATCH_SQLITE], useFactory: (sqlite: DispatchSqlite) => sqlite.readModels },
  {
    provide: MESSAGE_READ_MODEL,
    inject: [DISPATCH_SQLITE, DATA_KEY_RING, BLIND_INDEX],
    useFactory: (sqlite: DispatchSqlite, ring: DataKeyRing, blindIndex: BlindIndex) => new SqliteMessageReadModel(sqlite.db, { ring, blindIndex }),
  },
  { provide: SEND_DIRECTORY, inject: [DISPATCH_SQLITE], useFactory: (sqlite: DispatchSqlite) => new SqliteSendDirectory(sqlite.db) },
  // The balance and prices a send is estimated against (ADR 0027).
  { provide: BALANCE_VIEW, inject: [DISPATCH_SQLITE], useFactory: (sqlite: DispatchSqlite) => new SqliteBalanceView(sqlite.db) },
  { provide: SCHEDULED_BATCHES, inject: [DISPATCH_SQLITE], useFactory: (sqlite: DispatchSqlite) => new SqliteScheduledBatches(sqlite.db) },
  { provide: SIGNATURE_EXTENSIONS, inject: [DISPATCH_SQLITE], useFactory: (sqlite: DispatchSqlite) => new SqliteSignatureExtensions(sqlite.db) },
  { provide: BATCHES, inject: [EVENT_STORE, DISPATCH_CODEC], useFactory: (store: EventStore, codec: EventCodec<DispatchEvent>) => batchCommandHandler(store, codec) },
  DispatchPipelines,
  { provide: MESSAGE_PROJECTION, useExisting: DispatchPipelines },
  // Recipient protection (ADR 0022): the harassment guard's counters in the read-model file, the account request rate, the marketing window.
  {
    provide: RECIPIENT_QUOTA,
    inject: [DISPATCH_SQLITE, BLIND_INDEX, DispatchConfig],
    useFactory: (sqlite: DispatchSqlite, blindIndex: BlindIndex, config: DispatchConfig) => new SqliteRecipientQuota(sqlite.db, sqlite.readModels, blindIndex, config.frequencyPolicy),
  },
  RecipientQuotaPruning,
  {
    provide: SEND_LIMITS,
    inject: [DispatchConfig],
    useFactory: (config: DispatchConfig): SendLimits => ({
      accountRate: config.ACCOUNT_SEND_RATE > 0 ? new RateLimiter(config.ACCOUNT_SEND_RATE, config.ACCOUNT_SEND_BURST) : undefined,
      marketingWindow: config.marketingSendWindow,
    }),
  },
];
