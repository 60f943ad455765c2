import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { MessageRowsFeed } from '../../messages/infrastructure/sqlite-message-read-model';
import type { StatisticsQuery, StatisticsStore } from '../application/statistics-store';
import { COUNTED_STATUSES, FAILED_STATUSES, SUBMITTED_IF_TIMED, SUBMITTED_STATUSES } from '../domain/contribution';
import { LATENCY_BIN_GROWTH, LATENCY_BINS, LATENCY_CEILING_MS, LATENCY_FLOOR_MS } from '../domain/latency-histogram';
import type { BucketTotal, StatisticsDimension } from '../domain/statistics-rows';

/*
 * Statistics buckets in dispatch's read-model file (ADR 0020), three tables of the same counters:
 * - statistics_hours: one row per (account, hour, kind, template, signature, operator, country, channel, status,
 *   reason) — the buckets themselves;
 * - statistics_days: the same by UTC day, so a month grouped by template reads ~30 rows per combination, not ~720;
 * - statistics_timeline: by (account, hour, status, reason) only, for groupBy hour, day and status.
 * Counters: messages, submitted, segments, billed segments, and l0…l39, the delivery-latency histogram.
 *
 * They move with the message rows: the read model tells this adapter (MessageRowsFeed) which messages a write may
 * change, before and after the write, in its unit of work. Before, the counted rows of those messages are copied
 * with a minus sign; after, with a plus; their sums by bucket are added to the three tables. A row the write left as
 * it was cancels out; one that moved leaves its old bucket and joins its new one. All of it is a handful of
 * statements per write, whatever its number of messages; the per-message work is two index lookups and two rows of
 * a temporary table. The SQL mirrors contributionOf (domain/contribution.ts); the contract suite holds the two
 * together.
 */

const LATENCY_COLUMNS = Array.from({ length: LATENCY_BINS }, (_, bin) => `l${bin}`);
const COUNTERS = ['messages', 'submitted', 'segments', 'billed_segments', ...LATENCY_COLUMNS];
const DIMENSIONS = ['kind', 'template_id', 'signature_id', 'operator', 'country_code', 'channel_id'];
const BUCKET_KEY = ['account_id', 'hour', ...DIMENSIONS, 'status', 'reason'];

/** The column a dimension groups by, in the hourly and daily tables. */
const DIMENSION_COLUMN: Partial<Record<StatisticsDimension, string>> = {
  kind: 'kind',
  template: 'template_id',
  signature: 'signature_id',
  operator: 'operator',
  country: 'country_code',
  channel: 'channel_id',
};
/** What groupBy hour, day and status read from the timeline. */
const TIMELINE_GROUP: Partial<Record<StatisticsDimension, string>> = { hour: 'hour', day: 'hour / 24', status: 'status' };

const counterColumns = COUNTERS.map((c) => `${c} INTEGER NOT NULL DEFAULT 0`).join(', ');
const SCHEMA = `
CREATE TABLE IF NOT EXISTS statistics_hours (
  account_id TEXT NOT NULL, hour INTEGER NOT NULL, kind TEXT NOT NULL, template_id TEXT NOT NULL, signature_id TEXT NOT NULL,
  operator TEXT NOT NULL, country_code TEXT NOT NULL, channel_id TEXT NOT NULL, status TEXT NOT NULL, reason TEXT NOT NULL, ${counterColumns},
  PRIMARY KEY (account_id, hour, kind, template_id, signature_id, operator, country_code, channel_id, status, reason)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS statistics_days (
  account_id TEXT NOT NULL, day INTEGER NOT NULL, kind TEXT NOT NULL, template_id TEXT NOT NULL, signature_id TEXT NOT NULL,
  operator TEXT NOT NULL, country_code TEXT NOT NULL, channel_id TEXT NOT NULL, status TEXT NOT NULL, reason TEXT NOT NULL, ${counterColumns},
  PRIMARY KEY (account_id, day, kind, template_id, signature_id, operator, country_code, channel_id, status, reason)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS statistics_timeline (
  account_id TEXT NOT NULL, hour INTEGER NOT NULL, status TEXT NOT NULL, reason TEXT NOT NULL, ${counterColumns},
  PRIMARY KEY (account_id, hour, status, reason)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS statistics_hours_by_hour ON statistics_hours (hour);
CREATE INDEX IF NOT EXISTS statistics_days_by_day ON statistics_days (day);
CREATE INDEX IF NOT EXISTS statistics_timeline_by_hour ON statistics_timeline (hour);
`;

