import type { Provider } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@sms/event-store';
import { sqliteFile } from '@sms/service-kit';
import { batchCommandHandler } from '../application/batches';
import { BATCHES, DISPATCH_DATABASE, MESSAGE_PROJECTION, MESSAGE_READ_MODEL, SEND_DIRECTORY } from '../application/tokens';
import { type DispatchSqlite, dispatchSqlite } from './dispatch-database';
import { DispatchPipelines } from './dispatch-pipelines';
import { SqliteMessageReadModel } from './sqlite-message-read-model';
import { SqliteSendDirectory } from './sqlite-send-directory';

/** The open read-model file (only adapters in infrastructure/ see the connection). */
export const DISPATCH_SQLITE = Symbol('DISPATCH_SQLITE');

/** The messages context's adapters: its SQLite file behind the ports, the batch command handler, the pipelines. */
export const MESSAGE_INFRASTRUCTURE: Provider[] = [
  ...sqliteFile(DISPATCH_SQLITE, 'dispatch.db', dispatchSqlite),
  { provide: DISPATCH_DATABASE, inject: [DISPATCH_SQLITE], useFactory: (sqlite: DispatchSqlite) => sqlite.readModels },
  { provide: MESSAGE_READ_MODEL, inject: [DISPATCH_SQLITE], useFactory: (sqlite: DispatchSqlite) => new SqliteMessageReadModel(sqlite.db) },
  { provide: SEND_DIRECTORY, inject: [DISPATCH_SQLITE], useFactory: (sqlite: DispatchSqlite) => new SqliteSendDirectory(sqlite.db) },
  { provide: BATCHES, inject: [EVENT_STORE], useFactory: (store: EventStore) => batchCommandHandler(store) },
  DispatchPipelines,
  { provide: MESSAGE_PROJECTION, useExisting: DispatchPipelines },
];
