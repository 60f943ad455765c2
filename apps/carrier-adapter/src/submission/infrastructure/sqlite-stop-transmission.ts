import type { AccountStatus, MessageCancellationsRequestedV1 } from '@sms/contracts';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { groupBy } from '../application/group-by';
import type { SubmissionResult } from '../domain/events';
import { type AccountStanding, CANCELLATION_KEPT_MS, type CancelReason, cancelledResult, haltReason, supersedes } from '../domain/stop-transmission';

/*
 * Stopping transmission (ADR 0023), the SQLite side of SqliteCarrierState: account standings (halted = anything but
 * ACTIVE) and cancellations of messages not queued yet, in the carrier's own file. No number or text lives here.
 * A cancelled message is a carrier_messages row answered (done) with no segment expected, and its outcome goes to the
 * outbox like any other, so it is published once and relayed like any other.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS account_standings (account_id TEXT PRIMARY KEY, status TEXT NOT NULL, changed_at TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS cancellations (message_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, recorded_at TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS cancellations_by_time ON cancellations (recorded_at);
`;

/** The columns a cancelled row answers with. */
const CANCELLED_ROWS = 'RETURNING message_id, batch_id, account_id, channel_id, segments, routed';

interface CancelledRow {
  message_id: string;
  batch_id: string;
  account_id: string;
  channel_id: string;
  segments: number;
  routed: number;
}

/** What SqliteCarrierState lends: its outbox, and the release of a routed batch's texts once none of its messages waits. */
export interface CancellationSink {
  outbox(channelId: string, results: SubmissionResult[]): void;
  release(routed: number): void;
}

/**
 * Each method but `committed` and `refresh` runs inside the caller's transaction; the in-memory views (halted accounts,
 * whether any cancellation waits) change only from what was committed, so a rolled-back unit leaves them right.
 */
export class SqliteStopTransmission {
  private readonly stmt: Record<string, StatementSync>;
  /** Halted accounts and why: a routed batch looks here once, not the database. */
  private readonly halted = new Map<string, CancelReason>();
  /** Whether a remembered cancellation may wait: while none does, a routed batch costs no lookup for them. */
  private waiting = false;

  constructor(
    db: DatabaseSync,
    private readonly sink: CancellationSink,
  ) {
    db.exec(SCHEMA);
    this.stmt = {
      standings: db.prepare('SELECT account_id AS accountId, status, changed_at AS changedAt FROM account_standings'),
      standing: db.prepare('SELECT account_id AS accountId, status, changed_at AS changedAt FROM account_standings WHERE account_id = ?'),
      saveStanding: db.prepare(
        'INSERT INTO account_standings (account_id, status, changed_at) VALUES (?, ?, ?) ON CONFLICT (account_id) DO UPDATE SET status = excluded.status, changed_at = excluded.changed_at',
      ),
      // The account's queue is read through the queue's partial index (done = 0): halts are rare, and an index of its
      // own would cost every queued and answered message an index write.
      cancelAccount: db.prepare(
        `UPDATE carrier_messages SET done = 1, expected = 0 WHERE done = 0 AND account_id = :accountId
           AND message_id NOT IN (SELECT value FROM json_each(:inFlight)) ${CANCELLED_ROWS}`,
      ),
      cancelMessages: db.prepare(
        `UPDATE carrier_messages SET done = 1, expected = 0 WHERE message_id IN (SELECT value FROM json_each(:ids)) AND done = 0 AND account_id = :accountId ${CANCELLED_ROWS}`,
      ),
      // Only messages not known at all are remembered: one answered or in flight is left to its normal outcome.
      remember: db.prepare(
        `INSERT OR IGNORE INTO cancellations (message_id, account_id, recorded_at)
         SELECT j.value, :accountId, :at FROM json_each(:ids) AS j WHERE NOT EXISTS (SELECT 1 FROM carrier_messages m WHERE m.message_id = j.value)`,
      ),
      prune: db.prepare('DELETE FROM cancellations WHERE recorded_at < ?'),
      anyWaiting: db.prepare('SELECT EXISTS (SELECT 1 FROM cancellations) AS any'),
      // A routed batch's rows are one range of seqs (enqueue).
      cancelArrived: db.prepare(`UPDATE carrier_messages SET done = 1, expected = 0 WHERE seq BETWEEN :first AND :last AND done = 0 ${CANCELLED_ROWS}`),
      cancelRemembered: db.prepare(
        `UPDATE carrier_messages SET done = 1, expected = 0 WHERE seq BETWEEN :first AND :last AND done = 0
           AND EXISTS (SELECT 1 FROM cancellations c WHERE c.message_id = carrier_messages.message_id AND c.account_id = :accountId) ${CANCELLED_ROWS}`,
      ),
      forget: db.prepare('DELETE FROM cancellations WHERE message_id IN (SELECT value FROM json_each(?))'),
    };
    for (const standing of this.standings()) this.committed(standing);
    this.refresh();
  }

