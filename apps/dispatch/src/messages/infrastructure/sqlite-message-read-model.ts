import type { MessageStatus } from '@sms/contracts';
import { DataKeyDestroyedError } from '@sms/data-protection';
import { PERSONAL_DATA_DESTROYED } from '@sms/use-case-kit/core';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { LastOutbound } from '../../inbound/domain/decide-inbound';
import type { LastOutboundLookup } from '../../inbound/application/last-outbound';
import type { MessageNote, MessageQuery, MessageReadModel, MessageRecord } from '../application/message-read-model';
import type { BatchAccepted } from '../domain/events';
import { HELD_NOTE, statusRank, statusRankSql, type StatusUpdate } from '../domain/message-status';
import { type DataProtection, phoneIndexOf } from './phone-index';

interface MessageRow {
  message_id: string;
  batch_id: string;
  account_id: string;
  recipient: number;
  country_code: string;
  operator: string;
  kind: string;
  signature_id: string;
  template_id: string;
  out_id: string | null;
  segments: number;
  encoding: string;
  status: MessageStatus;
  error_code: string | null;
  error_detail: string | null;
  channel_id: string | null;
  operator_message_ids: string | null;
  accepted_at: string;
  submitted_at: string | null;
  done_at: string | null;
  scheduled_at: string | null;
  price_minor: number | null;
}

/*
 * No number is stored in clear (ADR 0016): a batch's numbers are sealed together, once, in `batch_recipients`
 * (`recipient` is a message's place in that list), and each row keeps the blind index of its number for lookups.
 * Sealing a row's number on its own would cost an AES-GCM operation per message on the busiest thread. The index
 * by number holds the blind index alone: its values are random, so every insert lands on a page of its own, and an
 * entry without the time beside it makes the index (and the pages a commit rewrites) about half as large.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS messages (
  message_id TEXT PRIMARY KEY, batch_id TEXT NOT NULL, account_id TEXT NOT NULL, phone_index TEXT NOT NULL, recipient INTEGER NOT NULL,
  country_code TEXT NOT NULL, operator TEXT NOT NULL, kind TEXT NOT NULL, signature_id TEXT NOT NULL,
  template_id TEXT NOT NULL, out_id TEXT, segments INTEGER NOT NULL, encoding TEXT NOT NULL,
  status TEXT NOT NULL, error_code TEXT, error_detail TEXT, channel_id TEXT, operator_message_ids TEXT,
  accepted_at TEXT NOT NULL, submitted_at TEXT, done_at TEXT, scheduled_at TEXT, price_minor INTEGER
);
CREATE INDEX IF NOT EXISTS messages_by_account ON messages (account_id, accepted_at, message_id);
CREATE INDEX IF NOT EXISTS messages_by_phone_index ON messages (phone_index);
CREATE INDEX IF NOT EXISTS messages_by_status ON messages (account_id, status, accepted_at, message_id);
CREATE TABLE IF NOT EXISTS batch_recipients (batch_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, numbers TEXT);
`;

/*
 * The list filters by batch and by outId (GET /v1/messages?batchId|outId): each index serves its filter and the
 * list's order at once. outId's is partial — most sends carry none, and a row without one costs that index nothing.
 * Measured on 200k messages in batches of 1,000 (ADR 0021): +8–16 % CPU per insert for the two together.
 */
const LIST_FILTER_INDEXES = `
CREATE INDEX IF NOT EXISTS messages_by_batch ON messages (account_id, batch_id, accepted_at, message_id);
CREATE INDEX IF NOT EXISTS messages_by_out_id ON messages (account_id, out_id, accepted_at, message_id) WHERE out_id IS NOT NULL;
`;

/*
 * The expiry sweep's index (ADR 0019): SUBMITTED messages by submission time. Partial, so it holds only the messages
 * awaiting a receipt — a few seconds' worth in steady state, however many millions the table holds — and a message
 * enters it when submitted and leaves it with its receipt (most receipts overtake the submit acknowledgement, and
 * those messages never enter it at all).
 */
