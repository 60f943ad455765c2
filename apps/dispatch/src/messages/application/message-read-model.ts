import type { MessageStatus } from '@sms/contracts';
import type { BatchAccepted } from '../domain/events';
import type { MessageProgress, StatusUpdate } from '../domain/message-status';

/** A message as the read model holds it: what was accepted and how far it got. Never its text. */
export interface MessageRecord extends MessageProgress {
  messageId: string;
  batchId: string;
  accountId: string;
  phoneNumber: string;
  countryCode: string;
  operator: string;
  kind: string;
  signatureId: string;
  templateId: string;
  outId?: string;
  segments: number;
  encoding: string;
  acceptedAt: string;
  /** When a scheduled message goes out. */
  scheduledAt?: string;
}

/** Why a message waits without changing its status (e.g. held for review). */
export interface MessageNote {
  messageId: string;
  code: string;
  detail: string;
}

export interface MessageQuery {
  accountId: string;
  phoneNumber?: string;
  /** The messages of one send request. */
  batchId?: string;
  /** The messages the customer gave this reference. */
  outId?: string;
  status?: MessageStatus;
  from?: string;
  to?: string;
  /** Keyset cursor: the (acceptedAt, messageId) of the last message of the previous page. */
  after?: { acceptedAt: string; messageId: string };
  limit: number;
}

/**
 * The message read model (port; SQLite adapter in infrastructure/, MongoDB later). Writes take whole events —
 * one statement per event or batch of events, never one per message — and run inside the caller's unit of work.
 */
export interface MessageReadModel {
  /** Adds the messages of accepted batches as ACCEPTED; a batch seen before changes nothing. */
  insertBatches(batches: BatchAccepted[]): Promise<void>;
  /** Applies each update by the status transition rule (`advanceStatus`); unknown messages are skipped. */
  advance(updates: StatusUpdate[]): Promise<void>;
  /** Records why messages wait, leaving their status as it is. */
  annotate(notes: MessageNote[]): Promise<void>;
  find(messageId: string): Promise<MessageRecord | undefined>;
  /** The known ones among `messageIds`, by id. */
  findMany(messageIds: string[]): Promise<Map<string, MessageRecord>>;
  /** An account's messages matching the filters, oldest first (acceptedAt, then messageId), after the cursor. */
  query(query: MessageQuery): Promise<MessageRecord[]>;
  /**
   * Messages still SUBMITTED — no final receipt — that were submitted before `submittedBefore`, the longest waiting
   * first, at most `limit` (the expiry sweep, ADR 0019). Cheap however many messages there are: only those awaiting a
   * receipt are looked at.
   */
  overdueSubmitted(submittedBefore: string, limit: number): Promise<MessageRecord[]>;
  /**
   * Erasure (ADR 0017): deletes the account's messages accepted before `before` — all of them when it is undefined —
   * with their numbers and the blind indexes of their numbers, at most `limit` messages a call (so no unit of work
   * holds the file long). Answers how many it deleted; the caller calls again while that is `limit`.
   */
  purge(accountId: string, before: string | undefined, limit: number): Promise<number>;
}

/** Read-your-writes for queries: the projection of dispatch's own events into the read model. */
export interface MessageProjection {
  /** Resolves once every event committed before the call is in the read model. */
  caughtUp(): Promise<void>;
}
