import type { EventStore } from '@sms/event-store';
import { CommandHandler } from '@sms/use-case-kit';
import type { EventCodec } from '@sms/use-case-kit/core';
import type { DispatchEvent } from '../../dispatch.codec';
import { type ChannelState, evolveChannel, initialChannelState } from '../domain/channel';
import type { ChannelEvent, MaintenanceEvent } from '../domain/events';
import { evolveMaintenance, initialMaintenanceState, type MaintenanceState } from '../domain/maintenance';
import type { ChannelRecord, MaintenanceRecord } from './channel-read-model';

export type ChannelStreams = CommandHandler<DispatchEvent, ChannelState>;
export type MaintenanceStreams = CommandHandler<DispatchEvent, MaintenanceState>;

const CHANNEL_TYPES = new Set(['ChannelConfigured', 'ChannelPaused', 'ChannelResumed']);
const MAINTENANCE_TYPES = new Set(['MaintenanceStarted', 'MaintenanceEnded']);

/** The channel streams' command handler (`codec`: the service codec protected by the process's key ring). */
export const channelStreams = (store: EventStore, codec: EventCodec<DispatchEvent>): ChannelStreams =>
  new CommandHandler<DispatchEvent, ChannelState>({
    store,
    codec,
    initialState: initialChannelState,
    evolve: (state, event) => (CHANNEL_TYPES.has(event.type) ? evolveChannel(state, event as ChannelEvent) : state),
  });

export const maintenanceStreams = (store: EventStore, codec: EventCodec<DispatchEvent>): MaintenanceStreams =>
  new CommandHandler<DispatchEvent, MaintenanceState>({
    store,
    codec,
    initialState: initialMaintenanceState,
    evolve: (state, event) => (MAINTENANCE_TYPES.has(event.type) ? evolveMaintenance(state, event as MaintenanceEvent) : state),
  });

/** A channel stream's state at `revision` as the read model and the registry keep it. */
export function channelRecordOf(channelId: string, state: ChannelState, revision: bigint): ChannelRecord {
  return { ...state, channelId, version: Number(revision) };
}

export function maintenanceRecordOf(state: MaintenanceState, revision: bigint): MaintenanceRecord {
  return { ...state, version: Number(revision) };
}
