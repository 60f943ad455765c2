import type { Provider, Type } from '@nestjs/common';
import { ChannelMetrics } from './api/channel-metrics';
import { ChannelEventConsumers } from './api/event-consumers';
import { ChannelsController } from './api/channels.controller';
import { MaintenanceController } from './api/maintenance.controller';
import { MaintenanceInterceptor } from './api/refused-in-maintenance';
import { ConfigureChannelHandler } from './configure-channel/handler';
import { CHANNEL_INFRASTRUCTURE } from './infrastructure/providers';
import { ListChannelsHandler } from './list-channels/handler';
import { PauseChannelHandler } from './pause-channel/handler';
import { RecordHealthHandler } from './record-health/handler';
import { SetMaintenanceHandler } from './set-maintenance/handler';

export { RefusedInMaintenance } from './api/refused-in-maintenance';

/** What DispatchModule registers for routing, failover and maintenance (ADR 0018). */
export const CHANNEL_PROVIDERS: Provider[] = [
  ...CHANNEL_INFRASTRUCTURE,
  ConfigureChannelHandler,
  PauseChannelHandler,
  ListChannelsHandler,
  SetMaintenanceHandler,
  RecordHealthHandler,
  ChannelEventConsumers,
  MaintenanceInterceptor,
  // The channel gauges of GET /metrics (ADR 0040).
  ChannelMetrics,
];
export const CHANNEL_CONTROLLERS: Type[] = [ChannelsController, MaintenanceController];
