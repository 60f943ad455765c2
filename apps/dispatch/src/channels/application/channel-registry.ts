import type { ChannelHealthV1, MessageKind, OperatorCode } from '@sms/contracts';
import type { Clock } from '@sms/service-kit';
import { ChannelRouter, type ChannelHealthState, type RoutableChannel, type Router } from '../../messages/domain/routing';
import { countriesOf } from '../domain/countries';
import { maintenanceActiveAt } from '../domain/maintenance';
import type { ChannelRecord, MaintenanceRecord } from './channel-read-model';

/** A channel's last health report and when it came. */
export interface ReceivedHealth {
  report: ChannelHealthV1;
  receivedAt: number;
}

/** A channel as GET /v1/channels shows it. */
export interface ChannelView extends ChannelRecord {
  /** What routing goes by: PAUSED or DISABLED as dispatch decided, else the carrier's last report (UNKNOWN when stale). */
  state: 'UP' | 'THROTTLING' | 'DOWN' | 'UNKNOWN' | 'PAUSED' | 'DISABLED';
  health?: ChannelHealthV1;
}

export interface MaintenanceView {
  /** On now: recorded active and `until` not reached. */
  active: boolean;
  until?: string;
  reason?: string;
  since?: string;
}

/**
 * Dispatch's knowledge of its channels in memory (ADR 0018): their records (from the channel streams, through the
 * projection and straight from the command handlers), the carrier's last health report of each, and the maintenance
 * window. It is the messages context's Router: a change of records or of a channel's routing state builds a new
 * ChannelRouter, whose candidate lists are cached, so routing a message stays O(1). A report older than `staleMs`
 * counts as no report (UNKNOWN); `refresh` (on a timer) notices that.
 */
export class ChannelRegistry implements Router {
  private readonly records = new Map<string, ChannelRecord>();
  private readonly health = new Map<string, ReceivedHealth>();
  private maintenance: MaintenanceRecord = { active: false, version: -1 };
  private router = new ChannelRouter([]);
  /** The health each channel was routed by when the router was built. */
  private routedBy = new Map<string, ChannelHealthState>();

  constructor(
    private readonly clock: Clock,
    private readonly staleMs: number,
  ) {}

  route(operator: OperatorCode, kind: MessageKind, countryCode: string): string | undefined {
    return this.router.route(operator, kind, countryCode);
  }

  reroute(operator: OperatorCode, kind: MessageKind, countryCode: string, from: string): string | undefined {
    return this.router.reroute(operator, kind, countryCode, from);
  }

  /** Takes a channel's record unless a newer one is known; answers whether it did. */
  applyChannel(record: ChannelRecord): boolean {
    const known = this.records.get(record.channelId);
    if (known && known.version >= record.version) return false;
    this.records.set(record.channelId, record);
    this.rebuild();
    return true;
  }

  applyMaintenance(record: MaintenanceRecord): boolean {
    if (this.maintenance.version >= record.version) return false;
    this.maintenance = record;
    return true;
  }

  /** The carrier's report of a channel; the router is rebuilt only when the channel's routing state changes. */
  recordHealth(report: ChannelHealthV1): void {
    this.health.set(report.channelId, { report, receivedAt: this.clock.now().getTime() });
    this.refresh();
  }

  /** Rebuilds the router when a channel's health changed since it was built (a report, or one gone stale). */
  refresh(): void {
    for (const record of this.records.values()) {
      if (this.healthOf(record.channelId) !== this.routedBy.get(record.channelId)) {
        this.rebuild();
        return;
      }
    }
  }

  knows(channelId: string): boolean {
    return this.records.has(channelId);
  }

  view(channelId: string): ChannelView | undefined {
    const record = this.records.get(channelId);
    if (!record) return undefined;
    const health = this.fresh(channelId)?.report;
    const state: ChannelView['state'] = !record.attributes?.enabled ? 'DISABLED' : record.paused ? 'PAUSED' : this.healthOf(channelId);
    return { ...record, state, ...(health ? { health } : {}) };
  }

  views(): ChannelView[] {
    return [...this.records.keys()].sort().map((id) => this.view(id) as ChannelView);
  }

  /** Milliseconds since the channel's last report, stale or not (GET /metrics); undefined before its first. */
  healthAgeMs(channelId: string): number | undefined {
    const received = this.health.get(channelId);
    return received && this.clock.now().getTime() - received.receivedAt;
  }

  maintenanceNow(): MaintenanceView {
    const { active: _recorded, version: _version, ...rest } = this.maintenance;
    return { active: maintenanceActiveAt(this.maintenance, this.clock.now()), ...rest };
  }

  /** Seconds a refused send should wait while maintenance is on (until its end, or `fallback`), else undefined. */
  retryAfterSeconds(fallback: number): number | undefined {
    const now = this.clock.now();
    if (!maintenanceActiveAt(this.maintenance, now)) return undefined;
    return this.maintenance.until ? Math.max(1, Math.ceil((Date.parse(this.maintenance.until) - now.getTime()) / 1000)) : fallback;
  }

  private fresh(channelId: string): ReceivedHealth | undefined {
    const received = this.health.get(channelId);
    return received && this.clock.now().getTime() - received.receivedAt <= this.staleMs ? received : undefined;
  }

  private healthOf(channelId: string): ChannelHealthState {
    return this.fresh(channelId)?.report.state ?? 'UNKNOWN';
  }

  private rebuild(): void {
    const routedBy = new Map<string, ChannelHealthState>();
    const channels: RoutableChannel[] = [];
    for (const record of this.records.values()) {
      const attributes = record.attributes;
      if (!attributes) continue;
      const health = this.healthOf(record.channelId);
      routedBy.set(record.channelId, health);
      channels.push({
        channelId: record.channelId,
        operators: new Set(attributes.operators),
        countries: countriesOf(attributes.countries),
        kinds: new Set(attributes.kinds),
        priority: attributes.priority,
        enabled: attributes.enabled,
        paused: record.paused,
        health,
      });
    }
    this.router = new ChannelRouter(channels);
    this.routedBy = routedBy;
  }
}
