import type { Provider } from '@nestjs/common';
import { DATA_KEY_RING, type DataKeyRing } from '@sms/data-protection';
import { PLATFORM_CONFIG, type PlatformConfig, sqliteFile } from '@sms/service-kit';
import { CarrierAdapterConfig } from '../../carrier-adapter.config';
import type { OperatorChannel } from '../application/operator-channel.port';
import { CARRIER_STATE, OPERATOR_CHANNELS } from '../application/tokens';
import { SmppChannel } from './smpp-channel';
import { SqliteCarrierState } from './sqlite-carrier-state';

/**
 * The submission context's adapters: its own SQLite file (`carrier-adapter.db` in DATA_DIR, numbers and texts sealed
 * with the key ring of the carrier's thread or process) behind the CarrierState port, and the operator channels (one SMPP 3.4 channel; in the embedded profile it points at the bundled simulator).
 */
export const SUBMISSION_INFRASTRUCTURE: Provider[] = [
  ...sqliteFile(CARRIER_STATE, 'carrier-adapter.db', (db, ring: DataKeyRing) => new SqliteCarrierState(db, ring), [DATA_KEY_RING]),
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
