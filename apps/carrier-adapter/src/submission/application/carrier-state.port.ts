import type { MessageCancellationsRequestedV1, MessagesRoutedV1 } from '@sms/contracts';
import type { DeliveryResult, InboundResult, OutcomeKind, SubmissionResult } from '../domain/events';
import type { SegmentReceipt } from '../domain/receipt-correlation';
import type { ReturnedResult } from '../domain/failover';
import type { AccountStanding } from '../domain/stop-transmission';

/** A routed message waiting for its channel. */
export interface QueuedMessage {
  seq: number;
  messageId: string;
  accountId: string;
  batchId: string;
  channelId: string;
  phoneNumber: string;
  text: string;
  segments: number;
  /** The extension code of its routed batch: it goes out from the channel's source address followed by it. */
  sourceExtension?: string;
}

export interface ChannelReceipt extends SegmentReceipt {
  channelId: string;
}

/** What sessions reported since the last flush; recorded in one unit. */
export interface Outcomes {
  submissions: Array<{ channelId: string; result: SubmissionResult }>;
  receipts: ChannelReceipt[];
  inbound: Array<{ channelId: string; message: InboundResult }>;
}

/** Outcomes recorded and not yet on the bus: the adapter's outbox, in recording order. */
export type OutboxEntry =
  | { seq: number; kind: Extract<OutcomeKind, 'submission'>; channelId: string; items: SubmissionResult[] }
  | { seq: number; kind: Extract<OutcomeKind, 'delivery'>; channelId: string; items: DeliveryResult[] }
  | { seq: number; kind: Extract<OutcomeKind, 'inbound'>; channelId: string; items: InboundResult[] }
  | { seq: number; kind: Extract<OutcomeKind, 'returned'>; channelId: string; items: ReturnedResult[] };

/**
 * The carrier adapter's durable state, behind a port (SQLite adapter today): the queue of routed messages, which
 * operator id belongs to which message, per-segment receipts, and the outbox. Each method is one atomic unit, so an
 * outcome and its effects (queue entry done, receipts tracked, outbox row) are recorded together exactly once.
 */
export interface CarrierState {
  /** Stable for the life of the database; outbox event ids derive from it, so a new database never reuses one. */
  readonly instanceId: string;
  /**
   * Queues the routed messages; false when this event id was queued before (a redelivery queues nothing). In the same
   * unit, messages of a halted account, and messages a cancellation named before they arrived, are cancelled instead
   * (answered as `cancel` answers them, at `at`: when the event is handled; the routing time if not given).
   */
  enqueue(eventId: string, routed: MessagesRoutedV1, at?: string): Promise<boolean>;
  /** Queued messages after `afterSeq`, oldest first; of one channel when `channelId` is given (the submit loop reads per channel). */
  queued(afterSeq: number, limit: number, channelId?: string): Promise<QueuedMessage[]>;
  /**
   * Failover (ADR 0018): looks at up to `limit` messages queued for the channel after `afterSeq` and hands back those
   * not in flight (handed out by `queued` and not answered) and not in `keep` — removed from the queue, with a
   * 'returned' outbox entry, in one unit. `lastSeq` is the last position looked at (undefined: nothing was there).
   */
  returnQueued(channelId: string, afterSeq: number, limit: number, keep: readonly string[], reason: ReturnedResult['reason'], at: string): Promise<{ returned: ReturnedResult[]; lastSeq?: number }>;
  /** How many messages are queued for the channel, counting at most `max` (its health: the backlog). */
  countQueued(channelId: string, max: number): Promise<number>;
  /** The channels that have messages queued (at start: those of a channel no longer hosted are answered UNKNOWN_CHANNEL). */
  queuedChannels(): Promise<string[]>;
  /**
   * Records submissions (queue entries done, operator ids mapped), correlates receipts (receiptCorrelation) and keeps
   * inbound messages, adding what must be published to the outbox. A receipt whose (channelId, operatorMessageId) no
   * submission has mapped — it overtook its acknowledgement, or names an id we never had — is kept, once per id
   * (the first to come), never dropped (ADR 0039). When the submissions of a later unit map its id, it is correlated in
   * that unit, before that unit's own receipts (as if it had just arrived), and no longer kept. Operator ids are
   * compared as given: the channels hand them over in their canonical form (canonicalOperatorId).
   */
  record(outcomes: Outcomes): Promise<void>;
  /** How many receipts are kept without a known message, on one channel or on all (its health). */
  unmatchedReceipts(channelId?: string): Promise<number>;
  /**
   * The oldest outbox entries (from at most `limit` recorded rows), handed out to the relay: consecutive entries of
   * one kind and channel that were never handed out come merged into one (planOutboxMerge); an entry once handed out
   * comes back unchanged until `published`.
   */
  outbox(limit: number): Promise<OutboxEntry[]>;
  /** Removes outbox entries up to `seq` once they are on the bus. */
  published(seq: number): Promise<void>;
  /**
   * Erasure (ADR 0017), after the key ring destroyed the keys: deletes what is kept of the account's messages routed
   * before `before` (all of them without it) — the numbers and texts of their routed batches, and the rows of those the
   * operator answered, receipt tracking included. A message still queued stays, reading `[destroyed]`, so the submit
   * loop answers it FAILED and its reservation is released. Works a chunk at a time (`limit` in the adapter's unit)
   * and answers how much it deleted: the caller calls again until it answers 0.
   */
  purge(accountId: string, before: string | undefined, limit: number): Promise<number>;
  /**
   * Stopping transmission (ADR 0023). Records an account's status; a change older than the one recorded changes nothing
   * (`applied` false). One that halts the account (anything but ACTIVE) cancels, in the same unit, the account's queued
   * messages that are not in flight: each gets the outcome FAILED, errorCode CANCELLED, nothing submitted (cancelledResult),
   * in the outbox; and messages of it queued later are cancelled as they arrive, until a change makes it ACTIVE again.
   * In flight: handed out by `queued` and not answered yet (recorded) — the submit loop answers those itself.
   */
  recordAccountStatus(change: AccountStanding, at: string): Promise<{ applied: boolean; cancelled: number }>;
  /** Every account's last recorded status: the submit loop's in-memory view of halted accounts is loaded from it at start. */
  accountStandings(): Promise<AccountStanding[]>;
  /**
   * A customer's cancellation, once per event id (false for a redelivery): the named messages of the account that are
   * queued and not in flight are cancelled as above; one in flight or answered is left to its normal outcome; one not
   * queued yet is remembered and cancelled when it arrives. Remembered cancellations are kept a day from `at`.
   */
  cancel(eventId: string, request: MessageCancellationsRequestedV1, at: string): Promise<{ claimed: boolean; cancelled: number }>;
}
