/** Our delivery statuses: the final ones of CONTRACTS.md plus ENROUTE for receipts that are not final yet. */
export type ReceiptStatus = 'DELIVERED' | 'UNDELIVERED' | 'EXPIRED' | 'FAILED' | 'ENROUTE';

/** SMPP 3.4 §5.2.28 message_state values. */
export const MESSAGE_STATE = {
  SCHEDULED: 0,
  ENROUTE: 1,
  DELIVERED: 2,
  EXPIRED: 3,
  DELETED: 4,
  UNDELIVERABLE: 5,
  ACCEPTED: 6,
  UNKNOWN: 7,
  REJECTED: 8,
  SKIPPED: 9,
} as const;

/** The receipt `stat:` word for each message_state (SMPP 3.4 Appendix B). */
const STAT_BY_STATE: Record<number, string> = {
  0: 'SCHEDULED',
  1: 'ENROUTE',
  2: 'DELIVRD',
  3: 'EXPIRED',
  4: 'DELETED',
  5: 'UNDELIV',
  6: 'ACCEPTD',
  7: 'UNKNOWN',
  8: 'REJECTD',
  9: 'SKIPPED',
};

const STATE_BY_STAT = new Map<string, number>(Object.entries(STAT_BY_STATE).map(([state, stat]) => [stat, Number(state)]));

/**
 * Maps a receipt `stat:` word to our status. ACCEPTD (read by customer care on the subscriber's behalf, or an
 * intermediate "accepted by the network" on many SMSCs) is not proof of delivery, so it stays ENROUTE and
 * a later receipt or the validity timeout settles it. Full words some SMSCs send (DELIVERED, UNDELIVERABLE,
 * REJECTED) are read by prefix; anything unrecognised is a failure, never a delivery.
 */
export function receiptStatus(stat: string): ReceiptStatus {
  const s = stat.trim().toUpperCase();
  if (s.startsWith('DELIV')) return 'DELIVERED';
  if (s.startsWith('UNDEL')) return 'UNDELIVERED';
  if (s.startsWith('EXPIR')) return 'EXPIRED';
  if (s.startsWith('ENROUTE') || s.startsWith('ACCEPT') || s.startsWith('SCHEDUL')) return 'ENROUTE';
  return 'FAILED'; // REJECTD, DELETED, UNKNOWN, SKIPPED and anything else
}

/** Maps the message_state TLV (0..9) to our status, consistently with `receiptStatus`. */
export function messageStateStatus(state: number): ReceiptStatus {
  return receiptStatus(messageStateStat(state));
}

/** The `stat:` word for a message_state value; `UNKNOWN` outside 0..9. */
export function messageStateStat(state: number): string {
  return STAT_BY_STATE[state] ?? 'UNKNOWN';
}

/** The message_state value for a `stat:` word (what an SMSC puts in the TLV next to the text). */
export function statMessageState(stat: string): number {
  const s = stat.trim().toUpperCase();
  const exact = STATE_BY_STAT.get(s);
  if (exact !== undefined) return exact;
  switch (receiptStatus(s)) {
    case 'DELIVERED':
      return MESSAGE_STATE.DELIVERED;
    case 'UNDELIVERED':
      return MESSAGE_STATE.UNDELIVERABLE;
    case 'EXPIRED':
      return MESSAGE_STATE.EXPIRED;
    case 'ENROUTE':
      return MESSAGE_STATE.ENROUTE;
    default:
      return MESSAGE_STATE.UNKNOWN;
  }
}