const EXPIRY_INDEX = `CREATE INDEX IF NOT EXISTS messages_awaiting_receipt ON messages (submitted_at, message_id) WHERE status = 'SUBMITTED';`;

/**
 * Another table of this file kept in step with the message rows, in each write's unit of work (the statistics
 * buckets, ADR 0020): told the write's JSON list (objects with a messageId) just before and just after it runs.
 */
export interface MessageRowsFeed {
  before(changes: string): void;
  after(changes: string): void;
}

/** Sorts after every RFC 3339 time: "before the end of time" is everything. */
const END_OF_TIME = '9999';

/** How long, and for how many batches, opened number lists are kept (in memory only). */
const OPENED_TTL_MS = 10_000;
const OPENED_MAX = 32;

// Messages that never left the platform cannot have been answered; a FAILED one counts only if the operator took it.
const REACHABLE = `status NOT IN ('BLOCKED', 'REJECTED', 'CANCELLED') AND NOT (status = 'FAILED' AND submitted_at IS NULL)`;

/**
 * The message read model in dispatch's SQLite file. Every write is one statement per call, whatever the number of
 * messages: SQLite unpacks the JSON of the event (json_each), so nothing runs per message in JavaScript.
 *
 * It also answers inbound's "who last wrote to this number" (LastOutboundLookup): the messages are here, indexed
 * by number, so a reply costs one lookup instead of inbound projecting every send (a write per message).
 */
export class SqliteMessageReadModel implements MessageReadModel, LastOutboundLookup {
  private readonly insertStmt: StatementSync;
  private readonly insertRecipientsStmt: StatementSync;
  private readonly recipientsStmt: StatementSync;
  private readonly advanceStmt: StatementSync;
  private readonly annotateStmt: StatementSync;
  private readonly findStmt: StatementSync;
  private readonly findManyStmt: StatementSync;
  private readonly lastSentStmt: StatementSync;
  private readonly overdueStmt: StatementSync;
  private readonly purgeStmts: Record<'chunk' | 'messages' | 'batches' | 'accountBatches', StatementSync>;
  private readonly queries = new Map<string, StatementSync>();
  /** Numbers of the batches read lately, opened: a client paging or polling a batch's messages opens its list once. */
  private readonly opened = new Map<string, { numbers?: string[]; expires: number }>();
  private feed?: MessageRowsFeed;

