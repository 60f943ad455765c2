import type { Clock } from '@sms/service-kit';
import { type ChannelControl, type ChannelGate, gateOf, inMaintenance, type Maintenance, supersedesControl } from '../domain/failover';
import type { StoredControls } from './channel-controls.port';
import type { OperatorChannel } from './operator-channel.port';

/**
 * What the carrier adapter knows of its channels beyond their queues (ADR 0018): dispatch's controls (pause,
 * enablement, TPS cap), the maintenance window, and since when each channel has been down. The submit loop asks it
 * for each channel's gate on every round, the health report whether a channel is held; it tells them of every change.
 */
export class ChannelSupervisor {
  private readonly controls = new Map<string, ChannelControl>();
  private maintenance?: Maintenance;
  private readonly downSince = new Map<string, number>();
  private readonly listeners = new Set<(channelId?: string) => void>();

  constructor(
    private readonly clock: Clock,
    private readonly graceMs: number,
    stored: StoredControls = { channels: [] },
  ) {
    for (const control of stored.channels) this.controls.set(control.channelId, control);
    this.maintenance = stored.maintenance;
  }

  /** No controls and no grace period: every channel open, nothing ever handed back (the use-case specs' default). */
  static open(clock: Clock = { now: () => new Date() }): ChannelSupervisor {
    return new ChannelSupervisor(clock, Number.POSITIVE_INFINITY);
  }

  /** Follows the channel's binds: down (not yet bound, at start) counts from now. */
  watch(channel: OperatorChannel): void {
    if (channel.stats().sessionsBound === 0) this.downSince.set(channel.id, this.nowMs());
    channel.on('up', () => {
      this.downSince.delete(channel.id);
      this.changed(channel.id);
    });
    channel.on('down', () => {
      if (!this.downSince.has(channel.id)) this.downSince.set(channel.id, this.nowMs());
      this.changed(channel.id);
    });
  }

  /** Takes a newer control (answers whether it did). */
  applyChannel(control: ChannelControl): boolean {
    if (!supersedesControl(control, this.controls.get(control.channelId))) return false;
    this.controls.set(control.channelId, control);
    this.changed(control.channelId);
    return true;
  }

  applyMaintenance(maintenance: Maintenance): boolean {
    if (!supersedesControl(maintenance, this.maintenance)) return false;
    this.maintenance = maintenance;
    this.changed();
    return true;
  }

  gate(channelId: string): ChannelGate {
    return gateOf({ control: this.controls.get(channelId), maintenance: this.maintenance, downSinceMs: this.downSince.get(channelId), nowMs: this.nowMs(), graceMs: this.graceMs });
  }

  inMaintenance(): boolean {
    return inMaintenance(this.maintenance, this.nowMs());
  }

  /** Called with the channel that changed, or with none for a change that concerns them all (maintenance). */
  onChange(listener: (channelId?: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(channelId?: string): void {
    for (const listener of this.listeners) listener(channelId);
  }

  private nowMs(): number {
    return this.clock.now().getTime();
  }
}
