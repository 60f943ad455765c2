import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, StatementSync } from 'node:sqlite';
import { EventStoreClosedError, StreamNotFoundError } from '../errors';
import type {
  AllFilter,
  AllSubscription,
  AppendOptions,
  AppendResult,
  EventData,
  EventStore,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
} from '../event-store.port';
import { type EventRow, toRecorded } from '../core/event-row';
import { assertFilter } from '../core/filter';
import { assertStreamName, planAppend, prepareAppend, type StreamEnd } from '../core/prepare-events';
import { PullSubscription } from '../core/pull-subscription';
import { assertReadOptions, resolveReadRange } from '../core/read-options';

export interface SqliteEventStoreOptions {
  /** How often an idle subscription re-reads the table to see appends made by another handle or process. */
  pollIntervalMs?: number;
  /** How long an append waits for another process's write lock before failing with SQLITE_BUSY. */
  busyTimeoutMs?: number;
  /** Rows per query while a subscription catches up. */
  pageSize?: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position INTEGER PRIMARY KEY,
  stream   TEXT    NOT NULL,
  revision INTEGER NOT NULL,
  id       TEXT    NOT NULL,
  type     TEXT    NOT NULL,
  data     TEXT    NOT NULL,
  metadata TEXT    NOT NULL,
  created  INTEGER NOT NULL,
  UNIQUE (stream, revision),
  UNIQUE (stream, id)
);
PRAGMA user_version = 1;
`;

const COLUMNS = 'position, stream, revision, id, type, data, metadata, created';

/** `instr(x, p) = 1` is a case-sensitive prefix test that needs no LIKE/GLOB escaping. */
function filterSql(filter: AllFilter | undefined): { sql: string; params: string[] } {
  const clauses: string[] = [];
  const params: string[] = [];
  for (const [column, prefixes] of [
    ['stream', filter?.streamNamePrefixes],
    ['type', filter?.eventTypePrefixes],
  ] as const) {
    if (!prefixes) continue;
    clauses.push(`(${prefixes.map(() => `instr(${column}, ?) = 1`).join(' OR ')})`);
    params.push(...prefixes);
  }
  return { sql: clauses.length > 0 ? ` AND ${clauses.join(' AND ')}` : '', params };
}

function prepare(db: DatabaseSync, sql: string): StatementSync {
  const statement = db.prepare(sql);
  statement.setReadBigInts(true);
  return statement;
}

/**
 * The event store in one SQLite file (`node:sqlite`), for the embedded and test profiles. One table holds every
 * event; its INTEGER PRIMARY KEY is the global position. SQLite admits one writer at a time and positions are
 * assigned inside the write transaction, so commit order is position order and a reader never sees a gap fill in
 * later. Several handles or processes may share the file: appends take the write lock before checking the
 * expected revision, and subscriptions poll for appends they were not told about.
 */
export class SqliteEventStore implements EventStore {
  readonly db: DatabaseSync;
  private readonly subscriptions = new Set<PullSubscription>();
  private readonly pollIntervalMs: number;
  private readonly pageSize: number;
  private readonly statements: {
    last: StatementSync;
    byId: StatementSync;
    insert: StatementSync;
    exists: StatementSync;
    forwards: StatementSync;
    backwards: StatementSync;
    head: StatementSync;
  };
  private closed = false;

  constructor(path: string, options: SqliteEventStoreOptions = {}) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.pollIntervalMs = options.pollIntervalMs ?? 200;
    this.pageSize = options.pageSize ?? 500;
    this.db = new DatabaseSync(path, { timeout: options.busyTimeoutMs ?? 5000 });
    // Batches of a thousand messages make large events; a 64 MiB page cache keeps recent ones in memory.
    this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536; PRAGMA mmap_size = 268435456;');
    this.db.exec(SCHEMA);
    const db = this.db;
    this.statements = {
      last: prepare(db, 'SELECT revision, position FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 1'),
      byId: prepare(db, 'SELECT position FROM events WHERE stream = ? AND id = ?'),
      insert: prepare(db, 'INSERT INTO events (stream, revision, id, type, data, metadata, created) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      exists: prepare(db, 'SELECT 1 FROM events WHERE stream = ? LIMIT 1'),
      forwards: prepare(db, `SELECT ${COLUMNS} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision LIMIT ?`),
      backwards: prepare(db, `SELECT ${COLUMNS} FROM events WHERE stream = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`),
      head: prepare(db, 'SELECT max(position) AS head FROM events'),
    };
  }

  /** Opens (and creates if needed) the store; `path` may be ':memory:'. */
  static open(path: string, options?: SqliteEventStoreOptions): SqliteEventStore {
    return new SqliteEventStore(path, options);
  }

  async appendToStream(stream: string, events: EventData | EventData[], options: AppendOptions = {}): Promise<AppendResult> {
    this.assertOpen();
    const { expected, prepared } = prepareAppend(stream, events, options);
    const { last, byId, insert } = this.statements;

    // IMMEDIATE takes the write lock before the revision is read, so another process cannot append in between.
    this.db.exec('BEGIN IMMEDIATE');
    let result: AppendResult;
    let appended = false;
    try {
      const tail = last.get(stream) as StreamEnd | undefined;
      const plan = planAppend(stream, expected, prepared, tail, (id) => (byId.get(stream, id) as { position: bigint } | undefined)?.position);
      if ('result' in plan) {
        result = plan.result;
      } else {
        let revision = tail ? tail.revision : -1n;
        let position = tail ? tail.position : -1n;
        const created = Date.now();
        for (const event of plan.fresh) {
          revision += 1n;
          position = insert.run(stream, revision, event.id, event.type, event.dataJson, event.metadataJson, created).lastInsertRowid as bigint;
        }
        appended = true;
        result = { nextExpectedRevision: revision, position };
      }
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
    if (appended) for (const subscription of this.subscriptions) subscription.notify();
    return result;
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertStreamName(stream);
    assertReadOptions(options);
    const { forwards, from, limit } = resolveReadRange(options);
    const statement = forwards ? this.statements.forwards : this.statements.backwards;
    const rows = statement.all(stream, from, Number.isFinite(limit) ? limit : -1) as unknown as EventRow[];
    if (rows.length === 0 && this.statements.exists.get(stream) === undefined) throw new StreamNotFoundError(stream);
    return rows.map(toRecorded);
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): AllSubscription {
    this.assertOpen();
    assertFilter(options.filter);
    const where = filterSql(options.filter);
    // Bounded by a head read first: every row at or below it is committed, so the scan can skip to it safely.
    const page = prepare(this.db, `SELECT ${COLUMNS} FROM events WHERE position > ? AND position <= ?${where.sql} ORDER BY position LIMIT ?`);
    const subscription = new PullSubscription(
      {
        read: (after, limit) => {
          this.assertOpen();
          const head = this.head();
          if (head <= after) return { events: [], scannedTo: after };
          const size = Math.min(limit, this.pageSize);
          // One row more than needed tells whether another match follows; if not, the scan has reached the head.
          const rows = page.all(after, head, ...where.params, size + 1) as unknown as EventRow[];
          const more = rows.length > size;
          if (more) rows.pop();
          return { events: rows.map(toRecorded), scannedTo: more ? rows[rows.length - 1].position : head };
        },
        head: () => this.head(),
        pollIntervalMs: this.pollIntervalMs,
        onClose: (closed) => this.subscriptions.delete(closed),
      },
      options.fromPosition ?? 'start',
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.unsubscribe()));
    this.db.close();
  }

  private head(): bigint {
    const row = this.statements.head.get() as { head: bigint | null };
    return row.head ?? -1n;
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreClosedError('SqliteEventStore');
  }
}
