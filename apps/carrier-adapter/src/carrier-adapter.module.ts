import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { SqliteCheckpointStore } from '@sms/event-store';
import { openSqlite, PLATFORM_CONFIG, PlatformConfig } from '@sms/service-kit';
import { DatabaseSync } from 'node:sqlite';
import { CarrierEngine } from './submission/application/carrier-engine';
import { CarrierStore } from './submission/infrastructure/carrier-store';
import { CARRIER_CHECKPOINTS, CARRIER_STORE, OPERATOR_CHANNELS, OperatorChannel } from './submission/infrastructure/channel';
import { SmppChannel } from './submission/infrastructure/smpp-channel';

const CARRIER_DB = Symbol('CARRIER_DB');

class CarrierDbCloser implements OnApplicationShutdown {
  constructor(@Inject(CARRIER_DB) private readonly db: DatabaseSync) {}
  // Shutdown hooks run after every onModuleDestroy, so the engine has stopped writing.
  onApplicationShutdown(): void {
    if (this.db.isOpen) this.db.close();
  }
}

@Module({
  providers: [
    { provide: CARRIER_DB, inject: [PLATFORM_CONFIG], useFactory: (config: PlatformConfig) => openSqlite(config.dataFile('carrier-adapter.db')) },
    { provide: CARRIER_STORE, inject: [CARRIER_DB], useFactory: (db: DatabaseSync) => new CarrierStore(db) },
    { provide: CARRIER_CHECKPOINTS, inject: [CARRIER_DB], useFactory: (db: DatabaseSync) => new SqliteCheckpointStore(db) },
    {
      provide: OPERATOR_CHANNELS,
      inject: [PLATFORM_CONFIG],
      useFactory: (config: PlatformConfig) =>
        new Map<string, OperatorChannel>([
          [
            'smpp-default',
            new SmppChannel(
              'smpp-default',
              {
                host: config.SMPP_HOST,
                port: config.SMPP_PORT,
                systemId: config.SMPP_SYSTEM_ID,
                password: config.SMPP_PASSWORD,
                window: config.SMPP_WINDOW,
                sourceAddr: config.SMPP_SOURCE_ADDR,
              },
              config.SMPP_SESSIONS,
            ),
          ],
        ]),
    },
    CarrierDbCloser,
    CarrierEngine,
  ],
})
export class CarrierAdapterModule {}
