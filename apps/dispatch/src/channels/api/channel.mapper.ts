import type { ChannelView } from '../application/channel-registry';
import type { ChannelHealthResponse, ChannelResponse } from './dto';

/** A channel as the API shows it: its attributes, pause, state and last health report, field by field. */
export function toChannelResponse(view: ChannelView): ChannelResponse {
  const a = view.attributes;
  const health = view.health;
  return {
    channelId: view.channelId,
    protocol: a?.protocol ?? 'smpp',
    operators: a?.operators ?? [],
    countries: a?.countries ?? [],
    kinds: a?.kinds ?? [],
    priority: a?.priority ?? 0,
    tps: a?.tps ?? 0,
    enabled: a?.enabled ?? false,
    paused: view.paused,
    ...(view.pausedReason ? { pausedReason: view.pausedReason } : {}),
    state: view.state,
    updatedAt: view.changedAt ?? '',
    ...(health
      ? {
          health: {
            state: health.state,
            since: health.since,
            sessions: health.sessions,
            sessionsBound: health.sessionsBound,
            windowSize: health.windowSize,
            windowInUse: health.windowInUse,
            queued: health.queued,
            submitsPerSecond: health.submitsPerSecond,
            p50SubmitLatencyMs: health.p50SubmitLatencyMs,
            errorRate: health.errorRate,
            throttleRate: health.throttleRate,
            reportedAt: health.reportedAt,
            ...(health.unmatchedReceipts !== undefined ? { unmatchedReceipts: health.unmatchedReceipts } : {}),
          } satisfies ChannelHealthResponse,
        }
      : {}),
  };
}
