import type { ChannelControl, Maintenance } from '../domain/failover';

/** What dispatch last told the carrier adapter (ADR 0018), kept across restarts. */
export interface StoredControls {
  channels: ChannelControl[];
  maintenance?: Maintenance;
}

/**
 * The channel controls and the maintenance window as last received, in the carrier's own file: a restart applies
 * them before the submit loop takes anything (a paused channel stays paused, maintenance stays on). Each write keeps
 * the newer version only, so a redelivered or reordered event changes nothing.
 */
export interface ChannelControlStore {
  load(): Promise<StoredControls>;
  /** false when what is kept is as new or newer. */
  saveChannel(control: ChannelControl): Promise<boolean>;
  saveMaintenance(maintenance: Maintenance): Promise<boolean>;
}

/** `ChannelControlStore` */
export const CHANNEL_CONTROLS = Symbol('CHANNEL_CONTROLS');
