import type { MessageCancellationsRequestedV1, MessagesRoutedV1, OperatorCode } from '@sms/contracts';
import { DataKeyDestroyedError, type DataKeyRing, UNATTRIBUTED } from '@sms/data-protection';
import { transaction } from '@sms/service-kit';
import { PERSONAL_DATA_DESTROYED } from '@sms/use-case-kit/core';
import { randomUUID } from 'node:crypto';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { CarrierState, ChannelReceipt, OutboxEntry, Outcomes, QueuedMessage } from '../application/carrier-state.port';
import type { DeliveryResult, InboundResult, SubmissionResult } from '../domain/events';
import { type MessageTracking, receiptCorrelation, type SegmentReceipt } from '../domain/receipt-correlation';
import type { ReturnedResult } from '../domain/failover';
import { groupBy } from '../application/group-by';
import { planOutboxMerge } from '../application/outbox-merge';
import type { AccountStanding } from '../domain/stop-transmission';
import { SqliteStopTransmission } from './sqlite-stop-transmission';

/*
 * No number or text is stored in clear (ADR 0016). A routed batch's numbers are sealed together once, with its
 * account's data key, in `routed_batches.numbers` (a message keeps its place in the list, `recipient`), and its texts
 * in `routed_batches.texts` until its last message was answered. Outbox rows name a delivery's number by that place,
 * and seal a reply's sender and text; the relay reads them back. Per batch, not per message: an AES-GCM operation per
 * message would cost the carrier thread about a fifth of its time.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS routed_batches (id INTEGER PRIMARY KEY, account_id TEXT NOT NULL, numbers TEXT, texts TEXT, first_seq INTEGER, last_seq INTEGER, routed_at TEXT);
CREATE TABLE IF NOT EXISTS carrier_messages (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, message_id TEXT NOT NULL UNIQUE, account_id TEXT NOT NULL, batch_id TEXT NOT NULL,
  channel_id TEXT NOT NULL, routed INTEGER NOT NULL, recipient INTEGER NOT NULL, segments INTEGER NOT NULL, operator TEXT, out_id TEXT,
  done INTEGER NOT NULL DEFAULT 0, expected INTEGER, submitted_at TEXT, receipts TEXT, reported INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS carrier_messages_queued ON carrier_messages (seq) WHERE done = 0;
-- The submit loop reads each channel's queue on its own (ADR 0018).
CREATE INDEX IF NOT EXISTS carrier_messages_channel_queued ON carrier_messages (channel_id, seq) WHERE done = 0;
CREATE TABLE IF NOT EXISTS parts (channel_id TEXT NOT NULL, operator_message_id TEXT NOT NULL, message_id TEXT NOT NULL,
  PRIMARY KEY (channel_id, operator_message_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, channel_id TEXT NOT NULL, payload TEXT NOT NULL,
  handed_out INTEGER NOT NULL DEFAULT 1);
CREATE TABLE IF NOT EXISTS inbox (consumer TEXT NOT NULL, event_id TEXT NOT NULL, PRIMARY KEY (consumer, event_id)) WITHOUT ROWID;
-- Receipts whose operator id no submission has mapped (yet), in arrival order (ADR 0039): correlated when one maps it,
-- counted in the channel's health until then. A receipt's own fields only: no number, no text.
CREATE TABLE IF NOT EXISTS unmatched_receipts (seq INTEGER PRIMARY KEY, channel_id TEXT NOT NULL, operator_message_id TEXT NOT NULL,
  status TEXT NOT NULL, error_code TEXT, done_at TEXT NOT NULL, first_seen_at TEXT NOT NULL, UNIQUE (channel_id, operator_message_id));
`;

/** The layout of ADR 0012 (numbers and texts in clear), for files upgraded from before it. */
const CARRIER_MESSAGES_0012 = `
CREATE TABLE carrier_messages (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, message_id TEXT NOT NULL UNIQUE, account_id TEXT NOT NULL, batch_id TEXT NOT NULL,
  channel_id TEXT NOT NULL, phone_number TEXT NOT NULL, text TEXT, segments INTEGER NOT NULL, operator TEXT, out_id TEXT,
  done INTEGER NOT NULL DEFAULT 0, expected INTEGER, submitted_at TEXT, receipts TEXT, reported INTEGER NOT NULL DEFAULT 0
);`;

