/*
 * Routing, failover and maintenance (ADR 0018): what the carrier adapter and dispatch tell each other about operator
 * channels. Dispatch owns a channel's routing attributes and its pause; the carrier adapter owns its connections and
 * measures their health.
 */

/** How a channel is doing, as the carrier adapter sees it. */
export type ChannelState = 'UP' | 'DOWN' | 'THROTTLING';

/**
 * Topic sms.internal.channel-health, key channelId. Sent by the carrier adapter per channel it hosts, when the
 * state changes and at a steady interval (CHANNEL_HEALTH_INTERVAL_MS, 2 s by default); figures cover the interval.
 */
export const CHANNEL_HEALTH_V1 = 'sms.channel-health.v1';
export interface ChannelHealthV1 {
  channelId: string;
  /** UP: a session is bound; DOWN: none is; THROTTLING: bound, but the operator answers "slow down" or the queue is over the channel's TPS share. */
  state: ChannelState;
  /** When the channel entered this state. */
  since: string;
  sessions: number;
  sessionsBound: number;
  /** submit_sm the windows may hold (window × sessions) and hold now. */
  windowSize: number;
  windowInUse: number;
  /** Messages queued for the channel and not yet answered by its operator (those in its windows included), counted up to 100,000. */
  queued: number;
  /** Messages answered per second over the interval. */
  submitsPerSecond: number;
  /** Median time from handing a message to the channel to its answer, over the interval (0 when none). */
  p50SubmitLatencyMs: number;
  /** Refused segments / answered segments over the interval (0..1). */
  errorRate: number;
  /** Throttling answers (0x58, 0x14) / submit_sm answered over the interval (0..1). */
  throttleRate: number;
  /** What the carrier adapter applies: paused by an operator, or the platform in maintenance. */
  paused: boolean;
  reportedAt: string;
  /**
   * Receipts the carrier adapter keeps for this channel without a known message: their operator id was never
   * mapped by a submission — not yet (the receipt overtook its submit response), or never (ADR 0039). Additive: absent
   * from reports of adapters before it.
   */
  unmatchedReceipts?: number;
}

/**
 * Topic sms.internal.channel-control, key channelId. A channel's routing state as dispatch last recorded it, sent on
 * every change: the carrier adapter holds a paused or disabled channel's queue (and hands back what waits there)
 * and submits at most `tps` per second. `version` grows with every change: an older one changes nothing.
 */
export const CHANNEL_CONTROL_V1 = 'sms.channel-control.v1';
export interface ChannelControlV1 {
  channelId: string;
  enabled: boolean;
  paused: boolean;
  /** submit_sm per second; 0 = no cap. */
  tps: number;
  version: number;
  changedAt: string;
}

/**
 * Topic sms.internal.channel-control, key `maintenance`. The platform's maintenance window (PUT /v1/maintenance):
 * while active (and before `until`), sends answer 503 MAINTENANCE and the carrier adapter submits nothing; what was
 * accepted waits and goes out after. `version` grows with every change.
 */
export const MAINTENANCE_V1 = 'sms.maintenance.v1';
export interface MaintenanceV1 {
  active: boolean;
  until?: string;
  reason?: string;
  version: number;
  changedAt: string;
}

/** Why the carrier adapter handed queued messages back. */
export type ReturnReason = 'CHANNEL_DOWN' | 'CHANNEL_PAUSED' | 'CHANNEL_DISABLED';

/**
 * Topic sms.internal.submissions, key accountId. Messages the carrier adapter held for a channel that is down longer
 * than its grace period, paused or disabled, and handed back unsubmitted (never one in an SMPP window): dispatch
 * routes them again, to another channel when one serves them, else to the same one, where they wait. Nothing was
 * submitted, so nothing is billed or released.
 */
export const MESSAGES_RETURNED_V1 = 'sms.messages-returned.v1';
export interface MessagesReturnedV1 {
  accountId: string;
  channelId: string;
  reason: ReturnReason;
  returnedAt: string;
  messages: Array<{ messageId: string; batchId: string }>;
}
