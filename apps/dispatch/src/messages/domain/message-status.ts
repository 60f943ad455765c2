import type { MessageStatus } from '@sms/contracts';

// Events about one message arrive on different topics with no order between them (a receipt can overtake the
// submit acknowledgement), so a status only ever moves forward: to a higher rank. Final statuses share the top rank.
const RANK: Record<MessageStatus, number> = {
  ACCEPTED: 0,
  QUEUED: 1,
  SUBMITTED: 2,
  DELIVERED: 3,
  UNDELIVERED: 3,
  EXPIRED: 3,
  FAILED: 3,
  BLOCKED: 3,
  REJECTED: 3,
  CANCELLED: 3,
};

export const statusRank = (status: MessageStatus): number => RANK[status];

/** The same ranking as an SQL expression over a status column, so a read model can advance rows in one statement. */
export function statusRankSql(column: string): string {
  return `CASE ${column} ${Object.entries(RANK)
    .map(([status, rank]) => `WHEN '${status}' THEN ${rank}`)
    .join(' ')} END`;
}
