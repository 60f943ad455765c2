import { Inject, Injectable } from '@nestjs/common';
import { CHANNEL_HEALTH_V1, type ChannelHealthV1 } from '@sms/contracts';
import type { IntegrationEvent } from '@sms/messaging';
import { ChannelRegistry } from '../application/channel-registry';

const STATES = new Set(['UP', 'DOWN', 'THROTTLING']);
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;

/**
 * The carrier's health reports (ADR 0018), into the registry: a channel's change of state re-sorts the candidates
 * routing uses. Kept in memory only — a report is current for a few seconds and the next one replaces it.
 */
@Injectable()
export class RecordHealthHandler {
  constructor(@Inject(ChannelRegistry) private readonly registry: Pick<ChannelRegistry, 'recordHealth'>) {}

  async handle(event: IntegrationEvent): Promise<void> {
    if (event.type !== CHANNEL_HEALTH_V1) return;
    this.registry.recordHealth(parseChannelHealth(event.data));
  }
}

/** A consumed `sms.channel-health.v1`, checked at the edge (a malformed one throws: retried, then dead-lettered). */
export function parseChannelHealth(data: unknown): ChannelHealthV1 {
  const h = (typeof data === 'object' && data !== null ? data : {}) as Partial<Record<keyof ChannelHealthV1, unknown>>;
  const counts = ['sessions', 'sessionsBound', 'windowSize', 'windowInUse', 'queued', 'submitsPerSecond', 'p50SubmitLatencyMs', 'errorRate', 'throttleRate'] as const;
  const problems = [
    typeof h.channelId === 'string' && h.channelId.length > 0 && h.channelId.length <= 64 ? undefined : 'channelId',
    typeof h.state === 'string' && STATES.has(h.state) ? undefined : 'state',
    typeof h.since === 'string' && !Number.isNaN(Date.parse(h.since)) ? undefined : 'since',
    typeof h.reportedAt === 'string' && !Number.isNaN(Date.parse(h.reportedAt)) ? undefined : 'reportedAt',
    typeof h.paused === 'boolean' ? undefined : 'paused',
    ...counts.map((field) => (isNumber(h[field]) ? undefined : field)),
    // Additive (ADR 0039): absent from older adapters' reports.
    h.unmatchedReceipts === undefined || isNumber(h.unmatchedReceipts) ? undefined : 'unmatchedReceipts',
  ].filter((p): p is string => p !== undefined);
  if (problems.length > 0) throw new Error(`Invalid ${CHANNEL_HEALTH_V1} payload: ${problems.join(', ')}`);
  const report = {} as Record<string, unknown>;
  for (const field of ['channelId', 'state', 'since', 'reportedAt', 'paused', ...counts] as const) report[field] = h[field];
  if (h.unmatchedReceipts !== undefined) report.unmatchedReceipts = h.unmatchedReceipts;
  return report as unknown as ChannelHealthV1;
}
