import { ephemeralDataProtection } from '@sms/data-protection';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { quotaRequest, recipientQuotaContract } from '../application/recipient-quota.contract';
import { DEFAULT_FREQUENCY_LIMITS, FrequencyPolicy } from '../domain/frequency-limits';
import { openDispatchDatabase } from './dispatch-database';
import { SqliteRecipientQuota } from './sqlite-recipient-quota';

recipientQuotaContract('SQLite', async (policy) => {
  const { db, readModels } = openDispatchDatabase(':memory:');
  return { quota: new SqliteRecipientQuota(db, readModels, ephemeralDataProtection().blindIndex, policy), close: async () => db.close() };
});

/** Whether any byte of the file or its WAL spells `text`. */
const onDisk = (path: string, text: string) => [path, `${path}-wal`].some((file) => existsSync(file) && readFileSync(file).includes(text));

describe('SqliteRecipientQuota in dispatch’s read-model file', () => {
  const policy = FrequencyPolicy.parse(DEFAULT_FREQUENCY_LIMITS);
  const { blindIndex } = ephemeralDataProtection();
  let dir: string;
  let path: string;
  const open = () => {
    const sqlite = openDispatchDatabase(path);
    return { ...sqlite, quota: new SqliteRecipientQuota(sqlite.db, sqlite.readModels, blindIndex, policy) };
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dispatch-quota-'));
    path = join(dir, 'dispatch.db');
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the counts across a restart', async () => {
    const first = open();
    expect((await first.quota.take(quotaRequest())).taken).toHaveLength(1);
    first.db.close();
    const second = open();
    expect((await second.quota.take(quotaRequest({ at: new Date('2026-11-23T10:00:30.000Z') }))).limited.get('+8613800138000')).toMatchObject({ limit: 'verification 1/1m' });
    second.db.close();
  });

  it('lets exactly one of many racing requests for one number through a 1/min limit, also while other units of work share the file', async () => {
    const { db, readModels, quota } = open();
    const other = new SqliteRecipientQuota(db, readModels, blindIndex, policy);
    const busy = readModels.transaction(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
    });
    const race = await Promise.all([busy, ...Array.from({ length: 10 }, (_, i) => (i % 2 ? quota : other).take(quotaRequest()))]);
    expect(race.slice(1).filter((r) => r && r.taken.length === 1)).toHaveLength(1);
    db.close();
  });

  it('stores no number, not even as its own blind index: a row is keyed by the blind index of (signature, number)', async () => {
    const { db, quota } = open();
    await quota.take(quotaRequest({ phoneNumbers: ['+8613800138000', '+447400123456'] }));
    const rows = db.prepare('SELECT CAST(id AS TEXT) AS id, account_id, sends, expires FROM recipient_quota').all() as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual({ id: expect.stringMatching(/^-?\d+$/), account_id: 'acc-1', sends: expect.stringMatching(/^[0-9a-z]+V[0-9a-z]+$/), expires: expect.any(Number) });
    db.close();
    for (const text of ['13800138000', '7400123456', blindIndex.of('+8613800138000'), blindIndex.of('+447400123456')]) expect(onDisk(path, text)).toBe(false);
  });

  it('sweeps the whole key space when it prunes and when it forgets an account, a slice per unit of work', async () => {
    const { db, quota } = open();
    const numbers = Array.from({ length: 2000 }, (_, i) => `+86139${String(i).padStart(8, '0')}`);
    await quota.take(quotaRequest({ phoneNumbers: numbers }));
    await quota.take(quotaRequest({ accountId: 'acc-2', signatureId: 'sig-2', phoneNumbers: numbers }));
    const count = () => (db.prepare('SELECT count(*) AS n FROM recipient_quota').get() as { n: number }).n;
    // A small limit stops the sweep part of the way round; the next call goes on from there.
    const first = await quota.prune(new Date('2026-11-24T10:00:00.000Z'), 10);
    expect(first).toBeGreaterThanOrEqual(10);
    expect(first).toBeLessThan(4000);
    let pruned = first;
    for (let round = 0; round < 1000 && pruned < 4000; round++) pruned += await quota.prune(new Date('2026-11-24T10:00:00.000Z'), 10);
    expect([pruned, count()]).toEqual([4000, 0]);

    await quota.take(quotaRequest({ phoneNumbers: numbers }));
    await quota.take(quotaRequest({ accountId: 'acc-2', signatureId: 'sig-2', phoneNumbers: numbers }));
    await quota.forget('acc-2');
    expect(count()).toBe(2000);
    expect((db.prepare('SELECT DISTINCT account_id FROM recipient_quota').all() as Array<{ account_id: string }>).map((r) => r.account_id)).toEqual(['acc-1']);
    db.close();
  });

  it('reads and writes a 1,000-number request in two statements, whatever the count', async () => {
    const { db, readModels } = open();
    let statements = 0;
    // Every statement the adapter prepares, counted when it runs.
    const counting = new Proxy(db, {
      get: (target, property) =>
        property === 'prepare'
          ? (sql: string) => {
              const statement = target.prepare(sql);
              const count = (run: (...args: any[]) => unknown) => (...args: any[]) => (statements++, run.apply(statement, args));
              return { all: count(statement.all), run: count(statement.run), get: count(statement.get), setReadBigInts: statement.setReadBigInts.bind(statement) };
            }
          : (Reflect.get(target, property, target) as (...args: unknown[]) => unknown).bind(target),
    }) as typeof db;
    const quota = new SqliteRecipientQuota(counting, readModels, blindIndex, policy);
    const numbers = Array.from({ length: 1000 }, (_, i) => `+86139${String(i).padStart(8, '0')}`);
    expect((await quota.take(quotaRequest({ phoneNumbers: numbers }))).taken).toHaveLength(1000);
    expect(statements).toBe(2);
    statements = 0;
    expect((await quota.take(quotaRequest({ phoneNumbers: numbers, at: new Date('2026-11-23T10:00:10.000Z') }))).limited.size).toBe(1000);
    // Refused numbers whose logs did not change are not written back.
    expect(statements).toBe(1);
    db.close();
  });
});