  constructor(
    private readonly db: DatabaseSync,
    private readonly protection: DataProtection,
  ) {
    migrate(db, protection);
    db.exec(SCHEMA);
    db.exec(EXPIRY_INDEX);
    db.exec(LIST_FILTER_INDEXES);
    // Files from before scheduling, and before messages showed their price.
    const columns = (db.prepare("SELECT name FROM pragma_table_info('messages')").all() as Array<{ name: string }>).map((c) => c.name);
    if (!columns.includes('scheduled_at')) db.exec('ALTER TABLE messages ADD COLUMN scheduled_at TEXT');
    if (!columns.includes('price_minor')) db.exec('ALTER TABLE messages ADD COLUMN price_minor INTEGER');
    // One statement per batch: the batch's own fields are bound once, SQLite unpacks its messages (json_each), whose
    // place in the list is the message's place among the batch's sealed numbers.
    this.insertStmt = db.prepare(
      `INSERT OR IGNORE INTO messages (message_id, batch_id, account_id, phone_index, recipient, country_code, operator, kind, signature_id,
         template_id, out_id, segments, encoding, status, accepted_at, scheduled_at)
       SELECT value ->> '$.messageId', :batchId, :accountId, value ->> '$.phoneIndex', key, value ->> '$.countryCode', value ->> '$.operator',
         :kind, :signatureId, :templateId, :outId, value ->> '$.segments', value ->> '$.encoding',
         CASE WHEN :scheduledAt IS NULL THEN 'ACCEPTED' ELSE 'SCHEDULED' END, :acceptedAt, :scheduledAt
       FROM json_each(:messages)`,
    );
    this.insertRecipientsStmt = db.prepare('INSERT OR IGNORE INTO batch_recipients (batch_id, account_id, numbers) VALUES (?, ?, ?)');
    this.recipientsStmt = db.prepare('SELECT batch_id, account_id, numbers FROM batch_recipients WHERE batch_id IN (SELECT value FROM json_each(?))');
    // The status transition of advanceStatus (message-status.ts) in SQL: the status and its error move only to a
    // higher rank; facts a late event brings are filled in either way (COALESCE keeps what is already known). A row
    // the update would leave as it is is not written at all: the carrier's receipt usually overtakes its submission
    // acknowledgement here, and rewriting a DELIVERED row with the facts it already has cost a row and an index
    // update per message.
    const forward = `(${statusRankSql('messages.status')}) < u.rank`;
    // The hold's note is dropped once the message moves on (advanceStatus): HELD_NOTE is a constant, not input.
    const keptNote = (column: string) => `CASE WHEN messages.error_code = '${HELD_NOTE}' THEN NULL ELSE messages.${column} END`;
    this.advanceStmt = db.prepare(
      `UPDATE messages SET status = CASE WHEN ${forward} THEN u.status ELSE messages.status END,
        error_code = CASE WHEN ${forward} THEN COALESCE(u.error_code, ${keptNote('error_code')}) ELSE messages.error_code END,
        error_detail = CASE WHEN ${forward} THEN COALESCE(u.error_detail, ${keptNote('error_detail')}) ELSE messages.error_detail END,
        channel_id = COALESCE(u.channel_id, messages.channel_id), operator_message_ids = COALESCE(u.operator_message_ids, messages.operator_message_ids),
        submitted_at = COALESCE(u.submitted_at, messages.submitted_at), done_at = COALESCE(u.done_at, messages.done_at),
        price_minor = COALESCE(u.price_minor, messages.price_minor)
       FROM (SELECT value ->> '$.messageId' AS message_id, value ->> '$.status' AS status, value ->> '$.rank' AS rank,
               value ->> '$.errorCode' AS error_code, value ->> '$.errorDetail' AS error_detail, value ->> '$.channelId' AS channel_id,
               value -> '$.operatorMessageIds' AS operator_message_ids, value ->> '$.submittedAt' AS submitted_at, value ->> '$.doneAt' AS done_at,
               value ->> '$.priceMinor' AS price_minor
             FROM json_each(?)) AS u
       WHERE messages.message_id = u.message_id AND (${forward}
         OR (u.price_minor IS NOT NULL AND u.price_minor IS NOT messages.price_minor)
         OR (u.channel_id IS NOT NULL AND u.channel_id IS NOT messages.channel_id)
         OR (u.operator_message_ids IS NOT NULL AND u.operator_message_ids IS NOT messages.operator_message_ids)
         OR (u.submitted_at IS NOT NULL AND u.submitted_at IS NOT messages.submitted_at)
         OR (u.done_at IS NOT NULL AND u.done_at IS NOT messages.done_at))`,
    );
    this.annotateStmt = db.prepare(
      `UPDATE messages SET error_code = n.code, error_detail = n.detail
       FROM (SELECT value ->> '$.messageId' AS message_id, value ->> '$.code' AS code, value ->> '$.detail' AS detail FROM json_each(?)) AS n
       WHERE messages.message_id = n.message_id`,
    );
    this.findStmt = db.prepare('SELECT * FROM messages WHERE message_id = ?');
    this.findManyStmt = db.prepare('SELECT * FROM messages WHERE message_id IN (SELECT value FROM json_each(?))');
    // The number's messages by messages_by_phone_index (a few per number), the newest in the window first.
    this.lastSentStmt = db.prepare(
      `SELECT account_id AS accountId, signature_id AS signatureId, accepted_at AS sentAt FROM messages
       WHERE phone_index = ? AND accepted_at <= ? AND accepted_at >= ? AND ${REACHABLE}
       ORDER BY accepted_at DESC LIMIT 1`,
    );
    this.overdueStmt = db.prepare(
      `SELECT * FROM messages INDEXED BY messages_awaiting_receipt WHERE status = 'SUBMITTED' AND submitted_at < ? ORDER BY submitted_at, message_id LIMIT ?`,
    );
    this.purgeStmts = {
      // The account's oldest messages first, by messages_by_account.
      chunk: db.prepare('SELECT message_id, batch_id FROM messages WHERE account_id = ? AND accepted_at < ? ORDER BY accepted_at, message_id LIMIT ?'),
      messages: db.prepare('DELETE FROM messages WHERE message_id IN (SELECT value FROM json_each(?))'),
      // A batch's messages share its acceptance time: once one of them is due, its whole list of numbers is.
      batches: db.prepare('DELETE FROM batch_recipients WHERE batch_id IN (SELECT value FROM json_each(?))'),
      // Batches with no message rows at all (every recipient rejected) are found only by account.
      accountBatches: db.prepare('DELETE FROM batch_recipients WHERE account_id = ?'),
    };
  }

