import type { RejectedItem } from './account.events';

/**
 * Screening outcomes can name an account this service does not know (deleted, mistyped, not yet replicated). Its
 * messages still need an answer, and answers leave only through the outbox, so the refusal is recorded on one
 * shared stream rather than by creating an `account-…` stream for an account that was never opened.
 */
export const REFUSED_RESERVATIONS_STREAM = 'billing-refused-reservations';
export const REFUSED_RESERVATION_EVENT_TYPE = 'account-billing.ReservationRefused.v1';

export interface ReservationRefused {
  accountId: string;
  batchId: string;
  rejected: RejectedItem[];
  refusedAt: string;
}

/** Every cleared message of the batch, rejected ACCOUNT_NOT_FOUND; null when there is nothing to answer. */
export function refuseUnknownAccount(accountId: string, batchId: string, messageIds: string[], at: Date): ReservationRefused | null {
  const unique = [...new Set(messageIds)];
  if (unique.length === 0) return null;
  return {
    accountId,
    batchId,
    rejected: unique.map((messageId) => ({ messageId, code: 'ACCOUNT_NOT_FOUND', detail: 'No such account.' })),
    refusedAt: at.toISOString(),
  };
}
