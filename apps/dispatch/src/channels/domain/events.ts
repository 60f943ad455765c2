import type { MessageKind, OperatorCode } from '@sms/contracts';

/*
 * Channels and the maintenance window, as dispatch records them (ADR 0018): a stream per channel, one for maintenance.
 * Stored type strings never change; a new shape gets a new version.
 */
export const CHANNEL_EVENT_TYPES = {
  channelConfigured: 'dispatch.ChannelConfigured.v1',
  channelPaused: 'dispatch.ChannelPaused.v1',
  channelResumed: 'dispatch.ChannelResumed.v1',
  maintenanceStarted: 'dispatch.MaintenanceStarted.v1',
  maintenanceEnded: 'dispatch.MaintenanceEnded.v1',
} as const;

/** Every channel event's type starts with this, every maintenance event's with the other (subscriptions filter on them). */
export const CHANNEL_EVENT_PREFIX = 'dispatch.Channel';
export const MAINTENANCE_EVENT_PREFIX = 'dispatch.Maintenance';

export const channelStream = (channelId: string): string => `dispatch-channel-${channelId}`;
export const MAINTENANCE_STREAM = 'dispatch-maintenance';

export type ChannelProtocol = 'smpp' | 'cmpp';

/** What routing knows of a channel: whom it serves and how much. Its connection lives in the carrier adapter. */
export interface ChannelAttributes {
  protocol: ChannelProtocol;
  operators: OperatorCode[];
  /** For international traffic: ISO 3166 alpha-2 codes or calling codes (`+44`), or `*` for every country. */
  countries: string[];
  kinds: MessageKind[];
  /** Higher is preferred among channels of equal health. */
  priority: number;
  /** submit_sm per second the carrier adapter keeps to; 0 = no cap. */
  tps: number;
  enabled: boolean;
}

export interface ChannelConfigured extends ChannelAttributes {
  channelId: string;
  configuredAt: string;
  /** Configured from the platform's settings at its first start (DISPATCH_ROUTES), not by an operator. */
  seeded?: boolean;
}

export interface ChannelPaused {
  channelId: string;
  pausedAt: string;
  reason?: string;
}

export interface ChannelResumed {
  channelId: string;
  resumedAt: string;
}

export interface MaintenanceStarted {
  startedAt: string;
  /** It ends by itself then; absent: until ended. */
  until?: string;
  reason?: string;
}

export interface MaintenanceEnded {
  endedAt: string;
}

export type ChannelEvent =
  | { type: 'ChannelConfigured'; data: ChannelConfigured }
  | { type: 'ChannelPaused'; data: ChannelPaused }
  | { type: 'ChannelResumed'; data: ChannelResumed };

export type MaintenanceEvent = { type: 'MaintenanceStarted'; data: MaintenanceStarted } | { type: 'MaintenanceEnded'; data: MaintenanceEnded };

export type ChannelsEvent = ChannelEvent | MaintenanceEvent;

const CHANNELS_EVENT_NAMES = new Set<string>(['ChannelConfigured', 'ChannelPaused', 'ChannelResumed', 'MaintenanceStarted', 'MaintenanceEnded']);

/** Whether a service event is one of the channels context's (batch streams skip them). */
export const isChannelsEvent = (event: { type: string }): event is ChannelsEvent => CHANNELS_EVENT_NAMES.has(event.type);
