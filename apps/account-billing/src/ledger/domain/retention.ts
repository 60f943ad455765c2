/**
 * When an account's data is due to go for retention (terms §4 "saving, destroying"; ADR 0017). Message data is sealed
 * with the key of the epoch it was sealed in (epochs of `epochMs`, counted from 1970), and only whole epochs can be
 * destroyed: the boundary is the start of the epoch the retention cutoff falls in, so every epoch before it has ended
 * more than the retention period ago. Data thus lives at least its retention period and at most one epoch longer.
 */
export interface RetainedAccount {
  accountId: string;
  openedAt: string;
  /** The account's own period; undefined: the platform's. */
  retentionDays?: number;
  /** The boundary erased last (RFC 3339). */
  erasedBefore?: string;
}

export interface RetentionPolicy {
  /** The platform's period (RETENTION_DAYS), in ms. */
  defaultRetentionMs: number;
  /** The key epoch (DATA_KEY_EPOCH_DAYS), in ms. */
  epochMs: number;
}

export const DAY_MS = 86_400_000;

/** The start of the epoch `time` falls in. */
export const epochStart = (time: number, epochMs: number): number => Math.floor(time / epochMs) * epochMs;

/**
 * The boundary to erase before now, or undefined when nothing new is due: no epoch of the account ended more than its
 * period ago, or that boundary was erased already (so an epoch is announced once, however often the job runs).
 */
export function retentionDue(account: RetainedAccount, now: Date, policy: RetentionPolicy): Date | undefined {
  const retentionMs = account.retentionDays !== undefined ? account.retentionDays * DAY_MS : policy.defaultRetentionMs;
  const boundary = epochStart(now.getTime() - retentionMs, policy.epochMs);
  // The account's first epoch starts where the epoch of its opening does: nothing of it lies before that.
  const opened = Date.parse(account.openedAt);
  if (!Number.isFinite(opened) || boundary <= epochStart(opened, policy.epochMs)) return undefined;
  if (account.erasedBefore !== undefined && boundary <= Date.parse(account.erasedBefore)) return undefined;
  return new Date(boundary);
}
