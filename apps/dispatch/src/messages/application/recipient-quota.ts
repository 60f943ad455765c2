import type { MessageKind } from '@sms/contracts';
import type { FrequencyLimited } from '../domain/frequency-limits';

/** The sends of one batch — one kind, one signature — to some numbers (E.164), at one instant. */
export interface QuotaRequest {
  accountId: string;
  batchId: string;
  signatureId: string;
  kind: MessageKind;
  phoneNumbers: readonly string[];
  at: Date;
}

/** What a take counted, and whom it refused (by E.164 number); a number the batch was counted for already is in neither. */
export interface QuotaTaken {
  /** The numbers whose send this take counted: give them back if they are not sent after all. */
  taken: string[];
  limited: ReadonlyMap<string, FrequencyLimited>;
}

/**
 * The harassment guard's counters (port; DOMAIN §3): per signature and number, the sends its frequency limits
 * count. `take` checks and counts every number of a request atomically — two requests racing for one number cannot
 * both pass a limit — and durably (a restart keeps the counts); numbers are kept only as their blind index.
 */
export interface RecipientQuota {
  /**
   * Counts one send of the batch to each number that is under every limit; the others come back limited, uncounted.
   * A number the batch was counted for already (a retry, even one racing the original) passes without counting twice.
   */
  take(request: QuotaRequest): Promise<QuotaTaken>;
  /** Uncounts the batch's sends to these numbers (taken, then not sent after all). */
  giveBack(request: QuotaRequest): Promise<void>;
  /**
   * Drops counters nothing counts any more, about `limit` at most, sweeping on from where the last call stopped; how
   * many went. Fewer than `limit`: the sweep went all the way round.
   */
  prune(now: Date, limit: number): Promise<number>;
  /** Drops an erased account's counters (ADR 0017). */
  forget(accountId: string): Promise<void>;
}

export const RECIPIENT_QUOTA = Symbol('RECIPIENT_QUOTA');
