import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataKeyDestroyedError } from '@sms/data-protection';
import { CLOCK, type Clock, deterministicId } from '@sms/service-kit';
import type { BatchScreened } from '../../screening/domain/batch-screening';
import type { BlockedContentCounts, ScreenedBatchCounts } from '../application/blocked-content';
import { BLOCKED_CONTENT_CONFIG, BLOCKED_CONTENT_COUNTS, VIOLATIONS } from '../application/tokens';
import type { Violations } from '../application/violations';
import { blockedContentRate, type BlockedContentSettings } from '../domain/blocked-content';
import { violationStream } from '../domain/events';
import { RecordViolationHandler } from '../record-violation/handler';

/** Who records a blocked-content violation (its `recordedBy`). */
export const BLOCKED_CONTENT_RECORDER = 'blocked-content';
/** More resolved blocked-content violations than this for one account is not looked past (a guard, never reached). */
const MAX_BREACHES = 10_000;

/** The n-th blocked-content violation of an account: its id derives from the account and n, never from the time. */
export const blockedContentViolationId = (accountId: string, n: number): string => deterministicId(`blocked-content:${accountId}`, String(n));

export type BlockedContentOutcome = 'no-blocks' | 'stale' | 'below' | 'recorded' | 'already-open' | 'erased';

/**
 * Counts a screened batch and, when it blocked messages, applies the blocked-content rule to the account's rolling
 * window ending at the batch's screening (ADR 0034 "Blocked content"). A breach records ONE violation, origin
 * BLOCKED_CONTENT, through the violations' own path: the n-th such violation of the account has id
 * `blocked-content:<account>/n`, and n is the first whose stream is empty or still OPEN — so while one is open, every
 * further breach (and every replay) lands on it and records nothing; once it is resolved, the next breach records
 * the next one, counting only blocks screened after that resolution. A batch screened longer ago than the window (a
 * replay after a lost checkpoint) is counted but not judged.
 */
@Injectable()
export class CheckBlockedContentHandler {
  private readonly logger = new Logger('CheckBlockedContentHandler');

  constructor(
    @Inject(BLOCKED_CONTENT_COUNTS) private readonly counts: BlockedContentCounts,
    @Inject(BLOCKED_CONTENT_CONFIG) private readonly settings: BlockedContentSettings,
    @Inject(VIOLATIONS) private readonly violations: Violations,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly recordViolation: RecordViolationHandler,
  ) {}

  async handle(batch: BatchScreened): Promise<BlockedContentOutcome> {
    await this.counts.screened(countsOf(batch));
    if (batch.blocked.length === 0) return 'no-blocks';
    const windowMs = this.settings.windowHours * 3600 * 1000;
    const at = new Date(batch.screenedAt);
    if (Number.isNaN(at.getTime()) || at.getTime() < this.clock.now().getTime() - windowMs) return 'stale';
    // The account's blocked-content violations so far: the first empty slot is the next one's id; an OPEN one means
    // the breach is already recorded. Blocks screened before the last resolution are not counted again.
    let n = 0;
    let since = at.getTime() - windowMs;
    for (; n < MAX_BREACHES; n += 1) {
      const { state } = await this.violations.load(violationStream(blockedContentViolationId(batch.accountId, n)));
      if (!state) break;
      if (state.status === 'OPEN') return 'already-open';
      if (state.resolution) since = Math.max(since, Date.parse(state.resolution.resolvedAt));
    }
    if (n === MAX_BREACHES) return 'already-open';
    const window = await this.counts.window(batch.accountId, new Date(since).toISOString(), batch.screenedAt);
    const verdict = blockedContentRate(window, this.settings);
    if (!verdict.breached) return 'below';
    const violationId = blockedContentViolationId(batch.accountId, n);
    try {
      await this.recordViolation.handle({ violationId, accountId: batch.accountId, category: verdict.category, origin: 'BLOCKED_CONTENT', evidence: verdict.evidence, by: BLOCKED_CONTENT_RECORDER });
    } catch (error) {
      // An erased account's evidence cannot be sealed, and there is nothing left to suspend: skip, never stall the rule.
      if (error instanceof DataKeyDestroyedError) return 'erased';
      throw error;
    }
    this.logger.log(`blocked-content violation ${violationId} for account ${batch.accountId}: ${window.blocked} of ${window.screened} blocked (${verdict.category})`);
    return 'recorded';
  }
}

/** What the rule keeps of a batch: no text and no number, only counts. */
export function countsOf(batch: BatchScreened): ScreenedBatchCounts {
  const categories: Record<string, number> = {};
  const terms: Record<string, number> = {};
  for (const blocked of batch.blocked) {
    categories[blocked.category] = (categories[blocked.category] ?? 0) + 1;
    for (const term of new Set(blocked.terms ?? [])) terms[term] = (terms[term] ?? 0) + 1;
  }
  return {
    batchId: batch.batchId,
    accountId: batch.accountId,
    screened: batch.cleared.length + batch.blocked.length + (batch.held ?? []).length,
    blocked: batch.blocked.length,
    categories,
    terms,
    screenedAt: batch.screenedAt,
  };
}
