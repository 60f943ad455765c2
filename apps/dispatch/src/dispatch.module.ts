import { Module } from '@nestjs/common';
import { PLATFORM_CONFIG, type PlatformConfig } from '@sms/service-kit';
import { DispatchConfig } from './dispatch.config';
import { DispatchErasure } from './erase-account/erasure';
import { DispatchExportSections } from './export-account/export-sections';
import { INBOUND_CONTROLLERS, INBOUND_PROVIDERS } from './inbound';
import { MESSAGE_CONTROLLERS, MESSAGE_PROVIDERS } from './messages';

@Module({
  controllers: [...MESSAGE_CONTROLLERS, ...INBOUND_CONTROLLERS],
  providers: [
    { provide: DispatchConfig, inject: [PLATFORM_CONFIG], useFactory: (platform: PlatformConfig) => platform.settings(DispatchConfig) },
    ...MESSAGE_PROVIDERS,
    ...INBOUND_PROVIDERS,
    DispatchExportSections,
    DispatchErasure,
  ],
})
export class DispatchModule {}
