import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { SqliteCheckpointStore } from '@sms/event-store';
import { openSqlite, PLATFORM_CONFIG, PlatformConfig } from '@sms/service-kit';
import { DatabaseSync } from 'node:sqlite';
import { INBOUND_CONTROLLERS, INBOUND_PROVIDERS } from './inbound';
import { DispatchConsumers, ROUTING_TABLE } from './messages/application/dispatch-consumers';
import { DispatchPipelines } from './messages/application/dispatch-pipelines';
import { SendMessagesHandler } from './messages/application/send-messages.handler';
import { DispatchGrpcController, MessagesController } from './messages/api/messages.controller';
import type { RoutingTable } from './messages/domain/routing';
import { DispatchStore } from './messages/infrastructure/dispatch-store';
import { DISPATCH_CHECKPOINTS, DISPATCH_STORE } from './messages/infrastructure/tokens';

const DISPATCH_DB = Symbol('DISPATCH_DB');

/** The single SMPP channel of the walking skeleton carries every operator; routing rules grow in the dispatch issue. */
export const DEFAULT_ROUTING: RoutingTable = { '*': 'smpp-default' };

class DispatchDbCloser implements OnApplicationShutdown {
  constructor(@Inject(DISPATCH_DB) private readonly db: DatabaseSync) {}
  // Shutdown hooks run after every onModuleDestroy, so consumers and pipelines have stopped writing.
  onApplicationShutdown(): void {
    if (this.db.isOpen) this.db.close();
  }
}

@Module({
  controllers: [MessagesController, DispatchGrpcController, ...INBOUND_CONTROLLERS],
  providers: [
    { provide: DISPATCH_DB, inject: [PLATFORM_CONFIG], useFactory: (config: PlatformConfig) => openSqlite(config.dataFile('dispatch.db')) },
    { provide: DISPATCH_STORE, inject: [DISPATCH_DB], useFactory: (db: DatabaseSync) => new DispatchStore(db) },
    { provide: DISPATCH_CHECKPOINTS, inject: [DISPATCH_DB], useFactory: (db: DatabaseSync) => new SqliteCheckpointStore(db) },
    { provide: ROUTING_TABLE, useValue: DEFAULT_ROUTING },
    DispatchDbCloser,
    DispatchPipelines,
    DispatchConsumers,
    SendMessagesHandler,
    ...INBOUND_PROVIDERS,
  ],
})
export class DispatchModule {}
