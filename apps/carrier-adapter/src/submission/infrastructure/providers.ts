import type { Provider } from '@nestjs/common';
import { DATA_KEY_RING, type DataKeyRing } from '@sms/data-protection';
import { CLOCK, type Clock, PLATFORM_CONFIG, type PlatformConfig, sqliteFile } from '@sms/service-kit';
import type { DatabaseSync } from 'node:sqlite';
import { CarrierAdapterConfig } from '../../carrier-adapter.config';
import { CHANNEL_CONTROLS, type ChannelControlStore } from '../application/channel-controls.port';
import { ChannelMetrics } from '../application/channel-metrics';
import { ChannelSupervisor } from '../application/channel-supervisor';
import type { OperatorChannel } from '../application/operator-channel.port';
import { CARRIER_STATE, OPERATOR_CHANNELS } from '../application/tokens';
import { createOperatorChannel } from './operator-channels';
import { SqliteCarrierState } from './sqlite-carrier-state';
import { SqliteChannelControls } from './sqlite-channel-controls';

/** The carrier's open file (only adapters in infrastructure/ see the connection). */
const CARRIER_SQLITE = Symbol('CARRIER_SQLITE');

/**
 * The submission context's adapters: its own SQLite file (`carrier-adapter.db` in DATA_DIR, numbers and texts sealed
 * with the key ring of the carrier's thread or process) behind the CarrierState and ChannelControlStore ports, and
 * the operator channels — one per entry of the configuration, SMPP 3.4 or CMPP (in the embedded profile the default
 * ones point at the bundled simulator) — with their supervisor (ADR 0018).
 */
export const SUBMISSION_INFRASTRUCTURE: Provider[] = [
  ...sqliteFile(CARRIER_SQLITE, 'carrier-adapter.db'),
  { provide: CARRIER_STATE, inject: [CARRIER_SQLITE, DATA_KEY_RING], useFactory: (db: DatabaseSync, ring: DataKeyRing) => new SqliteCarrierState(db, ring) },
  { provide: CHANNEL_CONTROLS, inject: [CARRIER_SQLITE], useFactory: (db: DatabaseSync) => new SqliteChannelControls(db) },
  { provide: CarrierAdapterConfig, inject: [PLATFORM_CONFIG], useFactory: (platform: PlatformConfig) => platform.settings(CarrierAdapterConfig) },
  {
    provide: OPERATOR_CHANNELS,
    inject: [CarrierAdapterConfig],
    useFactory: (config: CarrierAdapterConfig) =>
      new Map<string, OperatorChannel>(config.channels.map((c) => [c.id, createOperatorChannel(c, config.sessionTiming)])),
  },
  // What dispatch last decided (pauses, maintenance) applies before anything reads the supervisor.
  {
    provide: ChannelSupervisor,
    inject: [CLOCK, CarrierAdapterConfig, CHANNEL_CONTROLS],
    useFactory: async (clock: Clock, config: CarrierAdapterConfig, controls: ChannelControlStore) => new ChannelSupervisor(clock, config.CHANNEL_FAILOVER_GRACE_MS, await controls.load()),
  },
  ChannelMetrics,
];