  async insertBatches(batches: BatchAccepted[]): Promise<void> {
    const { ring, blindIndex } = this.protection;
    for (const b of batches) {
      // Numbers are E.164 already: indexed as they are, with no parse per message (an erased one, not at all).
      const messages = b.messages.map((m) => ({
        messageId: m.messageId,
        phoneIndex: m.phoneNumber === PERSONAL_DATA_DESTROYED ? '' : blindIndex.of(m.phoneNumber),
        countryCode: m.countryCode,
        operator: m.operator,
        segments: m.segments,
        encoding: m.encoding,
      }));
      this.insertRecipientsStmt.run(b.batchId, b.accountId, sealedOrNull(() => ring.seal(b.accountId, JSON.stringify(b.messages.map((m) => m.phoneNumber)))));
      this.insertStmt.run({
        batchId: b.batchId,
        accountId: b.accountId,
        kind: b.kind,
        signatureId: b.signatureId,
        templateId: b.templateId,
        outId: b.outId ?? null,
        acceptedAt: b.acceptedAt,
        scheduledAt: b.scheduledAt ?? null,
        messages: JSON.stringify(messages),
      });
    }
  }

  /** From now on, status changes and notes are told to `feed` (the statistics adapter, once, at start-up). */
  feedChangesTo(feed: MessageRowsFeed): void {
    this.feed = feed;
  }

  async advance(updates: StatusUpdate[]): Promise<void> {
    if (updates.length === 0) return;
    const changes = JSON.stringify(updates.map((u) => ({ ...u, rank: statusRank(u.status) })));
    this.feed?.before(changes);
    this.advanceStmt.run(changes);
    this.feed?.after(changes);
  }

  async annotate(notes: MessageNote[]): Promise<void> {
    if (notes.length === 0) return;
    const changes = JSON.stringify(notes);
    this.feed?.before(changes);
    this.annotateStmt.run(changes);
    this.feed?.after(changes);
  }

  async find(messageId: string): Promise<MessageRecord | undefined> {
    const row = this.findStmt.get(messageId) as MessageRow | undefined;
    return row && this.records([row])[0];
  }

  async findMany(messageIds: string[]): Promise<Map<string, MessageRecord>> {
    const found = new Map<string, MessageRecord>();
    if (messageIds.length === 0) return found;
    for (const record of this.records(this.findManyStmt.all(JSON.stringify(messageIds)) as unknown as MessageRow[])) found.set(record.messageId, record);
    return found;
  }

