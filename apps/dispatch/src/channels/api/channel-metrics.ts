import { Inject, Injectable } from '@nestjs/common';
import type { ChannelHealthV1 } from '@sms/contracts';
import type { GaugeFamily, GaugeSample, Metrics } from '@sms/observability';
import { METRICS } from '@sms/service-kit';
import { ChannelRegistry, type ChannelView } from '../application/channel-registry';

const LABELS = ['channel', 'protocol', 'operators'] as const;
type Label = (typeof LABELS)[number];
const family = (help: string, extra: readonly string[] = []): GaugeFamily => ({ help, labelNames: [...LABELS, ...extra] });

/** The carrier's health states, and UNKNOWN for a channel with no fresh report. */
export const HEALTH_STATES = ['UP', 'DOWN', 'THROTTLING', 'UNKNOWN'] as const;

/** A figure of the carrier's last fresh report, by the gauge that shows it (an optional one absent: 0). */
const FIGURES = {
  sms_channel_sessions: ['sessions', 'Sessions (binds) the carrier adapter keeps for the channel'],
  sms_channel_sessions_bound: ['sessionsBound', 'Sessions bound now'],
  sms_channel_window_size: ['windowSize', 'Submits the windows may hold (window × sessions)'],
  sms_channel_window_in_use: ['windowInUse', 'Submits outstanding in the windows'],
  sms_channel_queued: ['queued', 'Messages queued for the channel and not yet answered by its operator (counted up to 100,000)'],
  sms_channel_submits_per_second: ['submitsPerSecond', 'Messages answered per second over the last report interval'],
  sms_channel_submit_latency_p50_ms: ['p50SubmitLatencyMs', 'Median time from handing a message to the channel to its answer over the last interval, in milliseconds'],
  sms_channel_error_rate: ['errorRate', 'Refused segments / answered segments over the last interval (0..1)'],
  sms_channel_throttle_rate: ['throttleRate', 'Throttling answers / submits answered over the last interval (0..1)'],
  sms_channel_unmatched_receipts: ['unmatchedReceipts', 'Receipts the carrier adapter keeps for the channel without a known message (ADR 0039); 0 from adapters that do not report it'],
} as const satisfies Record<string, readonly [keyof ChannelHealthV1, string]>;
type Figure = keyof typeof FIGURES;

/**
 * The channel gauges of GET /metrics (ADR 0040), labelled channel, protocol and operators (sorted, comma-joined).
 * The figures come from the carrier's last report while it is fresh, as GET /v1/channels shows them; a channel with
 * none (never reported, or stale) shows only its state (UNKNOWN), pause, enablement and the age of its last report.
 */
export const CHANNEL_METRIC_FAMILIES = {
  sms_channel_up: family('1 when the carrier reports the channel UP or THROTTLING (a session is bound), 0 when DOWN or its report is missing or stale'),
  sms_channel_state: family("1 for the channel's current health state (UP, DOWN, THROTTLING, UNKNOWN), 0 for the others", ['state']),
  sms_channel_paused: family('1 when an operator paused the channel or the carrier adapter reports it holds it (maintenance)'),
  sms_channel_enabled: family('1 when routing may use the channel (its enabled attribute)'),
  sms_channel_health_age_seconds: family("Seconds since the carrier adapter's last health report of the channel, fresh or stale"),
  ...(Object.fromEntries(Object.entries(FIGURES).map(([name, [, help]]) => [name, family(help)])) as Record<Figure, GaugeFamily>),
};
export type ChannelMetricName = keyof typeof CHANNEL_METRIC_FAMILIES;

/** Every channel's samples, by gauge. `healthAgeMs`: since its last report, undefined before the first. */
export function channelMetricSamples(views: readonly ChannelView[], healthAgeMs: (channelId: string) => number | undefined): Record<ChannelMetricName, GaugeSample[]> {
  const samples = Object.fromEntries(Object.keys(CHANNEL_METRIC_FAMILIES).map((name) => [name, []])) as unknown as Record<ChannelMetricName, GaugeSample[]>;
  for (const view of views) {
    const labels: Record<Label, string> = {
      channel: view.channelId,
      protocol: view.attributes?.protocol ?? 'unknown',
      operators: [...(view.attributes?.operators ?? [])].sort().join(','),
    };
    const add = (name: ChannelMetricName, value: number, extra: Record<string, string> = {}) => samples[name].push({ labels: { ...labels, ...extra }, value });
    const health = view.health;
    const state = health?.state ?? 'UNKNOWN';
    add('sms_channel_up', state === 'UP' || state === 'THROTTLING' ? 1 : 0);
    for (const each of HEALTH_STATES) add('sms_channel_state', each === state ? 1 : 0, { state: each });
    add('sms_channel_paused', view.paused || health?.paused ? 1 : 0);
    add('sms_channel_enabled', view.attributes?.enabled ? 1 : 0);
    const age = healthAgeMs(view.channelId);
    if (age !== undefined) add('sms_channel_health_age_seconds', age / 1000);
    if (health) for (const [name, [field]] of Object.entries(FIGURES) as Array<[Figure, (typeof FIGURES)[Figure]]>) add(name, (health[field] as number | undefined) ?? 0);
  }
  return samples;
}

/** Registers the channel gauges on the application's metrics, read from the registry at each scrape. */
@Injectable()
export class ChannelMetrics {
  constructor(@Inject(METRICS) metrics: Metrics, registry: ChannelRegistry) {
    metrics.gauges(CHANNEL_METRIC_FAMILIES, () => channelMetricSamples(registry.views(), (channelId) => registry.healthAgeMs(channelId)));
  }
}
