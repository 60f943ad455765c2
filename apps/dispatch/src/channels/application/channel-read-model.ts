import type { ChannelState } from '../domain/channel';
import type { MaintenanceState } from '../domain/maintenance';

/** A channel as its stream left it, at `version` (the stream's revision). */
export interface ChannelRecord extends ChannelState {
  channelId: string;
  version: number;
}

export interface MaintenanceRecord extends MaintenanceState {
  version: number;
}

/**
 * The channels and the maintenance window as the projection last applied them (dispatch's file): what the registry
 * loads at start. Each save keeps the newer version only, so a projection batch applied again changes nothing.
 */
export interface ChannelReadModel {
  load(): Promise<{ channels: ChannelRecord[]; maintenance?: MaintenanceRecord }>;
  saveChannel(record: ChannelRecord): Promise<void>;
  saveMaintenance(record: MaintenanceRecord): Promise<void>;
}
