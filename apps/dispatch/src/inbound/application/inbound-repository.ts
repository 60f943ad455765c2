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

/** Inbound's own store (port): routed replies and the opt-outs they carry. Writes run in the caller's unit of work. */
export interface InboundRepository {
  /** Stores a routed reply once (by inbound id) and, for a matched opt-out, the account's opt-out of that number. */
  record(routed: InboundRouted): Promise<void>;
  find(inboundId: string): Promise<InboundRecord | undefined>;
  /** An account's replies, oldest first (receivedAt, then inboundId), after the cursor. */
  query(query: InboundQuery): Promise<InboundRecord[]>;
  /** Whether the recipient replied an opt-out keyword to this account (the first opt-out stands). */
  isOptedOut(accountId: string, phoneNumber: string): Promise<boolean>;
}
