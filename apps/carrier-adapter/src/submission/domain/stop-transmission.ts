import { type AccountHaltCode, accountHaltCode, type AccountStatus, SUBMISSION_CANCELLED } from '@sms/contracts';
import type { SubmissionResult } from './events';

/*
 * Stopping transmission (DOMAIN §3 and §5, ADR 0023): what the carrier adapter still holds unsubmitted of a halted
 * account, or of a customer's cancellation, is answered FAILED with errorCode CANCELLED and nothing submitted, so
 * billing releases its reservation and dispatch marks it CANCELLED. A message already handed to an operator window is
 * never cancelled: the operator may acknowledge it, and then it is billed.
 */

/** The errorCode of a message cancelled before it reached an operator. */
export const CANCELLED = SUBMISSION_CANCELLED;

/** Why a message was cancelled: the customer asked (CANCELLED), or its account was halted (the codes a send is refused with). */
export type CancelReason = typeof SUBMISSION_CANCELLED | AccountHaltCode;

/** Why an account of this status sends nothing, or undefined when it is ACTIVE. */
export const haltReason = (status: AccountStatus): CancelReason | undefined => accountHaltCode(status);

/** An account's status as account-billing last announced it. */
export interface AccountStanding {
  accountId: string;
  status: AccountStatus;
  changedAt: string;
}

/**
 * Whether a status change replaces what is known of the account: the first one seen, or one at least as recent.
 * Events of one account arrive in order (they are keyed by account), but a redelivery can bring an older one back
 * after a newer one: that one changes nothing.
 */
export function supersedes(change: AccountStanding, known: AccountStanding | undefined): boolean {
  return known === undefined || Date.parse(change.changedAt) >= Date.parse(known.changedAt);
}

/**
 * How long a cancellation of a message not queued yet is remembered: its routed event is on its way (dispatch asks only
 * for messages it routed), so it comes within moments; a day covers a carrier adapter that was down for hours.
 */
export const CANCELLATION_KEPT_MS = 24 * 60 * 60 * 1000;

/** A queued message as cancellation needs it. */
export interface CancellableMessage {
  messageId: string;
  batchId: string;
  accountId: string;
  segments: number;
}

/** The outcome of a message cancelled before submission: FAILED, no segment submitted (nothing billed), the reason. */
export function cancelledResult(message: CancellableMessage, reason: CancelReason, at: string): SubmissionResult {
  return {
    messageId: message.messageId,
    batchId: message.batchId,
    accountId: message.accountId,
    status: 'FAILED',
    segmentsSubmitted: 0,
    segmentsFailed: message.segments,
    operatorMessageIds: [],
    submittedAt: at,
    errorCode: CANCELLED,
    cancelReason: reason,
  };
}
