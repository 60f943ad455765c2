import { Module } from '@nestjs/common';
import { PLATFORM_CONFIG, type PlatformConfig } from '@sms/service-kit';
import { CarrierAdapterConfig } from './carrier-adapter.config';
import { CarrierEngine } from './submission/application/carrier-engine';
import { OPERATOR_CHANNELS, type OperatorChannel } from './submission/application/operator-channel.port';
import { carrierStateProviders } from './submission/infrastructure/carrier-state.providers';
import { SmppChannel } from './submission/infrastructure/smpp-channel';

@Module({
  providers: [
    ...carrierStateProviders,
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
    CarrierEngine,
  ],
})
export class CarrierAdapterModule {}
