import type { FinalDeliveryStatus, MessagesRoutedV1 } from '@sms/contracts';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { transaction } from '@sms/service-kit';
import type { DeliveryResult, InboundResult, SubmissionResult } from '../domain/events';
import { deliveryOutcome } from '../domain/outcomes';

export interface OutboundRow {
  seq: number;
  message_id: string;
  account_id: string;
  batch_id: string;
  channel_id: string;
  phone_number: string;
  text: string;
  segments: number;
}

export interface Receipt {
  channelId: string;
  operatorMessageId: string;
  status: FinalDeliveryStatus;
  errorCode?: string;
  doneAt: string;
}

export type PendingKind = 'submission' | 'delivery' | 'inbound';

export interface PendingEvent {
  seq: number;
  kind: PendingKind;
  channel_id: string;
  payload: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS outbound (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, message_id TEXT NOT NULL UNIQUE, account_id TEXT NOT NULL, batch_id TEXT NOT NULL,
  channel_id TEXT NOT NULL, phone_number TEXT NOT NULL, text TEXT NOT NULL, segments INTEGER NOT NULL, done INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS outbound_pending ON outbound (done, seq);
CREATE TABLE IF NOT EXISTS parts (channel_id TEXT NOT NULL, operator_message_id TEXT NOT NULL, message_id TEXT NOT NULL,
  PRIMARY KEY (channel_id, operator_message_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS tracking (message_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, batch_id TEXT NOT NULL,
  expected INTEGER NOT NULL, receipts TEXT NOT NULL DEFAULT '[]', reported INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS pending_events (seq INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, channel_id TEXT NOT NULL, payload TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS processed_events (consumer TEXT NOT NULL, event_id TEXT NOT NULL, PRIMARY KEY (consumer, event_id)) WITHOUT ROWID;
`;

/**
 * The carrier adapter's durable state: the queue of routed messages not yet submitted, which operator message id
 * belongs to which message, receipts per segment, and results waiting to be appended to the event store.
 * Everything that changes together is written in one SQLite transaction.
 */
export class CarrierStore {
  private readonly stmt: Record<string, StatementSync>;

  constructor(readonly db: DatabaseSync) {
    db.exec(SCHEMA);
    // Files written before tracking kept the submit time get the column on open.
    const columns = (db.prepare('PRAGMA table_info(tracking)').all() as Array<{ name: string }>).map((c) => c.name);
    if (!columns.includes('submitted_at')) db.exec('ALTER TABLE tracking ADD COLUMN submitted_at TEXT');
    this.stmt = {
      claim: db.prepare('INSERT OR IGNORE INTO processed_events (consumer, event_id) VALUES (?, ?)'),
      enqueue: db.prepare(
        'INSERT OR IGNORE INTO outbound (message_id, account_id, batch_id, channel_id, phone_number, text, segments) VALUES (?,?,?,?,?,?,?)',
      ),
      pendingAfter: db.prepare('SELECT seq, message_id, account_id, batch_id, channel_id, phone_number, text, segments FROM outbound WHERE done = 0 AND seq > ? ORDER BY seq LIMIT ?'),
      done: db.prepare('UPDATE outbound SET done = 1 WHERE message_id = ?'),
      part: db.prepare('INSERT OR IGNORE INTO parts (channel_id, operator_message_id, message_id) VALUES (?,?,?)'),
      track: db.prepare('INSERT OR IGNORE INTO tracking (message_id, account_id, batch_id, expected, submitted_at) VALUES (?,?,?,?,?)'),
      messageOf: db.prepare('SELECT message_id FROM parts WHERE channel_id = ? AND operator_message_id = ?'),
      tracking: db.prepare('SELECT account_id, batch_id, expected, receipts, reported, submitted_at FROM tracking WHERE message_id = ?'),
      updateTracking: db.prepare('UPDATE tracking SET receipts = ?, reported = ? WHERE message_id = ?'),
      addPending: db.prepare('INSERT INTO pending_events (kind, channel_id, payload) VALUES (?,?,?)'),
      takePending: db.prepare('SELECT seq, kind, channel_id, payload FROM pending_events ORDER BY seq LIMIT ?'),
      deletePending: db.prepare('DELETE FROM pending_events WHERE seq <= ?'),
    };
  }

  /** Queues routed messages for submission; a redelivered event (same id) queues nothing. */
  enqueue(eventId: string, routed: MessagesRoutedV1): boolean {
    return transaction(this.db, () => {
      if (Number(this.stmt.claim.run('routed', eventId).changes) === 0) return false;
      for (const m of routed.messages) {
        this.stmt.enqueue.run(m.messageId, routed.accountId, routed.batchId, routed.channelId, m.phoneNumber, m.text, m.segments);
      }
      return true;
    });
  }

  pendingAfter(seq: number, limit: number): OutboundRow[] {
    return this.stmt.pendingAfter.all(seq, limit) as unknown as OutboundRow[];
  }

  /** Records operator acknowledgements: the queue entry is done, segment ids are mapped, the result waits for the store. */
  recordSubmissions(channelId: string, results: SubmissionResult[]): void {
    for (const r of results) {
      this.stmt.done.run(r.messageId);
      for (const id of r.operatorMessageIds) this.stmt.part.run(channelId, id, r.messageId);
      if (r.segmentsSubmitted > 0) this.stmt.track.run(r.messageId, r.accountId, r.batchId, r.segmentsSubmitted, r.submittedAt);
    }
    if (results.length > 0) this.stmt.addPending.run('submission', channelId, JSON.stringify(results));
  }

  /**
   * Applies segment receipts; a message is reported once all its acknowledged segments have one. Returns the
   * receipts whose operator id is not known yet (a receipt can overtake the acknowledgement being recorded).
   */
  applyReceipts(receipts: Receipt[]): Receipt[] {
    const unknown: Receipt[] = [];
    const reports = new Map<string, DeliveryResult[]>();
    for (const receipt of receipts) {
      const part = this.stmt.messageOf.get(receipt.channelId, receipt.operatorMessageId) as { message_id: string } | undefined;
      const tracking = part && (this.stmt.tracking.get(part.message_id) as { account_id: string; batch_id: string; expected: number; receipts: string; reported: number; submitted_at: string | null } | undefined);
      if (!part || !tracking) {
        unknown.push(receipt);
        continue;
      }
      if (tracking.reported) continue;
      const seen = JSON.parse(tracking.receipts) as Array<{ id: string; status: FinalDeliveryStatus; errorCode?: string; doneAt: string }>;
      if (seen.some((r) => r.id === receipt.operatorMessageId)) continue;
      seen.push({ id: receipt.operatorMessageId, status: receipt.status, errorCode: receipt.errorCode, doneAt: receipt.doneAt });
      const outcome = deliveryOutcome(tracking.expected, seen);
      this.stmt.updateTracking.run(JSON.stringify(seen), outcome ? 1 : 0, part.message_id);
      if (outcome) {
        const list = reports.get(receipt.channelId) ?? [];
        list.push({
          messageId: part.message_id,
          batchId: tracking.batch_id,
          accountId: tracking.account_id,
          operatorMessageId: seen[0].id,
          status: outcome.status,
          ...(outcome.errorCode ? { errorCode: outcome.errorCode } : {}),
          ...(tracking.submitted_at ? { submittedAt: tracking.submitted_at } : {}),
          doneAt: seen.map((r) => r.doneAt).sort().at(-1) as string,
        });
        reports.set(receipt.channelId, list);
      }
    }
    for (const [channelId, list] of reports) this.stmt.addPending.run('delivery', channelId, JSON.stringify(list));
    return unknown;
  }

  recordInbound(channelId: string, messages: InboundResult[]): void {
    if (messages.length > 0) this.stmt.addPending.run('inbound', channelId, JSON.stringify(messages));
  }

  takePending(limit: number): PendingEvent[] {
    return this.stmt.takePending.all(limit) as unknown as PendingEvent[];
  }

  deletePendingUpTo(seq: number): void {
    this.stmt.deletePending.run(seq);
  }
}
