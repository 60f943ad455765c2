/** How a complaint arrived: taken by staff through the API, or a complaint keyword in a recipient's MO reply. */
export type ComplaintSource = 'API' | 'MO';
export const COMPLAINT_SOURCES: readonly ComplaintSource[] = ['API', 'MO'];

/** A recipient's complaint as the read side keeps it: the number opened (or `[destroyed]` after erasure). */
export interface ComplaintRecord {
  complaintId: string;
  accountId: string;
  /** E.164; sealed at rest with the account's data key (ADR 0016). */
  phoneNumber: string;
  messageId?: string;
  reason: string;
  receivedBy: string;
  receivedAt: string;
  source: ComplaintSource;
}

/** Complaints and the messages cleared per account, both in content-review's SQLite file (ADR 0034 "Complaints"). */
export interface ComplaintRepository {
  /** False when a complaint with this id is already kept (a redelivered MO reply): nothing changes. */
  add(complaint: ComplaintRecord): Promise<boolean>;
  /** Newest first, strictly after the (receivedAt, complaintId) key of the previous page's last row. */
  list(query: { accountId: string; after?: [string, string]; limit: number }): Promise<ComplaintRecord[]>;
  /** Complaints received for the account at or after `since`. */
  countSince(accountId: string, since: string): Promise<number>;
  /** The cleared messages of one screened batch (idempotent per batch). */
  screened(batch: { batchId: string; accountId: string; cleared: number; screenedAt: string }): Promise<void>;
  /** Messages cleared for the account at or after `since`. */
  messagesSince(accountId: string, since: string): Promise<number>;
}
