import { accept, type Decider, type Decision } from '@sms/use-case-kit/core';
import type { RejectedItem } from './account.events';

/**
 * Screening outcomes can name an account this service does not know (deleted, mistyped, not yet replicated). Its
 * messages still need an answer, and answers leave only through the outbox, so the refusal is recorded on one
 * shared stream rather than by creating an `account-…` stream for an account that was never opened.
 */
export const REFUSED_RESERVATIONS_STREAM = 'billing-refused-reservations';
export const REFUSED_RESERVATION_EVENT_TYPE = 'account-billing.ReservationRefused.v1';

export interface ReservationRefused {
  type: 'ReservationRefused';
  data: { accountId: string; batchId: string; rejected: RejectedItem[]; refusedAt: string };
}

export interface RefuseReservations {
  type: 'RefuseReservations';
  accountId: string;
  batchId: string;
  /** The cleared messages of the batch. */
  messageIds: string[];
  at: Date;
}

/**
 * Nothing is folded: a refusal never depends on earlier ones, and a redelivered batch is caught by its event id
 * (derived from the consumed event), so the shared stream costs no memory however long it grows.
 */
export type RefusedReservationsState = Record<string, never>;

/** Every cleared message of the batch, rejected ACCOUNT_NOT_FOUND; nothing when there is nothing to answer. */
export function decideRefusal(command: RefuseReservations): Decision<ReservationRefused, never> {
  const unique = [...new Set(command.messageIds)];
  if (unique.length === 0) return accept<ReservationRefused>();
  return accept<ReservationRefused>({
    type: 'ReservationRefused',
    data: {
      accountId: command.accountId,
      batchId: command.batchId,
      rejected: unique.map((messageId) => ({ messageId, code: 'ACCOUNT_NOT_FOUND', detail: 'No such account.' })),
      refusedAt: command.at.toISOString(),
    },
  });
}

export const refusedReservationsDecider: Decider<RefuseReservations, ReservationRefused, RefusedReservationsState, never> = {
  decide: decideRefusal,
  evolve: (state) => state,
  initialState: () => ({}),
};
