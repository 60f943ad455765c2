import { ephemeralDataProtection } from '@sms/data-protection';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { batchOf } from '../../messages/application/message-read-model.contract';
import { openDispatchDatabase } from '../../messages/infrastructure/dispatch-database';
import { SqliteMessageReadModel } from '../../messages/infrastructure/sqlite-message-read-model';
import type { StatusUpdate } from '../../messages/domain/message-status';
import { LATENCY_BINS, latencyBin } from '../domain/latency-histogram';
import { STATISTICS_DIMENSIONS, statisticsRows } from '../domain/statistics-rows';
import { SqliteStatisticsStore } from './sqlite-statistics-store';

/*
 * The figures of ADR 0020, measured on real files: what keeping the buckets costs each message in the read model,
 * and how long a month of one account's statistics (10 million messages) takes to answer by every dimension.
 * Printed on stderr; the bounds asserted are loose (a shared 2-core machine), the figures are the point.
 */

const HOUR = 3_600_000;
const report = (line: string) => process.stderr.write(`[statistics speed] ${line}\n`);

describe('statistics speed (ADR 0020)', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dispatch-statistics-speed-'));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeping the buckets costs each message a few microseconds of the read model’s writes (100k messages, QUEUED → SUBMITTED → DELIVERED)', async () => {
    const MESSAGES = 100_000;
    const BATCH = 500;
    const protection = ephemeralDataProtection();

    /** CPU µs per message of the three status writes, on a fresh file, with or without the buckets. */
    const run = async (name: string, withStatistics: boolean) => {
      const { db, readModels } = openDispatchDatabase(join(dir, `${name}.db`));
      const messages = new SqliteMessageReadModel(db, protection);
      const statistics = withStatistics ? new SqliteStatisticsStore(db) : undefined;
      if (statistics) messages.feedChangesTo(statistics.feed);
      const start = Date.parse('2026-11-23T10:00:00.000Z');
      const batches = Array.from({ length: MESSAGES / BATCH }, (_, b) => Array.from({ length: BATCH }, (_, i) => `m-${b}-${i}`));
      for (const [b, ids] of batches.entries()) {
        await readModels.transaction(() => messages.insertBatches([batchOf(`b-${b}`, ids, { acceptedAt: new Date(start + b * 1_000).toISOString(), templateId: `tpl-${b % 20}` })]));
      }
      let cpu = 0;
      const timed = async (updates: StatusUpdate[]) => {
        const before = process.cpuUsage();
        await readModels.transaction(() => messages.advance(updates));
        const used = process.cpuUsage(before);
        cpu += used.user + used.system;
      };
      for (const [b, ids] of batches.entries()) {
        const submittedAt = new Date(start + b * 1_000 + 400).toISOString();
        await timed(ids.map((messageId) => ({ messageId, status: 'QUEUED', channelId: 'smpp-default' })));
        await timed(ids.map((messageId, i) => ({ messageId, status: 'SUBMITTED', submittedAt, operatorMessageIds: [`op-${i}`], channelId: 'smpp-default' })));
        await timed(ids.map((messageId, i) => ({ messageId, status: 'DELIVERED', doneAt: new Date(start + b * 1_000 + 400 + ((i * 37) % 5_000)).toISOString() })));
      }
      const delivered = statistics
        ? statisticsRows('kind', await statistics.totals({ accountId: 'acc-1', fromHour: Math.floor(start / HOUR), toHour: Math.floor(start / HOUR) + 48, groupBy: 'kind' }))[0]
            ?.delivered
        : undefined;
      db.close();
      return { perMessageUs: cpu / MESSAGES, delivered };
    };

    // Alternating, twice each; the least of each is the figure (other processes share the machine).
    const without: number[] = [];
    const withBuckets: number[] = [];
    for (let round = 0; round < 2; round++) {
      without.push((await run(`without-${round}`, false)).perMessageUs);
      const measured = await run(`with-${round}`, true);
      expect(measured.delivered).toBe(MESSAGES);
      withBuckets.push(measured.perMessageUs);
    }
    const base = Math.min(...without);
    const fed = Math.min(...withBuckets);
    report(`read-model status writes, CPU per message (3 advances, batches of ${BATCH}): without buckets ${base.toFixed(1)} µs, with ${fed.toFixed(1)} µs, +${(fed - base).toFixed(1)} µs`);
    expect(fed - base).toBeLessThan(40);
  }, 300_000);

  it('answers a month of one account (10 million messages in ~500k hourly buckets) by every dimension well under a second', async () => {
    const { db } = openDispatchDatabase(join(dir, 'month.db'));
    new SqliteMessageReadModel(db, ephemeralDataProtection());
    const statistics = new SqliteStatisticsStore(db);

    // A sender's month: 50 templates (a few carry most of the traffic), three signatures' worth of kinds, seven
    // destinations (four domestic channels, three countries abroad), eight outcomes at realistic rates, ~13,900
    // messages an hour; each (hour, template, destination, outcome) that occurs is one bucket.
    const HOURS = 30 * 24;
    const TOTAL = 10_000_000;
    const firstHour = Math.floor(Date.parse('2026-10-01T00:00:00Z') / HOUR);
    const templates = Array.from({ length: 50 }, (_, i) => ({ id: `tpl-${i}`, kind: ['verification', 'notification', 'marketing'][i % 3], signature: `sig-${i % 5}`, weight: 1 / (i + 1) }));
    const weights = templates.reduce((sum, t) => sum + t.weight, 0);
    const destinations: Array<[string, string, string, number]> = [
      ['CMCC', 'CN', 'cmpp-cmcc-1', 0.45],
      ['CMCC', 'CN', 'cmpp-cmcc-2', 0.05],
      ['CUCC', 'CN', 'sgip-cucc', 0.25],
      ['CTCC', 'CN', 'smgp-ctcc', 0.2],
      ['INTERNATIONAL', 'US', 'smpp-intl', 0.02],
      ['INTERNATIONAL', 'GB', 'smpp-intl', 0.015],
      ['INTERNATIONAL', 'SG', 'smpp-intl', 0.015],
    ];
    const outcomes: Array<[string, string, number, boolean]> = [
      ['DELIVERED', '', 0.95, true],
      ['UNDELIVERED', '', 0.02, true],
      ['EXPIRED', 'RECEIPT_TIMEOUT', 0.005, true],
      ['FAILED', 'SUBMIT_FAILED', 0.008, false],
      ['FAILED', 'NO_ROUTE', 0.002, false],
      ['FAILED', 'REJECTD', 0.005, true],
      ['REJECTED', 'INSUFFICIENT_BALANCE', 0.005, false],
      ['BLOCKED', 'CONTENT_BLOCKED', 0.005, false],
    ];
    let seed = 42;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff) / 0x7fffffff);
    const poisson = (mean: number) => {
      if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * (random() + random() + random() - 1.5) * 2));
      const limit = Math.exp(-mean);
      let k = 0;
      for (let p = random(); p > limit; p *= random()) k++;
      return k;
    };
    const latencyColumns = Array.from({ length: LATENCY_BINS }, (_, bin) => `l${bin}`);
    const columns = ['account_id', 'hour', 'kind', 'template_id', 'signature_id', 'operator', 'country_code', 'channel_id', 'status', 'reason', 'messages', 'submitted', 'segments', 'billed_segments', ...latencyColumns];
    const insert = db.prepare(`INSERT INTO statistics_hours (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
    let buckets = 0;
    let messages = 0;
    const loadStarted = Date.now();
    db.exec('BEGIN');
    for (let h = 0; h < HOURS; h++) {
      for (const t of templates) {
        for (const [operator, country, channel, share] of destinations) {
          const mean = (TOTAL / HOURS) * (t.weight / weights) * share;
          for (const [status, reason, rate, submitted] of outcomes) {
            const n = poisson(mean * rate);
            if (n === 0) continue;
            const segments = t.kind === 'marketing' ? 2 : 1;
            const latency = new Array<number>(LATENCY_BINS).fill(0);
            if (status === 'DELIVERED') for (let i = 0; i < n; i++) latency[latencyBin(Math.exp(Math.log(3_000) + (random() + random() + random() - 1.5) * 2.5))]++;
            insert.run('acc-1', firstHour + h, t.kind, t.id, t.signature, operator, country, channel, status, reason, n, submitted ? n : 0, n * segments, submitted ? n * segments : 0, ...latency);
            buckets++;
            messages += n;
          }
        }
      }
    }
    // The rollups, as the feed would have kept them.
    const sums = ['messages', 'submitted', 'segments', 'billed_segments', ...latencyColumns].map((c) => `SUM(${c})`).join(', ');
    db.exec(`INSERT INTO statistics_days SELECT account_id, hour / 24, kind, template_id, signature_id, operator, country_code, channel_id, status, reason, ${sums}
             FROM statistics_hours GROUP BY account_id, hour / 24, kind, template_id, signature_id, operator, country_code, channel_id, status, reason`);
    db.exec(`INSERT INTO statistics_timeline SELECT account_id, hour, status, reason, ${sums} FROM statistics_hours GROUP BY account_id, hour, status, reason`);
    db.exec('COMMIT');
    const days = (db.prepare('SELECT count(*) AS n FROM statistics_days').get() as { n: number }).n;
    report(`loaded ${messages.toLocaleString('en')} messages as ${buckets.toLocaleString('en')} hourly buckets (${days.toLocaleString('en')} daily) in ${Date.now() - loadStarted} ms`);
    expect(messages).toBeGreaterThan(9_900_000);

    const period = { fromHour: firstHour, toHour: firstHour + HOURS };
    const figures: string[] = [];
    let slowest = 0;
    for (const groupBy of STATISTICS_DIMENSIONS) {
      for (const accountId of ['acc-1', undefined]) {
        const started = process.hrtime.bigint();
        const rows = statisticsRows(groupBy, await statistics.totals({ ...period, groupBy, ...(accountId ? { accountId } : {}) }));
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        slowest = Math.max(slowest, ms);
        if (accountId) figures.push(`${groupBy} ${ms.toFixed(0)} ms (${rows.length} rows)`);
        expect(rows.reduce((sum, r) => sum + r.delivered + r.undelivered + r.failed, 0)).toBe(messages);
      }
    }
    // The same month, but from and to mid-day: whole days from the daily table, the hours at both ends from the hourly one.
    const started = process.hrtime.bigint();
    statisticsRows('template', await statistics.totals({ accountId: 'acc-1', fromHour: firstHour + 13, toHour: firstHour + HOURS - 5, groupBy: 'template' }));
    const ragged = Number(process.hrtime.bigint() - started) / 1e6;
    report(`30 days by ${figures.join(', ')}; template from 13:00 to 19:00: ${ragged.toFixed(0)} ms; slowest (incl. every account): ${slowest.toFixed(0)} ms`);
    expect(Math.max(slowest, ragged)).toBeLessThan(1_000);
    db.close();
  }, 300_000);
});