/** Per connection, in memory (temp_store): the rows of one write, then their sums by bucket and latency bin. */
const SCRATCH = `
CREATE TEMP TABLE IF NOT EXISTS statistics_changes (sign, ${BUCKET_KEY.join(', ')}, segments, submitted, bin);
CREATE TEMP TABLE IF NOT EXISTS statistics_delta (${BUCKET_KEY.join(', ')}, bin, messages, submitted, segments, billed_segments);
`;

/** `expr` is one of `values` (an OR chain: cheaper per row than an IN list in a hot statement). */
const oneOf = (expr: string, values: readonly string[]): string => `(${values.map((v) => `${expr} = '${v}'`).join(' OR ')})`;

/** latencyBin (latency-histogram.ts) of an expression in milliseconds; -1 for NULL. */
const latencyBinSql = (ms: string): string =>
  `CASE WHEN ${ms} IS NULL THEN -1 WHEN ${ms} < ${LATENCY_FLOOR_MS} THEN 0 WHEN ${ms} >= ${LATENCY_CEILING_MS} THEN ${LATENCY_BINS - 1} ` +
  `ELSE min(${LATENCY_BINS - 2}, 1 + CAST(ln(${ms} / ${LATENCY_FLOOR_MS}.0) / ${LATENCY_BIN_GROWTH} AS INTEGER)) END`;

/** contributionOf (contribution.ts) of the messages row `m`, as the columns of statistics_changes after the sign. */
const contributionSql = (m: string): string => `${m}.account_id, unixepoch(${m}.accepted_at) / 3600, ${DIMENSIONS.map((d) => (d === 'channel_id' ? `COALESCE(${m}.channel_id, '')` : `${m}.${d}`)).join(', ')},
  ${m}.status, CASE WHEN ${oneOf(`${m}.status`, FAILED_STATUSES)} THEN COALESCE(${m}.error_code, ${m}.status) ELSE '' END, ${m}.segments,
  (${oneOf(`${m}.status`, SUBMITTED_STATUSES)} OR (${oneOf(`${m}.status`, SUBMITTED_IF_TIMED)} AND ${m}.submitted_at IS NOT NULL)),
  CASE WHEN ${m}.status = 'DELIVERED' THEN (SELECT ${latencyBinSql('ms')} FROM (SELECT max(0, CAST(round((unixepoch(${m}.done_at, 'subsec') - unixepoch(${m}.submitted_at, 'subsec')) * 1000) AS INTEGER)) AS ms)) ELSE -1 END`;

/** The counted rows among the messages a write names (its JSON list of objects with messageId), signed. */
const changedRowsSql = (sign: 1 | -1): string =>
  `INSERT INTO temp.statistics_changes SELECT ${sign}, ${contributionSql('m')}
   FROM (SELECT DISTINCT value ->> '$.messageId' AS id FROM json_each(?)) AS u CROSS JOIN messages AS m ON m.message_id = u.id
   WHERE ${oneOf('m.status', COUNTED_STATUSES)}`;

const DELTA_SQL = `INSERT INTO temp.statistics_delta
  SELECT ${BUCKET_KEY.join(', ')}, bin, SUM(sign), SUM(sign * submitted), SUM(sign * segments), SUM(sign * submitted * segments)
  FROM temp.statistics_changes GROUP BY ${BUCKET_KEY.join(', ')}, bin
  HAVING SUM(sign) <> 0 OR SUM(sign * submitted) <> 0 OR SUM(sign * segments) <> 0`;

