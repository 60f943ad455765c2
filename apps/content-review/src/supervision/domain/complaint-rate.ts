/**
 * The complaint-rate rule (terms §3.4, DOMAIN §3; ADR 0034 "Complaints"): recipients' complaints about an account,
 * counted in a rolling window, against the messages content-review cleared for it in the same window. Pure.
 */
export interface ComplaintRateSettings {
  /** Rolling window, hours (COMPLAINT_WINDOW_HOURS, default 24). */
  windowHours: number;
  /** Complaints per 10,000 messages above which the account is suspended (COMPLAINT_RATE_THRESHOLD). */
  thresholdPer10k: number;
  /** At least this many complaints before the rate counts (COMPLAINT_MIN_COUNT, default 5). */
  minCount: number;
}

export const DEFAULT_COMPLAINT_RATE: ComplaintRateSettings = { windowHours: 24, thresholdPer10k: 10, minCount: 5 };

export type ComplaintRateVerdict = { breached: false } | { breached: true; perTenThousand: number; evidence: string; windowIndex: number };

/**
 * Breached when at least `minCount` complaints arrived in the window and they exceed `thresholdPer10k` per 10,000
 * messages sent in it (no messages at all counts as an infinite rate once the minimum is met). `windowIndex` numbers
 * fixed windows of the same length since the epoch: the violation's id derives from it, so the breach is recorded
 * once per window however many complaints follow.
 */
export function complaintRate(input: { complaints: number; messages: number; now: Date }, settings: ComplaintRateSettings): ComplaintRateVerdict {
  if (input.complaints < settings.minCount) return { breached: false };
  const perTenThousand = input.messages > 0 ? (input.complaints * 10_000) / input.messages : Number.POSITIVE_INFINITY;
  if (!(perTenThousand > settings.thresholdPer10k)) return { breached: false };
  const rounded = Number.isFinite(perTenThousand) ? Math.round(perTenThousand * 10) / 10 : perTenThousand;
  const shown = Number.isFinite(rounded) ? String(rounded) : `${input.complaints} (no messages sent)`;
  return {
    breached: true,
    perTenThousand,
    evidence: `${shown} complaints per 10,000 messages in ${settings.windowHours} h (${input.complaints} complaints, ${input.messages} messages; threshold ${settings.thresholdPer10k})`,
    windowIndex: Math.floor(input.now.getTime() / (settings.windowHours * 3600 * 1000)),
  };
}
