import { Inject, Injectable, Logger } from '@nestjs/common';
import { CHANNEL_HEALTH_V1, type ChannelHealthV1, type ChannelState, INTERNAL_TOPICS, SOURCES } from '@sms/contracts';
import { type IntegrationEvent, MESSAGE_BUS, type MessageBus } from '@sms/messaging';
import { CLOCK, type Clock, newId } from '@sms/service-kit';
import { CarrierAdapterConfig } from '../../carrier-adapter.config';
import type { CarrierState } from '../application/carrier-state.port';
import { ChannelMetrics } from '../application/channel-metrics';
import { ChannelSupervisor } from '../application/channel-supervisor';
import type { OperatorChannel } from '../application/operator-channel.port';
import { CARRIER_STATE, OPERATOR_CHANNELS } from '../application/tokens';
import { healthState } from '../domain/channel-health';

/** Queued messages counted for a health report at most: a count past this says enough, and bounds the cost of counting. */
const MAX_COUNTED = 100_000;

/**
 * Each channel's health to dispatch (ADR 0018) on `sms.internal.channel-health`: every interval, and at once when a
 * channel goes up or down. Health is a measurement, not a decision: it goes straight to the bus (no outbox); a report
 * lost is replaced by the next one. It counts the receipts kept without a known message (ADR 0039), and warns — at
 * most once an interval per channel, with the count only — when that count grew.
 */
@Injectable()
export class ReportHealthHandler {
  private readonly logger = new Logger('ReportHealthHandler');
  private readonly states = new Map<string, { state: ChannelState; since: string }>();
  /** Each channel's count of unmatched receipts at its last interval report (0 before the first). */
  private readonly unmatchedSeen = new Map<string, number>();
  private timer?: NodeJS.Timeout;
  private unsubscribe?: () => void;

  constructor(
    @Inject(OPERATOR_CHANNELS) private readonly channels: ReadonlyMap<string, OperatorChannel>,
    @Inject(CARRIER_STATE) private readonly state: Pick<CarrierState, 'countQueued' | 'unmatchedReceipts'>,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ChannelSupervisor) private readonly supervisor: Pick<ChannelSupervisor, 'gate' | 'onChange'>,
    @Inject(ChannelMetrics) private readonly metrics: ChannelMetrics,
    @Inject(CarrierAdapterConfig) private readonly config: Pick<CarrierAdapterConfig, 'CHANNEL_HEALTH_INTERVAL_MS'>,
  ) {}

  /** Reports now and every interval; a channel's throttling answers count towards its figures. */
  start(): void {
    for (const channel of this.channels.values()) channel.on('throttled', () => this.metrics.throttled(channel.id, Date.now()));
    this.unsubscribe = this.supervisor.onChange((channelId) => void this.report(channelId === undefined ? undefined : [channelId], false));
    void this.report(undefined, true);
    this.timer = setInterval(() => void this.report(undefined, true), this.config.CHANNEL_HEALTH_INTERVAL_MS);
  }

  stop(): void {
    clearInterval(this.timer);
    this.unsubscribe?.();
  }

  /** Reports the channels (all by default); `interval` ends their figures' interval. Failures are logged, never thrown. */
  async report(channelIds?: readonly string[], interval = false): Promise<void> {
    try {
      const events: IntegrationEvent[] = [];
      for (const channel of this.channels.values()) {
        if (channelIds && !channelIds.includes(channel.id)) continue;
        events.push(await this.healthOf(channel, interval));
      }
      if (events.length > 0) await this.bus.publish(INTERNAL_TOPICS.channelHealth, events);
    } catch (error) {
      this.logger.warn(`reporting channel health failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async healthOf(channel: OperatorChannel, interval: boolean): Promise<IntegrationEvent<ChannelHealthV1>> {
    const now = this.clock.now();
    const nowMs = Date.now();
    const stats = channel.stats();
    const gate = this.supervisor.gate(channel.id);
    const queued = await this.state.countQueued(channel.id, MAX_COUNTED);
    const unmatchedReceipts = await this.state.unmatchedReceipts(channel.id);
    if (interval) this.warnIfGrown(channel.id, unmatchedReceipts);
    const figures = this.metrics.figures(channel.id, nowMs);
    if (interval) this.metrics.reset(channel.id, nowMs);
    const state = healthState({ sessionsBound: stats.sessionsBound, lastThrottledMs: figures.lastThrottledAt, queued: Math.max(0, queued), tps: gate.tps, nowMs });
    let known = this.states.get(channel.id);
    if (!known || known.state !== state) {
      known = { state, since: now.toISOString() };
      this.states.set(channel.id, known);
    }
    const data: ChannelHealthV1 = {
      channelId: channel.id,
      state,
      since: known.since,
      sessions: stats.sessions,
      sessionsBound: stats.sessionsBound,
      windowSize: stats.windowSize,
      windowInUse: stats.windowInUse,
      queued,
      submitsPerSecond: figures.submitsPerSecond,
      p50SubmitLatencyMs: figures.p50SubmitLatencyMs,
      errorRate: figures.errorRate,
      throttleRate: figures.throttleRate,
      paused: gate.hold,
      reportedAt: now.toISOString(),
      unmatchedReceipts,
    };
    return { id: newId(), type: CHANNEL_HEALTH_V1, source: SOURCES.carrierAdapter, time: data.reportedAt, key: channel.id, data, extensions: {} };
  }

  /** Only interval reports compare, so a channel flapping up and down cannot repeat the warning. */
  private warnIfGrown(channelId: string, count: number): void {
    const seen = this.unmatchedSeen.get(channelId) ?? 0;
    this.unmatchedSeen.set(channelId, count);
    if (count > seen) this.logger.warn(`channel ${channelId}: ${count} receipt(s) kept without a known message, up from ${seen}`);
  }
}
