import type { MessageStatus } from '@sms/contracts';

// Events about one message arrive on different topics with no order between them (a receipt can overtake the
// submit acknowledgement), so a status only ever moves forward: to a higher rank. Final statuses share the top rank.
// A scheduled message becomes ACCEPTED when its time comes (or CANCELLED before).
const RANK: Record<MessageStatus, number> = {
  SCHEDULED: 0,
  ACCEPTED: 1,
  // Held by screening for a reviewer: past ACCEPTED, and routed (QUEUED) once released and reserved.
  HELD: 1.5,
  QUEUED: 2,
  SUBMITTED: 3,
  DELIVERED: 4,
  UNDELIVERED: 4,
  EXPIRED: 4,
  FAILED: 4,
  BLOCKED: 4,
  REJECTED: 4,
  CANCELLED: 4,
};

/** The note of a message screening held for a reviewer (ADR 0036); dropped once the message moves past HELD. */
export const HELD_NOTE = 'HELD_FOR_REVIEW';

export const statusRank = (status: MessageStatus): number => RANK[status];

/** The same ranking as an SQL expression over a status column, so a read model can advance rows in one statement. */
export function statusRankSql(column: string): string {
  return `CASE ${column} ${Object.entries(RANK)
    .map(([status, rank]) => `WHEN '${status}' THEN ${rank}`)
    .join(' ')} END`;
}

/** Where a message stands, as far as the news about it goes. */
export interface MessageProgress {
  status: MessageStatus;
  errorCode?: string;
  errorDetail?: string;
  channelId?: string;
  operatorMessageIds?: string[];
  submittedAt?: string;
  doneAt?: string;
  /** What the reservation holds for it: unit price × segments, in minor units (known once its funds are reserved). */
  priceMinor?: number;
}

/** One piece of news about a message: a status and the facts that came with it. */
export interface StatusUpdate extends Partial<Omit<MessageProgress, 'status'>> {
  messageId: string;
  status: MessageStatus;
}

/**
 * The status transition: the status (and the error that explains it) moves only to a higher rank, so late or
 * repeated news never moves a message back and final statuses stay final; facts a late event brings (channel,
 * operator ids, submit and done times) are filled in whatever its status. So a receipt that overtakes the submit
 * acknowledgement ends DELIVERED, and the acknowledgement still adds the submit time.
 * The read model's SQL implements this same rule in one statement (its contract suite checks it against this).
 */
export function advanceStatus(current: MessageProgress, update: Omit<StatusUpdate, 'messageId'>): MessageProgress {
  const forward = statusRank(update.status) > statusRank(current.status);
  // The hold's note explained why the message waited: once it moves on (released, routed), it no longer applies.
  const kept = current.errorCode === HELD_NOTE ? { errorCode: undefined, errorDetail: undefined } : current;
  return {
    status: forward ? update.status : current.status,
    errorCode: forward ? (update.errorCode ?? kept.errorCode) : current.errorCode,
    errorDetail: forward ? (update.errorDetail ?? kept.errorDetail) : current.errorDetail,
    channelId: update.channelId ?? current.channelId,
    operatorMessageIds: update.operatorMessageIds ?? current.operatorMessageIds,
    submittedAt: update.submittedAt ?? current.submittedAt,
    doneAt: update.doneAt ?? current.doneAt,
    priceMinor: update.priceMinor ?? current.priceMinor,
  };
}
