import { Inject, Injectable, OnApplicationShutdown, type Provider } from '@nestjs/common';
import { openSqlite, PLATFORM_CONFIG, type PlatformConfig } from '@sms/service-kit';
import type { DatabaseSync } from 'node:sqlite';
import { CarrierAdapterConfig } from '../../carrier-adapter.config';
import type { OperatorChannel } from '../application/operator-channel.port';
import { CARRIER_STATE, OPERATOR_CHANNELS } from '../application/tokens';
import { SmppChannel } from './smpp-channel';
import { SqliteCarrierState } from './sqlite-carrier-state';

const CARRIER_DB = Symbol('CARRIER_DB');

@Injectable()
class CarrierDbCloser implements OnApplicationShutdown {
  constructor(@Inject(CARRIER_DB) private readonly db: DatabaseSync) {}
  // Shutdown hooks run after every onModuleDestroy, so the engine has stopped writing.
  onApplicationShutdown(): void {
    if (this.db.isOpen) this.db.close();
  }
}

/**
 * The submission context's adapters: its own SQLite file (`carrier-adapter.db` in DATA_DIR) behind the CarrierState
 * port, and the operator channels (one SMPP 3.4 channel; in the embedded profile it points at the bundled simulator).
 */
export const SUBMISSION_INFRASTRUCTURE: Provider[] = [
  { provide: CARRIER_DB, inject: [PLATFORM_CONFIG], useFactory: (config: PlatformConfig) => openSqlite(config.dataFile('carrier-adapter.db')) },
  { provide: CARRIER_STATE, inject: [CARRIER_DB], useFactory: (db: DatabaseSync) => new SqliteCarrierState(db) },
  CarrierDbCloser,
  {
    provide: OPERATOR_CHANNELS,
    inject: [PLATFORM_CONFIG],
    useFactory: (platform: PlatformConfig) => {
      const config = platform.settings(CarrierAdapterConfig);
      return new Map<string, OperatorChannel>([
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
      ]);
    },
  },
];
