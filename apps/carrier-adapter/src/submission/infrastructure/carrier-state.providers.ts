import { Inject, Injectable, OnApplicationShutdown, type Provider } from '@nestjs/common';
import { openSqlite, PLATFORM_CONFIG, type PlatformConfig } from '@sms/service-kit';
import type { DatabaseSync } from 'node:sqlite';
import { CARRIER_STATE } from '../application/carrier-state.port';
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

/** The adapter's own SQLite file (`carrier-adapter.db` in DATA_DIR) behind the CarrierState port. */
export const carrierStateProviders: Provider[] = [
  { provide: CARRIER_DB, inject: [PLATFORM_CONFIG], useFactory: (config: PlatformConfig) => openSqlite(config.dataFile('carrier-adapter.db')) },
  { provide: CARRIER_STATE, inject: [CARRIER_DB], useFactory: (db: DatabaseSync) => new SqliteCarrierState(db) },
  CarrierDbCloser,
];