/** Adds the delta into one table, whose key is `key` computed from the delta's columns as `select`. */
function foldSql(table: string, key: string[], select: string[]): string {
  const sums = ['SUM(messages)', 'SUM(submitted)', 'SUM(segments)', 'SUM(billed_segments)', ...LATENCY_COLUMNS.map((_, bin) => `SUM(CASE bin WHEN ${bin} THEN messages ELSE 0 END)`)];
  return `INSERT INTO ${table} (${[...key, ...COUNTERS].join(', ')})
    SELECT ${[...select, ...sums].join(', ')} FROM temp.statistics_delta WHERE true GROUP BY ${select.join(', ')}
    ON CONFLICT DO UPDATE SET ${COUNTERS.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`;
}

const FOLDS = [
  foldSql('statistics_hours', BUCKET_KEY, BUCKET_KEY),
  foldSql('statistics_days', ['account_id', 'day', ...DIMENSIONS, 'status', 'reason'], ['account_id', 'hour / 24', ...DIMENSIONS, 'status', 'reason']),
  foldSql('statistics_timeline', ['account_id', 'hour', 'status', 'reason'], ['account_id', 'hour', 'status', 'reason']),
];

/** Rows of the messages table aggregated per step when the buckets are first built from it. */
const BACKFILL_CHUNK = 100_000;

type TotalRow = Record<string, number | string> & { grp: string | number; status: BucketTotal['status']; reason: string };

export class SqliteStatisticsStore implements StatisticsStore {
  /** What the message read model calls around each write (see SqliteMessageReadModel.feedChangesTo). */
  readonly feed: MessageRowsFeed;
  private readonly stmts: Record<'before' | 'after' | 'delta' | 'clearChanges' | 'clearDelta', StatementSync>;
  private readonly folds: StatementSync[];
  private readonly queries = new Map<string, StatementSync>();
  private pending = 0;

  /** Needs the messages table (create the message read model first); the first start builds the buckets from it. */
  constructor(private readonly db: DatabaseSync) {
    const fresh = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'statistics_hours'").get() === undefined;
    db.exec(SCRATCH);
    this.stmts = {
      before: db.prepare(changedRowsSql(-1)),
      after: db.prepare(changedRowsSql(1)),
      delta: db.prepare(DELTA_SQL),
      clearChanges: db.prepare('DELETE FROM temp.statistics_changes'),
      clearDelta: db.prepare('DELETE FROM temp.statistics_delta'),
    };
    if (fresh) this.build();
    else db.exec(SCHEMA);
    this.folds = FOLDS.map((sql) => db.prepare(sql));
    this.feed = {
      before: (changes) => {
        this.stmts.clearChanges.run();
        this.pending = Number(this.stmts.before.run(changes).changes);
      },
      after: (changes) => {
        this.pending += Number(this.stmts.after.run(changes).changes);
        // Nothing counted before or after (a message on its way to the operator): no bucket to touch.
        if (this.pending > 0) this.fold();
        this.pending = 0;
      },
    };
  }