  async query(q: MessageQuery): Promise<MessageRecord[]> {
    const where = ['account_id = ?'];
    const args: Array<string | number> = [q.accountId];
    const filter = (condition: string, ...values: Array<string | undefined>) => {
      if (values.some((v) => v === undefined)) return;
      where.push(condition);
      args.push(...(values as string[]));
    };
    filter('phone_index = ?', q.phoneNumber === undefined ? undefined : phoneIndexOf(this.protection.blindIndex, q.phoneNumber));
    filter('batch_id = ?', q.batchId);
    filter('out_id = ?', q.outId);
    filter('status = ?', q.status);
    filter('accepted_at >= ?', q.from);
    filter('accepted_at < ?', q.to);
    filter('(accepted_at, message_id) > (?, ?)', q.after?.acceptedAt, q.after?.messageId);
    args.push(q.limit);
    // A number has a few messages, an account millions: by number, the planner would still pick the account's index
    // for its order, and read every message of the account.
    const from = q.phoneNumber === undefined ? 'messages' : 'messages INDEXED BY messages_by_phone_index';
    const sql = `SELECT * FROM ${from} WHERE ${where.join(' AND ')} ORDER BY accepted_at, message_id LIMIT ?`;
    let statement = this.queries.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.queries.set(sql, statement);
    }
    return this.records(statement.all(...args) as unknown as MessageRow[]);
  }

  async purge(accountId: string, before: string | undefined, limit: number): Promise<number> {
    // What was opened of any batch goes too: a few dozen lists, reopened on the next read.
    this.opened.clear();
    const rows = this.purgeStmts.chunk.all(accountId, before ?? END_OF_TIME, limit) as Array<{ message_id: string; batch_id: string }>;
    if (rows.length > 0) {
      this.purgeStmts.messages.run(JSON.stringify(rows.map((r) => r.message_id)));
      this.purgeStmts.batches.run(JSON.stringify([...new Set(rows.map((r) => r.batch_id))]));
    }
    if (before === undefined && rows.length < limit) this.purgeStmts.accountBatches.run(accountId);
    return rows.length;
  }

  async overdueSubmitted(submittedBefore: string, limit: number): Promise<MessageRecord[]> {
    return this.records(this.overdueStmt.all(submittedBefore, limit) as unknown as MessageRow[]);
  }

  async lastOutboundTo(phoneNumber: string, notAfter: string, notBefore: string): Promise<LastOutbound | undefined> {
    const row = this.lastSentStmt.get(phoneIndexOf(this.protection.blindIndex, phoneNumber), notAfter, notBefore) as LastOutbound | undefined;
    return row ? { accountId: row.accountId, signatureId: row.signatureId, sentAt: row.sentAt } : undefined;
  }

  /** The rows as records, each batch's numbers opened once for all its rows. */
  private records(rows: MessageRow[]): MessageRecord[] {
    if (rows.length === 0) return [];
    const now = Date.now();
    const numbers = new Map<string, string[] | undefined>();
    const wanted = new Set<string>();
    for (const row of rows) {
      const cached = this.opened.get(row.batch_id);
      if (cached && cached.expires > now) numbers.set(row.batch_id, cached.numbers);
      else wanted.add(row.batch_id);
    }
    if (wanted.size > 0) {
      for (const batch of this.recipientsStmt.all(JSON.stringify([...wanted])) as Array<{ batch_id: string; account_id: string; numbers: string | null }>) {
        const opened = batch.numbers === null ? undefined : this.protection.ring.open(batch.account_id, batch.numbers);
        const list = opened === undefined ? undefined : (JSON.parse(opened) as string[]);
        numbers.set(batch.batch_id, list);
        this.opened.delete(batch.batch_id);
        if (this.opened.size >= OPENED_MAX) this.opened.delete(this.opened.keys().next().value as string);
        this.opened.set(batch.batch_id, { numbers: list, expires: now + OPENED_TTL_MS });
      }
    }
    return rows.map((row) => toRecord(row, numbers.get(row.batch_id)?.[row.recipient] ?? PERSONAL_DATA_DESTROYED));
  }
}