/** Sorts after every RFC 3339 time: "before the end of time" is everything. */
const END_OF_TIME = '9999';

/** The opened numbers and texts of the batches being worked on stay this long, so a batch is opened once, not per read. */
const OPENED_TTL_MS = 10_000;
const OPENED_MAX = 32;

interface TrackedRow {
  message_id: string;
  account_id: string;
  batch_id: string;
  routed: number;
  recipient: number;
  segments: number;
  operator: string | null;
  out_id: string | null;
  expected: number | null;
  submitted_at: string | null;
  receipts: string | null;
  reported: number;
}

/** A routed batch's texts: each distinct text once, and which one each message carries. */
interface SealedTexts {
  texts: string[];
  of: number[];
}

interface OpenedBatch {
  /** undefined: the account's data key was destroyed. */
  numbers?: string[];
  texts?: SealedTexts;
  /** Not personal: the signature's extension code, kept in clear. */
  sourceExtension?: string;
  expires: number;
}

/** A delivery as the outbox keeps it: its number by reference to its routed batch (`to`: [routed, recipient]). */
type StoredDelivery = Omit<DeliveryResult, 'phoneNumber'> & { to?: [number, number] };
/** A reply as the outbox keeps it: sender and text sealed under the platform's unattributed key (no account owns it yet). */
type StoredInbound = Omit<InboundResult, 'from' | 'content'> & { sealed: string };
/** A receipt on its way to correlation; one taken back from `unmatched_receipts` keeps when it was first seen. */
type ArrivedReceipt = ChannelReceipt & { firstSeenAt?: string };

/**
 * The carrier adapter's state in its own SQLite file. One row per message is both its queue entry (until the
 * operator answered; its text is needed only to submit) and its receipt tracking afterwards.
 * Outcomes are written once, into the outbox table, in the same transaction as the state they change; the relay
 * publishes and deletes them. (Before ADR 0012 they went through a pending table, the event store and a second outbox.)
 */
export class SqliteCarrierState implements CarrierState {
  readonly instanceId: string;
  private readonly stmt: Record<string, StatementSync>;
  private readonly opened = new Map<number, OpenedBatch>();
  /** The routed batch of each message handed to the submit loop and not answered yet: whose texts an answer may release. */
  private readonly handedOut = new Map<string, number>();
  /** Account halts and cancellations (ADR 0023): its own tables, its outcomes into this outbox. */
  private readonly stopping: SqliteStopTransmission;

