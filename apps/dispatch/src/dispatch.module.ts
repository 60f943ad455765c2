import { Module } from '@nestjs/common';
import { PLATFORM_CONFIG, type PlatformConfig } from '@sms/service-kit';
import { CHANNEL_CONTROLLERS, CHANNEL_PROVIDERS } from './channels';
import { DispatchConfig } from './dispatch.config';
import { DispatchErasure } from './erase-account/erasure';
import { DispatchExportSections } from './export-account/export-sections';
import { INBOUND_CONTROLLERS, INBOUND_PROVIDERS } from './inbound';
import { MESSAGE_CONTROLLERS, MESSAGE_PROVIDERS } from './messages';
import { RECEIPT_PROVIDERS } from './messages/receipt-providers';
import { STATISTICS_CONTROLLERS, STATISTICS_PROVIDERS } from './statistics';
import { WEBHOOK_CONTROLLERS, WEBHOOK_PROVIDERS } from './webhooks';

@Module({
  controllers: [...MESSAGE_CONTROLLERS, ...INBOUND_CONTROLLERS, ...WEBHOOK_CONTROLLERS, ...CHANNEL_CONTROLLERS, ...STATISTICS_CONTROLLERS],
  providers: [
    { provide: DispatchConfig, inject: [PLATFORM_CONFIG], useFactory: (platform: PlatformConfig) => platform.settings(DispatchConfig) },
    ...MESSAGE_PROVIDERS,
    ...INBOUND_PROVIDERS,
    ...RECEIPT_PROVIDERS,
    ...WEBHOOK_PROVIDERS,
    // Routing, failover and maintenance (ADR 0018).
    ...CHANNEL_PROVIDERS,
    // Statistics from pre-aggregated buckets (ADR 0020).
    ...STATISTICS_PROVIDERS,
    DispatchExportSections,
    DispatchErasure,
  ],
})
export class DispatchModule {}
