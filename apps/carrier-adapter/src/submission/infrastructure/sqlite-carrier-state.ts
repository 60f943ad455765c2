import type { MessagesRoutedV1, OperatorCode } from '@sms/contracts';
import { transaction } from '@sms/service-kit';
import { randomUUID } from 'node:crypto';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { CarrierState, ChannelReceipt, OutboxEntry, Outcomes, QueuedMessage } from '../application/carrier-state.port';
import type { DeliveryResult, InboundResult, SubmissionResult } from '../domain/events';
import { type MessageTracking, receiptCorrelation, type SegmentReceipt } from '../domain/receipt-correlation';
import { groupBy } from '../application/group-by';
import { planOutboxMerge } from '../application/outbox-merge';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS carrier_messages (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, message_id TEXT NOT NULL UNIQUE, account_id TEXT NOT NULL, batch_id TEXT NOT NULL,
  channel_id TEXT NOT NULL, phone_number TEXT NOT NULL, text TEXT, segments INTEGER NOT NULL, operator TEXT, out_id TEXT,
  done INTEGER NOT NULL DEFAULT 0, expected INTEGER, submitted_at TEXT, receipts TEXT, reported INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS carrier_messages_queued ON carrier_messages (seq) WHERE done = 0;
CREATE TABLE IF NOT EXISTS parts (channel_id TEXT NOT NULL, operator_message_id TEXT NOT NULL, message_id TEXT NOT NULL,
  PRIMARY KEY (channel_id, operator_message_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, channel_id TEXT NOT NULL, payload TEXT NOT NULL,
  handed_out INTEGER NOT NULL DEFAULT 1);
CREATE TABLE IF NOT EXISTS inbox (consumer TEXT NOT NULL, event_id TEXT NOT NULL, PRIMARY KEY (consumer, event_id)) WITHOUT ROWID;
`;

interface TrackedRow {
  message_id: string;
  account_id: string;
  batch_id: string;
  phone_number: string;
  segments: number;
  operator: string | null;
  out_id: string | null;
  expected: number | null;
  submitted_at: string | null;
  receipts: string | null;
  reported: number;
}

/**
 * The carrier adapter's state in its own SQLite file. One row per message is both its queue entry (until the
 * operator answered; the text is dropped then — it is needed only to submit) and its receipt tracking afterwards.
 * Outcomes are written once, into the outbox table, in the same transaction as the state they change; the relay
 * publishes and deletes them. (Before ADR 0012 they went through a pending table, the event store and a second outbox.)
 */
export class SqliteCarrierState implements CarrierState {
  readonly instanceId: string;
  private readonly stmt: Record<string, StatementSync>;

  constructor(private readonly db: DatabaseSync) {
    transaction(db, () => {
      db.exec(SCHEMA);
      migrateFromPendingEvents(db);
      // Rows written before merging existed may be on the bus already: as handed out, they are never merged.
      const columns = (db.prepare('PRAGMA table_info(outbox)').all() as Array<{ name: string }>).map((c) => c.name);
      if (!columns.includes('handed_out')) db.exec('ALTER TABLE outbox ADD COLUMN handed_out INTEGER NOT NULL DEFAULT 1');
    });
    db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run('instance_id', randomUUID());
    this.instanceId = (db.prepare("SELECT value FROM meta WHERE key = 'instance_id'").get() as { value: string }).value;
    this.stmt = {
      claim: db.prepare('INSERT OR IGNORE INTO inbox (consumer, event_id) VALUES (?, ?)'),
      // The routed batch's fields bound once, its messages unpacked by SQLite (one statement per batch).
      enqueue: db.prepare(
        `INSERT OR IGNORE INTO carrier_messages (message_id, account_id, batch_id, channel_id, phone_number, text, segments, operator, out_id)
         SELECT m.value ->> '$.messageId', :accountId, :batchId, :channelId, m.value ->> '$.phoneNumber', m.value ->> '$.text',
           m.value ->> '$.segments', m.value ->> '$.operator', m.value ->> '$.outId'
         FROM json_each(:messages) AS m ORDER BY m.key`,
      ),
      queued: db.prepare(
        `SELECT seq, message_id AS messageId, account_id AS accountId, batch_id AS batchId, channel_id AS channelId,
           phone_number AS phoneNumber, text, segments FROM carrier_messages WHERE done = 0 AND seq > ? ORDER BY seq LIMIT ?`,
      ),
      // Statements take a whole flush at once (SQLite unpacks the JSON with json_each): a few statements per flush,
      // not a few per message.
      submitted: db.prepare(
        `UPDATE carrier_messages SET done = 1, text = NULL, expected = s.value ->> '$.segmentsSubmitted', submitted_at = s.value ->> '$.submittedAt', receipts = COALESCE(receipts, '[]')
         FROM json_each(?) AS s WHERE carrier_messages.message_id = s.value ->> '$.messageId'`,
      ),
      parts: db.prepare(
        `INSERT OR IGNORE INTO parts (channel_id, operator_message_id, message_id)
         SELECT :channelId, o.value, r.value ->> '$.messageId' FROM json_each(:results) AS r, json_each(r.value -> '$.operatorMessageIds') AS o`,
      ),
      tracked: db.prepare(
        `SELECT r.key AS receipt, m.message_id, m.account_id, m.batch_id, m.phone_number, m.segments, m.operator, m.out_id, m.expected,
           m.submitted_at, m.receipts, m.reported
         FROM json_each(?) AS r JOIN parts p ON p.channel_id = r.value ->> '$[0]' AND p.operator_message_id = r.value ->> '$[1]'
         JOIN carrier_messages m ON m.message_id = p.message_id`,
      ),
      track: db.prepare(
        `UPDATE carrier_messages SET receipts = t.value ->> '$[1]', reported = t.value ->> '$[2]'
         FROM json_each(?) AS t WHERE carrier_messages.message_id = t.value ->> '$[0]'`,
      ),
      addOutbox: db.prepare('INSERT INTO outbox (kind, channel_id, payload, handed_out) VALUES (?,?,?,0)'),
      outbox: db.prepare('SELECT seq, kind, channel_id, payload, handed_out FROM outbox ORDER BY seq LIMIT ?'),
      mergeInto: db.prepare('UPDATE outbox SET payload = ? WHERE seq = ?'),
      mergedAway: db.prepare('DELETE FROM outbox WHERE seq IN (SELECT value FROM json_each(?))'),
      handedOut: db.prepare('UPDATE outbox SET handed_out = 1 WHERE handed_out = 0 AND seq <= ?'),
      published: db.prepare('DELETE FROM outbox WHERE seq <= ?'),
    };
  }

  async enqueue(eventId: string, routed: MessagesRoutedV1): Promise<boolean> {
    return transaction(this.db, () => {
      if (Number(this.stmt.claim.run('routed', eventId).changes) === 0) return false;
      const { accountId, batchId, channelId } = routed;
      this.stmt.enqueue.run({ accountId, batchId, channelId, messages: JSON.stringify(routed.messages) });
      return true;
    });
  }

  async queued(afterSeq: number, limit: number): Promise<QueuedMessage[]> {
    return this.stmt.queued.all(afterSeq, limit) as unknown as QueuedMessage[];
  }

  async record(outcomes: Outcomes): Promise<ChannelReceipt[]> {
    return transaction(this.db, () => {
      for (const [channelId, results] of groupBy(outcomes.submissions, (s) => s.channelId)) this.recordSubmissions(channelId, results.map((s) => s.result));
      for (const [channelId, list] of groupBy(outcomes.inbound, (i) => i.channelId)) this.addOutbox('inbound', channelId, list.map((i) => i.message));
      return this.correlate(outcomes.receipts);
    });
  }

  async outbox(limit: number): Promise<OutboxEntry[]> {
    // node:sqlite is synchronous, so nothing writes between this read and the transaction; an empty outbox (every
    // relay round ends on one) costs no transaction.
    const rows = this.stmt.outbox.all(limit) as Array<{ seq: number; kind: OutboxEntry['kind']; channel_id: string; payload: string; handed_out: number }>;
    if (rows.length === 0) return [];
    return transaction(this.db, () => {
      const { entries, merges } = planOutboxMerge(
        rows.map((row) => ({ seq: row.seq, kind: row.kind, channelId: row.channel_id, payload: row.payload, handedOut: row.handed_out === 1 })),
      );
      for (const merge of merges) {
        this.stmt.mergeInto.run(merge.payload, merge.keep);
        this.stmt.mergedAway.run(JSON.stringify(merge.drop));
      }
      this.stmt.handedOut.run(rows[rows.length - 1].seq);
      return entries;
    });
  }

  async published(seq: number): Promise<void> {
    this.stmt.published.run(seq);
  }

  private recordSubmissions(channelId: string, results: SubmissionResult[]): void {
    const json = JSON.stringify(results);
    this.stmt.submitted.run(json);
    this.stmt.parts.run({ channelId, results: json });
    this.addOutbox('submission', channelId, json);
  }

  private correlate(receipts: ChannelReceipt[]): ChannelReceipt[] {
    if (receipts.length === 0) return [];
    const rows = this.stmt.tracked.all(JSON.stringify(receipts.map((r) => [r.channelId, r.operatorMessageId]))) as unknown as Array<TrackedRow & { receipt: number }>;
    const rowOf = new Map(rows.map((row) => [row.receipt, row]));
    // Several receipts of one message may arrive in one flush: each is decided on the tracking the previous left.
    const tracked = new Map<string, MessageTracking>();
    const unknown: ChannelReceipt[] = [];
    const reports = new Map<string, DeliveryResult[]>();
    receipts.forEach((receipt, index) => {
      const row = rowOf.get(index);
      if (!row || !row.expected) {
        unknown.push(receipt);
        return;
      }
      const tracking = tracked.get(row.message_id) ?? toTracking(row);
      const { channelId: _channel, ...segment } = receipt;
      const decision = receiptCorrelation.decide(segment satisfies SegmentReceipt, tracking);
      if (!decision.ok || decision.events.length === 0) return;
      tracked.set(row.message_id, decision.events.reduce(receiptCorrelation.evolve, tracking));
      for (const event of decision.events) {
        if (event.type !== 'MessageReported') continue;
        const list = reports.get(receipt.channelId) ?? [];
        list.push(event.report);
        reports.set(receipt.channelId, list);
      }
    });
    if (tracked.size > 0) {
      this.stmt.track.run(JSON.stringify([...tracked.values()].map((t) => [t.messageId, JSON.stringify(t.receipts), t.reported ? 1 : 0])));
    }
    for (const [channelId, list] of reports) this.addOutbox('delivery', channelId, list);
    return unknown;
  }

  private addOutbox(kind: OutboxEntry['kind'], channelId: string, items: SubmissionResult[] | DeliveryResult[] | InboundResult[] | string): void {
    const payload = typeof items === 'string' ? items : items.length > 0 ? JSON.stringify(items) : undefined;
    if (payload !== undefined && payload !== '[]') this.stmt.addOutbox.run(kind, channelId, payload);
  }
}

function toTracking(row: TrackedRow): MessageTracking {
  return {
    messageId: row.message_id,
    batchId: row.batch_id,
    accountId: row.account_id,
    expected: row.expected ?? 0,
    ...(row.submitted_at ? { submittedAt: row.submitted_at } : {}),
    phoneNumber: row.phone_number,
    ...(row.operator ? { operator: row.operator as OperatorCode } : {}),
    ...(row.out_id ? { outId: row.out_id } : {}),
    segments: row.segments,
    receipts: (JSON.parse(row.receipts ?? '[]') as Array<SegmentReceipt & { id?: string }>).map(({ id, ...r }) => ({ ...r, operatorMessageId: r.operatorMessageId ?? (id as string) })),
    reported: row.reported === 1,
  };
}

/**
 * Files written before ADR 0012 kept the queue (`outbound`), receipt tracking (`tracking`), results waiting for the
 * event store (`pending_events`) and claims (`processed_events`) apart: their rows move into the new tables once, so an
 * upgrade loses no queued message, no receipt state and no unpublished outcome.
 */
function migrateFromPendingEvents(db: DatabaseSync): void {
  const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((t) => t.name));
  if (!tables.has('outbound')) return;
  if (tables.has('tracking')) {
    const columns = (db.prepare('PRAGMA table_info(tracking)').all() as Array<{ name: string }>).map((c) => c.name);
    if (!columns.includes('submitted_at')) db.exec('ALTER TABLE tracking ADD COLUMN submitted_at TEXT');
  } else {
    db.exec("CREATE TABLE tracking (message_id TEXT PRIMARY KEY, account_id TEXT, batch_id TEXT, expected INTEGER, receipts TEXT DEFAULT '[]', reported INTEGER DEFAULT 0, submitted_at TEXT)");
  }
  db.exec(`
    INSERT OR IGNORE INTO carrier_messages (seq, message_id, account_id, batch_id, channel_id, phone_number, text, segments, done, expected, submitted_at, receipts, reported)
      SELECT o.seq, o.message_id, o.account_id, o.batch_id, o.channel_id, o.phone_number, CASE WHEN o.done = 1 THEN NULL ELSE o.text END, o.segments,
        o.done, t.expected, t.submitted_at, t.receipts, COALESCE(t.reported, 0)
      FROM outbound o LEFT JOIN tracking t ON t.message_id = o.message_id;
    DROP TABLE outbound;
    DROP TABLE tracking;`);
  if (tables.has('pending_events')) db.exec('INSERT INTO outbox (kind, channel_id, payload) SELECT kind, channel_id, payload FROM pending_events ORDER BY seq; DROP TABLE pending_events;');
  if (tables.has('processed_events')) db.exec('INSERT OR IGNORE INTO inbox (consumer, event_id) SELECT consumer, event_id FROM processed_events; DROP TABLE processed_events;');
}
