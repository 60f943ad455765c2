import type { MessagesRoutedV1 } from '@sms/contracts';
import type { DeliveryResult, InboundResult, OutcomeKind, SubmissionResult } from '../domain/events';
import type { SegmentReceipt } from '../domain/receipt-correlation';

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
  | { seq: number; kind: Extract<OutcomeKind, 'inbound'>; channelId: string; items: InboundResult[] };

/**
 * The carrier adapter's durable state, behind a port (SQLite adapter today): the queue of routed messages, which
 * operator id belongs to which message, per-segment receipts, and the outbox. Each method is one atomic unit, so an
 * outcome and its effects (queue entry done, receipts tracked, outbox row) are recorded together exactly once.
 */
export interface CarrierState {
  /** Stable for the life of the database; outbox event ids derive from it, so a new database never reuses one. */
  readonly instanceId: string;
  /** Queues the routed messages; false when this event id was queued before (a redelivery queues nothing). */
  enqueue(eventId: string, routed: MessagesRoutedV1): Promise<boolean>;
  /** Queued messages after `afterSeq`, oldest first. */
  queued(afterSeq: number, limit: number): Promise<QueuedMessage[]>;
  /**
   * Records submissions (queue entries done, operator ids mapped), correlates receipts (receiptCorrelation) and keeps
   * inbound messages, adding what must be published to the outbox. Returns the receipts whose operator id is not
   * known yet (their acknowledgement may still be on its way); nothing of them was recorded.
   */
  record(outcomes: Outcomes): Promise<ChannelReceipt[]>;
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
}
