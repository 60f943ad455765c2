import type { ReturnReason } from '@sms/contracts';

/*
 * Failover and maintenance on the carrier's side (ADR 0018): which channels the submit loop feeds, and which queues it
 * hands back to dispatch to be routed elsewhere. Pure: time comes in as a number.
 */

/** A channel's routing state as dispatch last sent it (sms.channel-control.v1). */
export interface ChannelControl {
  channelId: string;
  enabled: boolean;
  paused: boolean;
  /** submit_sm per second; 0 = no cap. */
  tps: number;
  version: number;
}

/** The maintenance window as dispatch last sent it (sms.maintenance.v1). */
export interface Maintenance {
  active: boolean;
  /** Epoch ms; absent: until it is ended. */
  untilMs?: number;
  version: number;
}

/** What the submit loop does with one channel now. */
export interface ChannelGate {
  /** Take nothing from its queue. */
  hold: boolean;
  /** Hand back what waits in its queue (never what is in its windows), and why. */
  handBack?: ReturnReason;
  /** submit_sm per second; 0 = no cap. */
  tps: number;
}

export interface GateInput {
  control?: ChannelControl;
  maintenance?: Maintenance;
  /** Since when the channel has had no bound session (epoch ms); absent while one is bound. */
  downSinceMs?: number;
  nowMs: number;
  graceMs: number;
}

export const inMaintenance = (maintenance: Maintenance | undefined, nowMs: number): boolean =>
  maintenance !== undefined && maintenance.active && (maintenance.untilMs === undefined || nowMs < maintenance.untilMs);

/**
 * A channel disabled or paused in dispatch, or down for longer than the grace period, is held and its queue handed
 * back; in maintenance every channel is held and nothing handed back (every channel waits alike, so there is nowhere
 * better to send it). A channel down for less than the grace period keeps its queue: a reconnect is usually quicker
 * than routing everything again.
 */
export function gateOf({ control, maintenance, downSinceMs, nowMs, graceMs }: GateInput): ChannelGate {
  const tps = control?.tps ?? 0;
  if (control && !control.enabled) return { hold: true, handBack: 'CHANNEL_DISABLED', tps };
  if (control?.paused) return { hold: true, handBack: 'CHANNEL_PAUSED', tps };
  if (downSinceMs !== undefined && nowMs - downSinceMs >= graceMs) return { hold: true, handBack: 'CHANNEL_DOWN', tps };
  return { hold: inMaintenance(maintenance, nowMs), tps };
}

/** A newer version replaces what is known; an older or repeated one (redelivered, reordered) changes nothing. */
export const supersedesControl = (next: { version: number }, known: { version: number } | undefined): boolean => known === undefined || next.version > known.version;

/** A message handed back to dispatch unsubmitted. */
export interface ReturnedResult {
  messageId: string;
  batchId: string;
  accountId: string;
  reason: ReturnReason;
  returnedAt: string;
}