  standings(): AccountStanding[] {
    return this.stmt.standings.all() as unknown as AccountStanding[];
  }

  /** In the caller's transaction; `committed` after it. */
  recordStatus(change: AccountStanding, inFlight: string[], at: string): { applied: boolean; cancelled: number } {
    const known = this.stmt.standing.get(change.accountId) as AccountStanding | undefined;
    if (!supersedes(change, known)) return { applied: false, cancelled: 0 };
    this.stmt.saveStanding.run(change.accountId, change.status, change.changedAt);
    const reason = haltReason(change.status);
    if (reason === undefined) return { applied: true, cancelled: 0 };
    const rows = this.stmt.cancelAccount.all({ accountId: change.accountId, inFlight: JSON.stringify(inFlight) }) as unknown as CancelledRow[];
    return { applied: true, cancelled: this.answer(rows, reason, at) };
  }

  /** A recorded status, once committed: what routed batches of the account meet from now on. */
  committed(change: { accountId: string; status: AccountStatus }): void {
    const reason = haltReason(change.status);
    if (reason === undefined) this.halted.delete(change.accountId);
    else this.halted.set(change.accountId, reason);
  }

  /** In the caller's transaction (the inbox claim is the caller's); `refresh` after it. */
  cancel(request: MessageCancellationsRequestedV1, inFlight: { has(messageId: string): boolean }, at: string): number {
    this.stmt.prune.run(new Date(Date.parse(at) - CANCELLATION_KEPT_MS).toISOString());
    const ids = request.messages.map((m) => m.messageId);
    const rows = this.stmt.cancelMessages.all({ accountId: request.accountId, ids: JSON.stringify(ids.filter((id) => !inFlight.has(id))) }) as unknown as CancelledRow[];
    const cancelled = this.answer(rows, 'CANCELLED', at);
    if (Number(this.stmt.remember.run({ accountId: request.accountId, at, ids: JSON.stringify(ids) }).changes) > 0) this.waiting = true;
    return cancelled;
  }

  /** Whether any remembered cancellation waits, read from what is committed. */
  refresh(): void {
    this.waiting = (this.stmt.anyWaiting.get() as { any: number }).any === 1;
  }

  /** In enqueue's transaction: the routed batch just queued (seqs `first`…`last`) meets halts and remembered cancellations. */
  arrived(accountId: string, first: number, last: number, at: string): number {
    const reason = this.halted.get(accountId);
    if (reason !== undefined) return this.answer(this.stmt.cancelArrived.all({ first, last }) as unknown as CancelledRow[], reason, at);
    if (!this.waiting) return 0;
    const rows = this.stmt.cancelRemembered.all({ first, last, accountId }) as unknown as CancelledRow[];
    if (rows.length > 0) this.stmt.forget.run(JSON.stringify(rows.map((row) => row.message_id)));
    return this.answer(rows, 'CANCELLED', at);
  }

  /** The cancelled rows' outcomes into the outbox (per channel, as the submit loop's are), their batches' texts released. */
  private answer(rows: CancelledRow[], reason: CancelReason, at: string): number {
    for (const [channelId, list] of groupBy(rows, (row) => row.channel_id)) {
      this.sink.outbox(
        channelId,
        list.map((row) => cancelledResult({ messageId: row.message_id, batchId: row.batch_id, accountId: row.account_id, segments: row.segments }, reason, at)),
      );
    }
    for (const routed of new Set(rows.map((row) => row.routed))) this.sink.release(routed);
    return rows.length;
  }
}
