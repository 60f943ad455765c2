import type { MessagesSubmittedV1 } from '@sms/contracts';
import type { FundsCaptured } from '../../ledger/domain/account.events';

/*
 * The two sides of reconciliation, per message (terms §2.4: billed count / submitted count):
 * - acknowledged: what the operator acknowledged, as the carrier adapter reports it (sms.messages-submitted.v1);
 * - billed: what the ledger captured for it (FundsCaptured in the account's stream).
 * They arrive separately, in either order, each possibly more than once; a message's row is the same whatever the
 * order and however often each arrives.
 */

export interface AcknowledgedMessage {
  messageId: string;
  accountId: string;
  batchId: string;
  /** Segments the operator acknowledged (> 0). */
  segments: number;
  /** When the operator acknowledged it: the time the message counts in. */
  atMs: number;
}

export interface BilledMessage {
  messageId: string;
  accountId: string;
  batchId?: string;
  /** Segments the ledger captured. */
  segments: number;
  /** What was captured for it, in minor units. */
  chargedMinor: bigint;
  /** When it was captured: the time it counts in until its acknowledgement is known. */
  atMs: number;
}

/**
 * The acknowledged messages of one submissions event: SUBMITTED results with at least one segment (a FAILED result,
 * or a cancellation, acknowledged nothing). `fallbackAt`: the event's time, for a result without submittedAt.
 */
export function acknowledgedMessages(submitted: MessagesSubmittedV1, fallbackAt: string): AcknowledgedMessage[] {
  const fallbackMs = Date.parse(fallbackAt);
  const messages: AcknowledgedMessage[] = [];
  for (const result of submitted.results) {
    if (result.status !== 'SUBMITTED' || !(result.segmentsSubmitted > 0)) continue;
    const at = Date.parse(result.submittedAt);
    messages.push({
      messageId: result.messageId,
      accountId: submitted.accountId,
      batchId: result.batchId,
      segments: result.segmentsSubmitted,
      atMs: Number.isNaN(at) ? fallbackMs : at,
    });
  }
  return messages;
}

/** The billed messages of one capture in an account's stream. */
export function billedMessages(accountId: string, captured: FundsCaptured['data']): BilledMessage[] {
  const atMs = Date.parse(captured.capturedAt);
  return captured.items.map((item) => ({
    messageId: item.messageId,
    accountId,
    ...(item.batchId !== undefined ? { batchId: item.batchId } : {}),
    segments: item.segments,
    chargedMinor: item.amountMinor,
    atMs,
  }));
}