  constructor(
    private readonly db: DatabaseSync,
    private readonly ring: DataKeyRing,
  ) {
    transaction(db, () => {
      const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((t) => t.name));
      if (tables.has('outbound') && !tables.has('carrier_messages')) db.exec(CARRIER_MESSAGES_0012);
      db.exec(SCHEMA);
      migrateFromPendingEvents(db);
      // Rows written before merging existed may be on the bus already: as handed out, they are never merged.
      const columns = (db.prepare('PRAGMA table_info(outbox)').all() as Array<{ name: string }>).map((c) => c.name);
      if (!columns.includes('handed_out')) db.exec('ALTER TABLE outbox ADD COLUMN handed_out INTEGER NOT NULL DEFAULT 1');
      // Routed batches written before ADR 0017 have no time: erasure counts them as older than any boundary.
      const batchColumns = (db.prepare('PRAGMA table_info(routed_batches)').all() as Array<{ name: string }>).map((c) => c.name);
      if (!batchColumns.includes('routed_at')) db.exec('ALTER TABLE routed_batches ADD COLUMN routed_at TEXT');
      // The extension code the batch goes out with (ADR 0021): its messages' source address is the channel's followed by it.
      if (!batchColumns.includes('source_extension')) db.exec('ALTER TABLE routed_batches ADD COLUMN source_extension TEXT');
      db.exec('CREATE INDEX IF NOT EXISTS routed_batches_by_account ON routed_batches (account_id, routed_at)');
    });
    sealWhatWasClear(db, ring);
    db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run('instance_id', randomUUID());
    this.instanceId = (db.prepare("SELECT value FROM meta WHERE key = 'instance_id'").get() as { value: string }).value;
    this.stmt = {
      claim: db.prepare('INSERT OR IGNORE INTO inbox (consumer, event_id) VALUES (?, ?)'),
      routedBatch: db.prepare('INSERT INTO routed_batches (account_id, numbers, texts, routed_at, source_extension) VALUES (?, ?, ?, ?, ?)'),
      // One statement's rows get consecutive seqs (one writer): the batch's messages are exactly this range.
      span: db.prepare('UPDATE routed_batches SET first_seq = ?, last_seq = ?, texts = CASE WHEN ? > 0 THEN texts END WHERE id = ?'),
      // The texts go once none of the batch's messages waits for an answer (a range probe of the queue's partial index).
      release: db.prepare(
        `UPDATE routed_batches SET texts = NULL WHERE id = ? AND texts IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM carrier_messages WHERE done = 0 AND seq BETWEEN routed_batches.first_seq AND routed_batches.last_seq)`,
      ),
      opened: db.prepare('SELECT account_id, numbers, texts, source_extension FROM routed_batches WHERE id = ?'),
      // The routed batch's fields bound once, its messages unpacked by SQLite (one statement per batch).
      enqueue: db.prepare(
        `INSERT OR IGNORE INTO carrier_messages (message_id, account_id, batch_id, channel_id, routed, recipient, segments, operator, out_id)
         SELECT m.value ->> '$.messageId', :accountId, :batchId, :channelId, :routed, m.key, m.value ->> '$.segments', m.value ->> '$.operator', m.value ->> '$.outId'
         FROM json_each(:messages) AS m ORDER BY m.key`,
      ),
      queued: db.prepare(
        `SELECT seq, message_id AS messageId, account_id AS accountId, batch_id AS batchId, channel_id AS channelId, routed, recipient, segments
         FROM carrier_messages WHERE done = 0 AND seq > ? ORDER BY seq LIMIT ?`,
      ),
      queuedOn: db.prepare(
        `SELECT seq, message_id AS messageId, account_id AS accountId, batch_id AS batchId, channel_id AS channelId, routed, recipient, segments
         FROM carrier_messages WHERE done = 0 AND channel_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
      ),
      // Failover (ADR 0018): what waits for a channel, and handing it back.
      waiting: db.prepare('SELECT seq, message_id, account_id, batch_id, routed FROM carrier_messages WHERE done = 0 AND channel_id = ? AND seq > ? ORDER BY seq LIMIT ?'),
      handBack: db.prepare('DELETE FROM carrier_messages WHERE done = 0 AND message_id IN (SELECT value FROM json_each(?))'),
      countQueued: db.prepare('SELECT count(*) AS n FROM (SELECT 1 FROM carrier_messages WHERE done = 0 AND channel_id = ? LIMIT ?)'),
      queuedChannels: db.prepare('SELECT DISTINCT channel_id AS channelId FROM carrier_messages WHERE done = 0'),
      // Statements take a whole flush at once (SQLite unpacks the JSON with json_each): a few statements per flush,
      // not a few per message.
      submitted: db.prepare(
        `UPDATE carrier_messages SET done = 1, expected = s.value ->> '$.segmentsSubmitted', submitted_at = s.value ->> '$.submittedAt', receipts = COALESCE(receipts, '[]')
         FROM json_each(?) AS s WHERE carrier_messages.message_id = s.value ->> '$.messageId'`,
      ),
      parts: db.prepare(
        `INSERT OR IGNORE INTO parts (channel_id, operator_message_id, message_id)
         SELECT :channelId, o.value, r.value ->> '$.messageId' FROM json_each(:results) AS r, json_each(r.value -> '$.operatorMessageIds') AS o`,
      ),
      tracked: db.prepare(
        `SELECT r.key AS receipt, m.message_id, m.account_id, m.batch_id, m.routed, m.recipient, m.segments, m.operator, m.out_id, m.expected,
           m.submitted_at, m.receipts, m.reported
         FROM json_each(?) AS r JOIN parts p ON p.channel_id = r.value ->> '$[0]' AND p.operator_message_id = r.value ->> '$[1]'
         JOIN carrier_messages m ON m.message_id = p.message_id`,
      ),
      track: db.prepare(
        `UPDATE carrier_messages SET receipts = t.value ->> '$[1]', reported = t.value ->> '$[2]'
         FROM json_each(?) AS t WHERE carrier_messages.message_id = t.value ->> '$[0]'`,
      ),
      // Receipts no submission mapped: kept once per (channel, operator id), the first to come.
      keepUnmatched: db.prepare(
        `INSERT OR IGNORE INTO unmatched_receipts (channel_id, operator_message_id, status, error_code, done_at, first_seen_at)
         SELECT r.value ->> '$.channelId', r.value ->> '$.operatorMessageId', r.value ->> '$.status', r.value ->> '$.errorCode', r.value ->> '$.doneAt',
           COALESCE(r.value ->> '$.firstSeenAt', :now)
         FROM json_each(:receipts) AS r ORDER BY r.key`,
      ),
      // Those waiting for the operator ids a flush of submissions just mapped, taken out (probes of the unique index).
      takeUnmatched: db.prepare(
        `DELETE FROM unmatched_receipts WHERE channel_id = :channelId AND operator_message_id IN
           (SELECT o.value FROM json_each(:results) AS r, json_each(r.value -> '$.operatorMessageIds') AS o)
         RETURNING seq, operator_message_id, status, error_code, done_at, first_seen_at`,
      ),
      anyUnmatched: db.prepare('SELECT EXISTS (SELECT 1 FROM unmatched_receipts) AS any'),
      countUnmatched: db.prepare('SELECT count(*) AS n FROM unmatched_receipts'),
      countUnmatchedOn: db.prepare('SELECT count(*) AS n FROM unmatched_receipts WHERE channel_id = ?'),
      addOutbox: db.prepare('INSERT INTO outbox (kind, channel_id, payload, handed_out) VALUES (?,?,?,0)'),
      outbox: db.prepare('SELECT seq, kind, channel_id, payload, handed_out FROM outbox ORDER BY seq LIMIT ?'),
      mergeInto: db.prepare('UPDATE outbox SET payload = ? WHERE seq = ?'),
      mergedAway: db.prepare('DELETE FROM outbox WHERE seq IN (SELECT value FROM json_each(?))'),
      handedOut: db.prepare('UPDATE outbox SET handed_out = 1 WHERE handed_out = 0 AND seq <= ?'),
      published: db.prepare('DELETE FROM outbox WHERE seq <= ?'),
      // Erasure: the account's routed batches from before a time (by routed_batches_by_account), their answered rows.
      purgeBatches: db.prepare('SELECT id, first_seq, last_seq FROM routed_batches WHERE account_id = ? AND (routed_at IS NULL OR routed_at < ?) ORDER BY id LIMIT ?'),
      purgeMessages: db.prepare('DELETE FROM carrier_messages WHERE seq BETWEEN ? AND ? AND account_id = ? AND done = 1'),
      purgeBatch: db.prepare('DELETE FROM routed_batches WHERE id = ?'),
    };
    this.stopping = new SqliteStopTransmission(db, {
      outbox: (channelId, results) => this.addOutbox('submission', channelId, results),
      release: (routed) => this.stmt.release.run(routed),
    });
  }

  async enqueue(eventId: string, routed: MessagesRoutedV1, at: string = routed.routedAt): Promise<boolean> {
    return transaction(this.db, () => {
      if (Number(this.stmt.claim.run('routed', eventId).changes) === 0) return false;
      const { accountId, batchId, channelId } = routed;
      const texts: SealedTexts = { texts: [], of: [] };
      for (const m of routed.messages) {
        let index = texts.texts.indexOf(m.text);
        if (index < 0) index = texts.texts.push(m.text) - 1;
        texts.of.push(index);
      }
      const numbers = sealOrNull(this.ring, accountId, JSON.stringify(routed.messages.map((m) => m.phoneNumber)));
      const id = Number(
        this.stmt.routedBatch.run(accountId, numbers, sealOrNull(this.ring, accountId, JSON.stringify(texts)), routed.routedAt, routed.sourceExtension ?? null).lastInsertRowid,
      );
      const inserted = this.stmt.enqueue.run({ accountId, batchId, channelId, routed: id, messages: JSON.stringify(routed.messages) });
      const queued = Number(inserted.changes);
      const last = Number(inserted.lastInsertRowid);
      this.stmt.span.run(queued > 0 ? last - queued + 1 : null, queued > 0 ? last : null, queued, id);
      // A halted account's messages, and those cancelled before they came, are answered CANCELLED instead of waiting.
      if (queued > 0) this.stopping.arrived(accountId, last - queued + 1, last, at);
      return true;
    });
  }

  async queued(afterSeq: number, limit: number, channelId?: string): Promise<QueuedMessage[]> {
    const rows = (channelId === undefined ? this.stmt.queued.all(afterSeq, limit) : this.stmt.queuedOn.all(channelId, afterSeq, limit)) as unknown as Array<Omit<QueuedMessage, 'phoneNumber' | 'text'> & { routed: number; recipient: number }>;
    const queued: QueuedMessage[] = [];
    for (const row of rows) {
      const batch = this.batch(row.routed);
      const texts = batch.texts;
      // A batch whose account's key was destroyed has nothing left to send: the placeholder tells the submit loop so.
      const text = texts ? texts.texts[texts.of[row.recipient]] : undefined;
      this.handedOut.set(row.messageId, row.routed);
      queued.push({
        seq: row.seq,
        messageId: row.messageId,
        accountId: row.accountId,
        batchId: row.batchId,
        channelId: row.channelId,
        phoneNumber: batch.numbers?.[row.recipient] ?? PERSONAL_DATA_DESTROYED,
        text: text ?? PERSONAL_DATA_DESTROYED,
        segments: row.segments,
        ...(batch.sourceExtension ? { sourceExtension: batch.sourceExtension } : {}),
      });
    }
    return queued;
  }

  async returnQueued(
    channelId: string,
    afterSeq: number,
    limit: number,
    keep: readonly string[],
    reason: ReturnedResult['reason'],
    at: string,
  ): Promise<{ returned: ReturnedResult[]; lastSeq?: number }> {
    return transaction(this.db, () => {
      const rows = this.stmt.waiting.all(channelId, afterSeq, limit) as Array<{ seq: number; message_id: string; account_id: string; batch_id: string; routed: number }>;
      if (rows.length === 0) return { returned: [] };
      const kept = new Set(keep);
      // In flight (in a window, or on its way there) is never handed back: it may be submitted yet.
      const back = rows.filter((row) => !this.handedOut.has(row.message_id) && !kept.has(row.message_id));
      const returned = back.map((row): ReturnedResult => ({ messageId: row.message_id, batchId: row.batch_id, accountId: row.account_id, reason, returnedAt: at }));
      if (returned.length > 0) {
        this.stmt.handBack.run(JSON.stringify(returned.map((r) => r.messageId)));
        // Their texts go once nothing of their batch waits any more.
        for (const routed of new Set(back.map((row) => row.routed))) this.stmt.release.run(routed);
        this.addOutbox('returned', channelId, returned);
      }
      return { returned, lastSeq: rows[rows.length - 1].seq };
    });
  }

  async countQueued(channelId: string, max: number): Promise<number> {
    return (this.stmt.countQueued.get(channelId, max) as { n: number }).n;
  }

  async queuedChannels(): Promise<string[]> {
    return (this.stmt.queuedChannels.all() as Array<{ channelId: string }>).map((row) => row.channelId);
  }

  async record(outcomes: Outcomes): Promise<void> {
    transaction(this.db, () => {
      // One probe of an empty table spares the common case (nothing waits) a lookup per operator id.
      const waits = outcomes.submissions.length > 0 && (this.stmt.anyUnmatched.get() as { any: number }).any === 1;
      const waiting: ArrivedReceipt[] = [];
      for (const [channelId, results] of groupBy(outcomes.submissions, (s) => s.channelId)) {
        const json = this.recordSubmissions(channelId, results.map((s) => s.result));
        if (waits) waiting.push(...this.takeUnmatched(channelId, json));
      }
      for (const [channelId, list] of groupBy(outcomes.inbound, (i) => i.channelId)) this.addOutbox('inbound', channelId, list.map((i) => this.sealInbound(i.message)));
      // Receipts that waited came before this flush's: correlated first, as if they had arrived just now.
      this.correlate(waiting.length > 0 ? [...waiting, ...outcomes.receipts] : outcomes.receipts);
    });
  }

  async unmatchedReceipts(channelId?: string): Promise<number> {
    return ((channelId === undefined ? this.stmt.countUnmatched.get() : this.stmt.countUnmatchedOn.get(channelId)) as { n: number }).n;
  }

  async outbox(limit: number): Promise<OutboxEntry[]> {
    // node:sqlite is synchronous, so nothing writes between this read and the transaction; an empty outbox (every
    // relay round ends on one) costs no transaction.
    const rows = this.stmt.outbox.all(limit) as Array<{ seq: number; kind: OutboxEntry['kind']; channel_id: string; payload: string; handed_out: number }>;
    if (rows.length === 0) return [];
    const entries = transaction(this.db, () => {
      const plan = planOutboxMerge(
        rows.map((row) => ({ seq: row.seq, kind: row.kind, channelId: row.channel_id, payload: row.payload, handedOut: row.handed_out === 1 })),
      );
      for (const merge of plan.merges) {
        this.stmt.mergeInto.run(merge.payload, merge.keep);
        this.stmt.mergedAway.run(JSON.stringify(merge.drop));
      }
      this.stmt.handedOut.run(rows[rows.length - 1].seq);
      return plan.entries;
    });
    return entries.map((entry) => this.restore(entry));
  }

  async published(seq: number): Promise<void> {
    this.stmt.published.run(seq);
  }

  /** `limit` and the answer count routed batches (each up to 1,000 messages). */
  async purge(accountId: string, before: string | undefined, limit: number): Promise<number> {
    // Opened numbers and texts of any batch go from memory too: a few dozen, reopened when needed.
    this.opened.clear();
    return transaction(this.db, () => {
      const batches = this.stmt.purgeBatches.all(accountId, before ?? END_OF_TIME, limit) as Array<{ id: number; first_seq: number | null; last_seq: number | null }>;
      for (const batch of batches) {
        if (batch.first_seq !== null && batch.last_seq !== null) this.stmt.purgeMessages.run(batch.first_seq, batch.last_seq, accountId);
        this.stmt.purgeBatch.run(batch.id);
      }
      return batches.length;
    });
  }

  async recordAccountStatus(change: AccountStanding, at: string): Promise<{ applied: boolean; cancelled: number }> {
    // The messages handed to the submit loop are in flight: it answers them itself (submitted, or cancelled by its own check).
    const result = transaction(this.db, () => this.stopping.recordStatus(change, [...this.handedOut.keys()], at));
    if (result.applied) this.stopping.committed(change);
    return result;
  }

  async accountStandings(): Promise<AccountStanding[]> {
    return this.stopping.standings();
  }

  async cancel(eventId: string, request: MessageCancellationsRequestedV1, at: string): Promise<{ claimed: boolean; cancelled: number }> {
    try {
      return transaction(this.db, () => {
        if (Number(this.stmt.claim.run('cancellations', eventId).changes) === 0) return { claimed: false, cancelled: 0 };
        return { claimed: true, cancelled: this.stopping.cancel(request, this.handedOut, at) };
      });
    } finally {
      this.stopping.refresh();
    }
  }

  /** Answers the results as JSON, for the statements that follow them. */
  private recordSubmissions(channelId: string, results: SubmissionResult[]): string {
    const json = JSON.stringify(results);
    this.stmt.submitted.run(json);
    this.stmt.parts.run({ channelId, results: json });
    this.addOutbox('submission', channelId, json);
    const batches = new Set<number>();
    for (const result of results) {
      const routed = this.handedOut.get(result.messageId);
      if (routed === undefined) continue;
      this.handedOut.delete(result.messageId);
      batches.add(routed);
    }
    for (const routed of batches) this.stmt.release.run(routed);
    return json;
  }

  /** The receipts kept for operator ids the results (JSON) map, in the order they came; removed from the table. */
  private takeUnmatched(channelId: string, results: string): ArrivedReceipt[] {
    const rows = this.stmt.takeUnmatched.all({ channelId, results }) as Array<{ seq: number; operator_message_id: string; status: SegmentReceipt['status']; error_code: string | null; done_at: string; first_seen_at: string }>;
    return rows
      .sort((a, b) => a.seq - b.seq)
      .map((row) => ({
        channelId,
        operatorMessageId: row.operator_message_id,
        status: row.status,
        ...(row.error_code !== null ? { errorCode: row.error_code } : {}),
        doneAt: row.done_at,
        firstSeenAt: row.first_seen_at,
      }));
  }

  private correlate(receipts: ArrivedReceipt[]): void {
    if (receipts.length === 0) return;
    const rows = this.stmt.tracked.all(JSON.stringify(receipts.map((r) => [r.channelId, r.operatorMessageId]))) as unknown as Array<TrackedRow & { receipt: number }>;
    const rowOf = new Map(rows.map((row) => [row.receipt, row]));
    // Several receipts of one message may arrive in one flush: each is decided on the tracking the previous left.
    const tracked = new Map<string, MessageTracking>();
    const unknown: ArrivedReceipt[] = [];
    const reports = new Map<string, StoredDelivery[]>();
    receipts.forEach((receipt, index) => {
      const row = rowOf.get(index);
      if (!row || !row.expected) {
        unknown.push(receipt);
        return;
      }
      const tracking = tracked.get(row.message_id) ?? toTracking(row);
      const { channelId: _channel, firstSeenAt: _seen, ...segment } = receipt;
      const decision = receiptCorrelation.decide(segment satisfies SegmentReceipt, tracking);
      if (!decision.ok || decision.events.length === 0) return;
      tracked.set(row.message_id, decision.events.reduce(receiptCorrelation.evolve, tracking));
      for (const event of decision.events) {
        if (event.type !== 'MessageReported') continue;
        const list = reports.get(receipt.channelId) ?? [];
        // The number is echoed by reference to its sealed batch, and filled in when the relay reads the outbox.
        list.push({ ...event.report, to: [row.routed, row.recipient] });
        reports.set(receipt.channelId, list);
      }
    });
    if (tracked.size > 0) {
      this.stmt.track.run(JSON.stringify([...tracked.values()].map((t) => [t.messageId, JSON.stringify(t.receipts), t.reported ? 1 : 0])));
    }
    for (const [channelId, list] of reports) this.addOutbox('delivery', channelId, list);
    // Never dropped: kept until a submission maps the id (its acknowledgement may still be on its way), and counted.
    if (unknown.length > 0) this.stmt.keepUnmatched.run({ receipts: JSON.stringify(unknown), now: new Date().toISOString() });
  }

  private addOutbox(kind: OutboxEntry['kind'], channelId: string, items: SubmissionResult[] | StoredDelivery[] | StoredInbound[] | ReturnedResult[] | string): void {
    const payload = typeof items === 'string' ? items : items.length > 0 ? JSON.stringify(items) : undefined;
    if (payload !== undefined && payload !== '[]') this.stmt.addOutbox.run(kind, channelId, payload);
  }

  private sealInbound({ from, content, ...rest }: InboundResult): StoredInbound {
    return { ...rest, sealed: this.ring.seal(UNATTRIBUTED, JSON.stringify([from, content])) };
  }

  /** An outbox entry as the port gives it: numbers and replies opened. */
  private restore(entry: OutboxEntry): OutboxEntry {
    if (entry.kind === 'delivery') {
      const items = (entry.items as StoredDelivery[]).map(({ to, ...item }): DeliveryResult => {
        const phoneNumber = to ? this.batch(to[0]).numbers?.[to[1]] : undefined;
        return phoneNumber !== undefined ? { ...item, phoneNumber } : item;
      });
      return { ...entry, items };
    }
    if (entry.kind === 'inbound') {
      const items = (entry.items as unknown as Array<StoredInbound | InboundResult>).map((item): InboundResult => {
        if (!('sealed' in item)) return item;
        const { sealed, ...rest } = item;
        const [from, content] = JSON.parse(this.ring.open(UNATTRIBUTED, sealed) as string) as [string, string];
        return { ...rest, from, content };
      });
      return { ...entry, items };
    }
    return entry;
  }

  /** A routed batch's numbers and texts, opened (kept a few seconds: the submit loop and receipts read them again soon). */
  private batch(id: number): OpenedBatch {
    const now = Date.now();
    const cached = this.opened.get(id);
    if (cached && cached.expires > now) return cached;
    const row = this.stmt.opened.get(id) as { account_id: string; numbers: string | null; texts: string | null; source_extension: string | null } | undefined;
    const open = (sealed: string | null | undefined) => (row && sealed ? this.ring.open(row.account_id, sealed) : undefined);
    const numbers = open(row?.numbers);
    const texts = open(row?.texts);
    const batch: OpenedBatch = {
      ...(numbers !== undefined ? { numbers: JSON.parse(numbers) as string[] } : {}),
      ...(texts !== undefined ? { texts: JSON.parse(texts) as SealedTexts } : {}),
      ...(row?.source_extension ? { sourceExtension: row.source_extension } : {}),
      expires: now + OPENED_TTL_MS,
    };
    this.opened.delete(id);
    if (this.opened.size >= OPENED_MAX) this.opened.delete(this.opened.keys().next().value as number);
    this.opened.set(id, batch);
    return batch;
  }
}

/** Sealed, or null once the account's key was destroyed (a batch routed as its account was erased: nothing to send). */
function sealOrNull(ring: DataKeyRing, accountId: string, plaintext: string): string | null {
  try {
    return ring.seal(accountId, plaintext);
  } catch (error) {
    if (error instanceof DataKeyDestroyedError) return null;
    throw error;
  }
}

function toTracking(row: TrackedRow): MessageTracking {
  return {
    messageId: row.message_id,
    batchId: row.batch_id,
    accountId: row.account_id,
    expected: row.expected ?? 0,
    ...(row.submitted_at ? { submittedAt: row.submitted_at } : {}),
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

/**
 * Files written before ADR 0016 kept numbers and texts in clear, in the queue rows and in outbox payloads. Each routed
 * batch's (rows of one batch and channel) numbers and outstanding texts are sealed as the enqueue would have, outbox
 * payloads rewritten, the clear columns dropped, and the file rewritten (VACUUM) so no freed page still holds them.
 */
function sealWhatWasClear(db: DatabaseSync, ring: DataKeyRing): void {
  const columns = (db.prepare("SELECT name FROM pragma_table_info('carrier_messages')").all() as Array<{ name: string }>).map((c) => c.name);
  if (!columns.includes('phone_number')) return;
  transaction(db, () => {
    db.exec('ALTER TABLE carrier_messages ADD COLUMN routed INTEGER; ALTER TABLE carrier_messages ADD COLUMN recipient INTEGER');
    const insert = db.prepare('INSERT INTO routed_batches (account_id, numbers, texts, first_seq, last_seq) VALUES (?, ?, ?, ?, ?)');
    const place = db.prepare('UPDATE carrier_messages SET routed = ?, recipient = ? WHERE seq = ?');
    const groups = db.prepare(
      `SELECT account_id, json_group_array(json_array(seq, phone_number, text, done)) AS rows
       FROM (SELECT * FROM carrier_messages ORDER BY seq) GROUP BY batch_id, channel_id, account_id`,
    );
    const placeOf = new Map<string, [number, number]>();
    for (const group of groups.all() as Array<{ account_id: string; rows: string }>) {
      const rows = JSON.parse(group.rows) as Array<[number, string, string | null, number]>;
      const texts: SealedTexts = { texts: [], of: [] };
      for (const [, , text] of rows) {
        let index = text === null ? -1 : texts.texts.indexOf(text);
        if (text !== null && index < 0) index = texts.texts.push(text) - 1;
        texts.of.push(index);
      }
      const pending = rows.filter(([, , , done]) => done === 0).length;
      const numbers = sealOrNull(ring, group.account_id, JSON.stringify(rows.map(([, phone]) => phone)));
      const sealedTexts = pending > 0 ? sealOrNull(ring, group.account_id, JSON.stringify(texts)) : null;
      // The span may hold other batches' rows (older files interleaved them): that only keeps texts a little longer.
      const id = Number(insert.run(group.account_id, numbers, sealedTexts, rows[0][0], rows[rows.length - 1][0]).lastInsertRowid);
      rows.forEach(([seq], recipient) => {
        place.run(id, recipient, seq);
        placeOf.set(String(seq), [id, recipient]);
      });
    }
    const messageSeq = db.prepare('SELECT seq FROM carrier_messages WHERE message_id = ?');
    const rewrite = db.prepare('UPDATE outbox SET payload = ? WHERE seq = ?');
    for (const row of db.prepare("SELECT seq, kind, payload FROM outbox WHERE kind IN ('delivery', 'inbound')").all() as Array<{ seq: number; kind: string; payload: string }>) {
      const items = JSON.parse(row.payload) as Array<Record<string, unknown>>;
      const stored = items.map((item) => {
        if (row.kind === 'inbound') {
          const { from, content, ...rest } = item as unknown as InboundResult;
          return { ...rest, sealed: ring.seal(UNATTRIBUTED, JSON.stringify([from, content])) };
        }
        const { phoneNumber: _clear, ...rest } = item as unknown as DeliveryResult;
        const seq = messageSeq.get(rest.messageId) as { seq: number } | undefined;
        const to = seq && placeOf.get(String(seq.seq));
        return to ? { ...rest, to } : rest;
      });
      rewrite.run(JSON.stringify(stored), row.seq);
    }
    db.exec('ALTER TABLE carrier_messages DROP COLUMN phone_number; ALTER TABLE carrier_messages DROP COLUMN text');
  });
  db.exec('VACUUM; PRAGMA wal_checkpoint(TRUNCATE)');
}
