import type { InboundRouted } from '../domain/events';

/** A routed reply as the inbound read model holds it. */
export type InboundRecord = InboundRouted;

export interface InboundQuery {
  accountId: string;
  from?: string;
  to?: string;
  /** Keyset cursor: the (receivedAt, inboundId) of the last reply of the previous page. */
  after?: { receivedAt: string; inboundId: string };
  limit: number;
}

/** An account's opt-out of a number: the first reply with an opt-out keyword stands (it is when consent was withdrawn). */
export interface OptOutRecord {
  accountId: string;
  /** `[destroyed]` once the account was erased, or when an older file no longer held the reply it came from. */
  phoneNumber: string;
  optedOutAt: string;
  signatureId?: string;
  inboundId?: string;
}

export interface OptOutQuery {
  accountId: string;
  /** Opaque cursor: `nextCursor` of the previous page. */
  after?: string;
  limit: number;
}

/** Inbound's own store (port): routed replies and the opt-outs they carry. Writes run in the caller's unit of work. */
export interface InboundRepository {
  /** Stores a routed reply once (by inbound id) and, for a matched opt-out, the account's opt-out of that number. */
  record(routed: InboundRouted): Promise<void>;
  find(inboundId: string): Promise<InboundRecord | undefined>;
  /** An account's replies, oldest first (receivedAt, then inboundId), after the cursor. */
  query(query: InboundQuery): Promise<InboundRecord[]>;
  /** Whether the recipient replied an opt-out keyword to this account (the first opt-out stands). */
  isOptedOut(accountId: string, phoneNumber: string): Promise<boolean>;
  /** The numbers (E.164) among `phoneNumbers` that opted out of this account: one lookup for a whole send. */
  optedOutAmong(accountId: string, phoneNumbers: string[]): Promise<Set<string>>;
  /** Re-admits a number the account may write to again (it has its consent anew); false when it had not opted out. */
  readmit(accountId: string, phoneNumber: string): Promise<boolean>;
  /**
   * An account's opt-outs, a page at a time. They outlive the replies they came from: retention deletes replies but
   * keeps opt-outs (honouring one is a legal duty), their numbers sealed with the account's lifetime key (ADR 0017).
   */
  optOuts(query: OptOutQuery): Promise<{ items: OptOutRecord[]; nextCursor?: string }>;
  /**
   * Erasure (ADR 0017): deletes the account's replies received before `before`, at most `limit` a call, and answers
   * how many. Without `before` every reply goes, and the account's opt-outs with their blind indexes too (the platform
   * holds the index key and could otherwise still confirm a guessed number).
   */
  purge(accountId: string, before: string | undefined, limit: number): Promise<number>;
}