  async totals(query: StatisticsQuery): Promise<BucketTotal[]> {
    const { sql, params } = this.plan(query);
    let statement = this.queries.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.queries.set(sql, statement);
    }
    return (statement.all(params) as TotalRow[]).map((row) => ({
      group: row.grp,
      status: row.status,
      reason: row.reason,
      messages: Number(row.messages),
      submitted: Number(row.submitted),
      segments: Number(row.segments),
      billedSegments: Number(row.billed_segments),
      latency: LATENCY_COLUMNS.map((c) => Number(row[c])),
    }));
  }

  async purge(accountId: string, limit: number): Promise<number> {
    let deleted = 0;
    for (const [table, unit] of [
      ['statistics_hours', 'hour'],
      ['statistics_days', 'day'],
      ['statistics_timeline', 'hour'],
    ] as const) {
      if (deleted >= limit) break;
      // Whole units (hours, days) up to the one `limit` rows in, so a call always gets on; what is left, once fewer remain.
      const upTo = this.db.prepare(`SELECT ${unit} AS unit FROM ${table} WHERE account_id = ? ORDER BY ${unit} LIMIT 1 OFFSET ?`).get(accountId, limit - deleted) as
        | { unit: number }
        | undefined;
      const result = upTo
        ? this.db.prepare(`DELETE FROM ${table} WHERE account_id = ? AND ${unit} <= ?`).run(accountId, upTo.unit)
        : this.db.prepare(`DELETE FROM ${table} WHERE account_id = ?`).run(accountId);
      deleted += Number(result.changes);
    }
    return deleted;
  }

  /** Adds the signed rows of one write (or one backfill step) into the three tables. */
  private fold(): void {
    this.stmts.clearDelta.run();
    this.stmts.delta.run();
    for (const fold of this.folds) fold.run();
    this.stmts.clearChanges.run();
  }

  /** The tables, and the buckets of the messages already there (a file from before statistics), in one transaction. */
  private build(): void {
    const own = !this.db.isTransaction;
    if (own) this.db.exec('BEGIN IMMEDIATE');
    try {
      this.db.exec(SCHEMA);
      const folds = FOLDS.map((sql) => this.db.prepare(sql));
      const { last } = this.db.prepare('SELECT COALESCE(max(rowid), 0) AS last FROM messages').get() as { last: number };
      const step = this.db.prepare(
        `INSERT INTO temp.statistics_changes SELECT 1, ${contributionSql('m')} FROM messages AS m WHERE m.rowid > ? AND m.rowid <= ? AND ${oneOf('m.status', COUNTED_STATUSES)}`,
      );
      for (let after = 0; after < Number(last); after += BACKFILL_CHUNK) {
        this.stmts.clearChanges.run();
        if (Number(step.run(after, after + BACKFILL_CHUNK).changes) === 0) continue;
        this.stmts.clearDelta.run();
        this.stmts.delta.run();
        for (const fold of folds) fold.run();
      }
      this.stmts.clearChanges.run();
      if (own) this.db.exec('COMMIT');
    } catch (error) {
      if (own && this.db.isTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
  }

  /**
   * The query of a grouping. hour, day and status read the timeline. The other dimensions read whole UTC days from
   * statistics_days and the hours before the first and after the last whole day from statistics_hours.
   */
  private plan(q: StatisticsQuery): { sql: string; params: Record<string, string | number> } {
    const scoped = q.accountId !== undefined;
    const account = scoped ? 'account_id = :accountId AND ' : '';
    const params: Record<string, string | number> = scoped ? { accountId: q.accountId as string } : {};
    const sums = COUNTERS.map((c) => `SUM(${c}) AS ${c}`).join(', ');
    const timeline = TIMELINE_GROUP[q.groupBy];
    if (timeline !== undefined) {
      return {
        sql: `SELECT ${timeline} AS grp, status, reason, ${sums} FROM statistics_timeline WHERE ${account}hour >= :fromHour AND hour < :toHour
              GROUP BY grp, status, reason HAVING SUM(messages) <> 0`,
        params: { ...params, fromHour: q.fromHour, toHour: q.toHour },
      };
    }
    const column = DIMENSION_COLUMN[q.groupBy] as string;
    const fromDay = Math.ceil(q.fromHour / 24);
    const toDay = Math.floor(q.toHour / 24);
    const wholeDays = fromDay < toDay;
    const columns = `${column} AS grp, status, reason, ${COUNTERS.join(', ')}`;
    const parts = [`SELECT ${columns} FROM statistics_hours WHERE ${account}hour >= :fromHour AND hour < :headEnd`];
    if (wholeDays) {
      parts.push(`SELECT ${columns} FROM statistics_days WHERE ${account}day >= :fromDay AND day < :toDay`);
      parts.push(`SELECT ${columns} FROM statistics_hours WHERE ${account}hour >= :tailStart AND hour < :toHour`);
    }
    return {
      sql: `SELECT grp, status, reason, ${sums} FROM (${parts.join(' UNION ALL ')}) GROUP BY grp, status, reason HAVING SUM(messages) <> 0`,
      params: wholeDays
        ? { ...params, fromHour: q.fromHour, headEnd: fromDay * 24, fromDay, toDay, tailStart: toDay * 24, toHour: q.toHour }
        : { ...params, fromHour: q.fromHour, headEnd: q.toHour },
    };
  }
}