/** A sealed value, or null when the owner's key was destroyed (a replay after erasure: the rest of the row still counts). */
function sealedOrNull(seal: () => string): string | null {
  try {
    return seal();
  } catch (error) {
    if (error instanceof DataKeyDestroyedError) return null;
    throw error;
  }
}

/** Whitelists a row into the port's shape (absent facts stay absent). */
function toRecord(row: MessageRow, phoneNumber: string): MessageRecord {
  return {
    messageId: row.message_id,
    batchId: row.batch_id,
    accountId: row.account_id,
    phoneNumber,
    countryCode: row.country_code,
    operator: row.operator,
    kind: row.kind,
    signatureId: row.signature_id,
    templateId: row.template_id,
    ...(row.out_id !== null ? { outId: row.out_id } : {}),
    segments: row.segments,
    encoding: row.encoding,
    status: row.status,
    ...(row.error_code !== null ? { errorCode: row.error_code } : {}),
    ...(row.error_detail !== null ? { errorDetail: row.error_detail } : {}),
    ...(row.channel_id !== null ? { channelId: row.channel_id } : {}),
    ...(row.operator_message_ids !== null ? { operatorMessageIds: JSON.parse(row.operator_message_ids) as string[] } : {}),
    acceptedAt: row.accepted_at,
    ...(row.scheduled_at !== null ? { scheduledAt: row.scheduled_at } : {}),
    ...(row.price_minor !== null ? { priceMinor: Number(row.price_minor) } : {}),
    ...(row.submitted_at !== null ? { submittedAt: row.submitted_at } : {}),
    ...(row.done_at !== null ? { doneAt: row.done_at } : {}),
  };
}

/**
 * Older files: those written before the texts moved to the write side kept a copy of each message's text (dropped);
 * those written before ADR 0016 kept each number in clear. Their numbers are sealed per batch and indexed, the clear
 * column dropped, and the file rewritten (VACUUM), so no freed page still holds a number.
 */
function migrate(db: DatabaseSync, protection: DataProtection): void {
  const columns = () => (db.prepare("SELECT name FROM pragma_table_info('messages')").all() as Array<{ name: string }>).map((c) => c.name);
  if (columns().includes('text')) db.exec('ALTER TABLE messages DROP COLUMN text');
  if (!columns().includes('phone_number')) return;
  db.exec('BEGIN IMMEDIATE');
  try {
    db.exec(`CREATE TABLE IF NOT EXISTS batch_recipients (batch_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, numbers TEXT);
      ALTER TABLE messages ADD COLUMN phone_index TEXT; ALTER TABLE messages ADD COLUMN recipient INTEGER;`);
    const insert = db.prepare('INSERT OR IGNORE INTO batch_recipients (batch_id, account_id, numbers) VALUES (?, ?, ?)');
    const update = db.prepare('UPDATE messages SET phone_index = ?, recipient = ? WHERE message_id = ?');
    const batches = db.prepare(
      `SELECT batch_id, account_id, json_group_array(json_array(message_id, phone_number)) AS messages
       FROM (SELECT batch_id, account_id, message_id, phone_number FROM messages ORDER BY batch_id, message_id) GROUP BY batch_id`,
    );
    for (const batch of batches.iterate() as Iterable<{ batch_id: string; account_id: string; messages: string }>) {
      const messages = JSON.parse(batch.messages) as Array<[string, string]>;
      const numbers = messages.map(([, number]) => number);
      insert.run(batch.batch_id, batch.account_id, sealedOrNull(() => protection.ring.seal(batch.account_id, JSON.stringify(numbers))));
      messages.forEach(([messageId, number], recipient) => update.run(protection.blindIndex.of(number), recipient, messageId));
    }
    db.exec('DROP INDEX IF EXISTS messages_by_phone; ALTER TABLE messages DROP COLUMN phone_number; COMMIT');
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
  db.exec('VACUUM; PRAGMA wal_checkpoint(TRUNCATE)');
}
