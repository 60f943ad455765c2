import { median } from '../domain/channel-health';

/** Latency samples kept per interval (a uniform sample of them when there are more). */
const MAX_SAMPLES = 2048;

interface Interval {
  startedAt: number;
  answered: number;
  segments: number;
  refused: number;
  throttled: number;
  latencies: number[];
  lastThrottledAt?: number;
}

export interface ChannelFigures {
  submitsPerSecond: number;
  p50SubmitLatencyMs: number;
  errorRate: number;
  throttleRate: number;
  lastThrottledAt?: number;
}

/**
 * Each channel's figures over the current health interval (ADR 0018): what the submit loop saw answered, and the
 * throttling answers the channel reported. In memory only; `reset` starts the next interval.
 */
export class ChannelMetrics {
  private readonly intervals = new Map<string, Interval>();

  /** A message answered `latencyMs` after it was handed to the channel: `segments` answered, `refused` of them refused. */
  answered(channelId: string, latencyMs: number, segments: number, refused: number, nowMs: number): void {
    const interval = this.of(channelId, nowMs);
    interval.answered++;
    interval.segments += segments;
    interval.refused += refused;
    // Reservoir sampling keeps the median honest under load without keeping every answer.
    if (interval.latencies.length < MAX_SAMPLES) interval.latencies.push(latencyMs);
    else {
      const slot = Math.floor(Math.random() * interval.answered);
      if (slot < MAX_SAMPLES) interval.latencies[slot] = latencyMs;
    }
  }

  /** The operator answered a submit_sm of the channel with "slow down". */
  throttled(channelId: string, nowMs: number): void {
    const interval = this.of(channelId, nowMs);
    interval.throttled++;
    interval.lastThrottledAt = nowMs;
  }

  figures(channelId: string, nowMs: number): ChannelFigures {
    const interval = this.of(channelId, nowMs);
    const seconds = Math.max(0.001, (nowMs - interval.startedAt) / 1000);
    const attempts = interval.segments + interval.throttled;
    return {
      submitsPerSecond: round(interval.answered / seconds),
      p50SubmitLatencyMs: round(median(interval.latencies)),
      errorRate: interval.segments === 0 ? 0 : round(interval.refused / interval.segments, 4),
      throttleRate: attempts === 0 ? 0 : round(interval.throttled / attempts, 4),
      ...(interval.lastThrottledAt !== undefined ? { lastThrottledAt: interval.lastThrottledAt } : {}),
    };
  }

  /** Starts the next interval; when the operator last throttled is remembered across intervals. */
  reset(channelId: string, nowMs: number): void {
    const last = this.intervals.get(channelId)?.lastThrottledAt;
    this.intervals.set(channelId, { startedAt: nowMs, answered: 0, segments: 0, refused: 0, throttled: 0, latencies: [], ...(last !== undefined ? { lastThrottledAt: last } : {}) });
  }

  private of(channelId: string, nowMs: number): Interval {
    let interval = this.intervals.get(channelId);
    if (!interval) {
      interval = { startedAt: nowMs, answered: 0, segments: 0, refused: 0, throttled: 0, latencies: [] };
      this.intervals.set(channelId, interval);
    }
    return interval;
  }
}

const round = (value: number, places = 1) => Math.round(value * 10 ** places) / 10 ** places;
