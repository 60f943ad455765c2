import { CHANNEL_CONTROL_V1, type ChannelControlV1, MAINTENANCE_V1, type MaintenanceV1, SOURCES } from '@sms/contracts';
import type { RecordedEvent } from '@sms/event-store';
import type { IntegrationEvent } from '@sms/messaging';
import { integrationEvent } from '@sms/service-kit';
import type { ChannelRecord, MaintenanceRecord } from './channel-read-model';

/** The key of the maintenance window's events on sms.internal.channel-control. */
export const MAINTENANCE_KEY = 'maintenance';

/** A channel's state after a committed change, as the carrier adapter applies it (its stream revision is the version). */
export function toChannelControl(recorded: RecordedEvent, record: ChannelRecord): IntegrationEvent<ChannelControlV1> {
  return integrationEvent(recorded, CHANNEL_CONTROL_V1, SOURCES.dispatch, record.channelId, {
    channelId: record.channelId,
    enabled: record.attributes?.enabled ?? false,
    paused: record.paused,
    tps: record.attributes?.tps ?? 0,
    version: record.version,
    changedAt: record.changedAt ?? recorded.created.toISOString(),
  });
}

export function toMaintenance(recorded: RecordedEvent, record: MaintenanceRecord): IntegrationEvent<MaintenanceV1> {
  return integrationEvent(recorded, MAINTENANCE_V1, SOURCES.dispatch, MAINTENANCE_KEY, {
    active: record.active,
    ...(record.until !== undefined ? { until: record.until } : {}),
    ...(record.reason !== undefined ? { reason: record.reason } : {}),
    version: record.version,
    changedAt: record.since ?? recorded.created.toISOString(),
  });
}
