import type { Provider } from '@nestjs/common';
import { BLIND_INDEX, type BlindIndex, DATA_KEY_RING, type DataKeyRing } from '@sms/data-protection';
import { EVENT_STORE, type EventStore } from '@sms/event-store';
import { sqliteFile } from '@sms/service-kit';
import type { EventCodec } from '@sms/use-case-kit/core';
import { DISPATCH_CODEC, type DispatchEvent, dispatchCodec } from '../../dispatch.codec';
import { batchCommandHandler } from '../application/batches';
import { BATCHES, DISPATCH_DATABASE, MESSAGE_PROJECTION, MESSAGE_READ_MODEL, SEND_DIRECTORY } from '../application/tokens';
import { type DispatchSqlite, dispatchSqlite } from './dispatch-database';
import { DispatchPipelines } from './dispatch-pipelines';
import { SqliteMessageReadModel } from './sqlite-message-read-model';
import { SqliteSendDirectory } from './sqlite-send-directory';

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
  { provide: BATCHES, inject: [EVENT_STORE, DISPATCH_CODEC], useFactory: (store: EventStore, codec: EventCodec<DispatchEvent>) => batchCommandHandler(store, codec) },
  DispatchPipelines,
  { provide: MESSAGE_PROJECTION, useExisting: DispatchPipelines },
];
