import { SqliteEventStore } from '@sms/event-store';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { eventCodec, jsonEventType } from '../core/codec';
import { applyOnce } from '../ports';
import { runProjection } from '../projection';
import { SqliteReadModelDatabase } from './sqlite-read-model-database';

const dir = () => mkdtempSync(join(tmpdir(), 'use-case-kit-'));

describe('SqliteReadModelDatabase (a real SQLite file)', () => {
  const open = (path: string) => {
    const db = new DatabaseSync(path);
    db.exec('CREATE TABLE IF NOT EXISTS totals (id TEXT PRIMARY KEY, n INTEGER NOT NULL)');
    return { db, rm: new SqliteReadModelDatabase(db) };
  };
  const add = (db: DatabaseSync, id: string, n: number) => db.prepare('INSERT INTO totals (id, n) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET n = n + excluded.n').run(id, n);
  const total = (db: DatabaseSync, id: string) => (db.prepare('SELECT n FROM totals WHERE id = ?').get(id) as { n: number } | undefined)?.n;

  it('applies a consumed event once: a redelivery changes nothing', async () => {
    const { db, rm } = open(join(dir(), 'rm.db'));
    expect(await applyOnce(rm, 'c1', 'e1', async () => void add(db, 'a', 1))).toBe(true);
    expect(await applyOnce(rm, 'c1', 'e1', async () => void add(db, 'a', 1))).toBe(false);
    expect(await applyOnce(rm, 'c2', 'e1', async () => void add(db, 'a', 1))).toBe(true); // another consumer
    expect(total(db, 'a')).toBe(2);
  });

  it('rolls the claim back with the changes when the work fails, so the retry applies it', async () => {
    const { db, rm } = open(join(dir(), 'rm.db'));
    await expect(
      applyOnce(rm, 'c1', 'e1', async () => {
        add(db, 'a', 1);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(total(db, 'a')).toBeUndefined();
    expect(await applyOnce(rm, 'c1', 'e1', async () => void add(db, 'a', 1))).toBe(true);
    expect(total(db, 'a')).toBe(1);
  });

  it('takes turns: concurrent units of work that await between statements never interleave', async () => {
    const { db, rm } = open(join(dir(), 'rm.db'));
    const seen: string[] = [];
    await Promise.all(
      ['x', 'y', 'z'].map((id) =>
        rm.transaction(async () => {
          seen.push(`begin ${id}`);
          add(db, id, 1);
          await new Promise((r) => setTimeout(r, 5));
          add(db, id, 1);
          seen.push(`end ${id}`);
        }),
      ),
    );
    expect(seen).toEqual(['begin x', 'end x', 'begin y', 'end y', 'begin z', 'end z']);
    expect([total(db, 'x'), total(db, 'y'), total(db, 'z')]).toEqual([2, 2, 2]);
  });

  it('commits units that queue up together, each in its own savepoint: a failing one rolls back alone', async () => {
    const { db, rm } = open(join(dir(), 'rm.db'));
    const results = await Promise.allSettled([
      rm.transaction(async () => void add(db, 'a', 1)),
      rm.transaction(async () => {
        add(db, 'b', 1);
        throw new Error('unit b fails');
      }),
      rm.transaction(async () => void add(db, 'c', 1)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect([total(db, 'a'), total(db, 'b'), total(db, 'c')]).toEqual([1, undefined, 1]);
  });

  it('settles a unit only once its commit is durable, visible to another connection', async () => {
    const path = join(dir(), 'rm.db');
    const { db, rm } = open(path);
    const other = new DatabaseSync(path);
    await Promise.all([1, 2, 3].map((n) => rm.transaction(async () => void add(db, `k${n}`, n))));
    expect((other.prepare('SELECT count(*) AS n FROM totals').get() as { n: number }).n).toBe(3);
  });

  it('joins an outer unit of work instead of deadlocking', async () => {
    const { db, rm } = open(join(dir(), 'rm.db'));
    await rm.transaction(async () => rm.transaction(async () => void add(db, 'a', 1)));
    expect(total(db, 'a')).toBe(1);
  });

  it('keeps checkpoints losslessly (positions beyond 64 bits)', async () => {
    const { rm } = open(join(dir(), 'rm.db'));
    expect(await rm.load('p')).toBeUndefined();
    await rm.save('p', 2n ** 70n);
    expect(await rm.load('p')).toBe(2n ** 70n);
  });
});

describe('runProjection (SQLite event store → SQLite read model)', () => {
  type Ev = { type: 'Added'; data: { id: string; n: number } };
  const codec = eventCodec<Ev>({ typeOf: (e) => e.type, types: [jsonEventType<Ev>('Added', 'test.Added.v1')] });

  it('applies committed events and their position in one unit of work, and resumes after a restart', async () => {
    const base = dir();
    const store = new SqliteEventStore(join(base, 'events.db'));
    const db = new DatabaseSync(join(base, 'rm.db'));
    db.exec('CREATE TABLE totals (id TEXT PRIMARY KEY, n INTEGER NOT NULL)');
    const rm = new SqliteReadModelDatabase(db);
    const projected: string[] = [];
    const start = () =>
      runProjection<Ev>({
        store,
        codec,
        name: 'totals',
        filter: { eventTypePrefixes: ['test.'] },
        db: rm,
        project: async (events) => {
          for (const { event } of events) {
            projected.push(`${event.data.id}:${event.data.n}`);
            db.prepare('INSERT INTO totals (id, n) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET n = n + excluded.n').run(event.data.id, event.data.n);
          }
        },
      });
    await store.appendToStream('s1', [
      { id: '6f1c5b8e-0000-4000-8000-000000000001', type: 'test.Added.v1', data: { id: 'a', n: 1 } },
      { id: '6f1c5b8e-0000-4000-8000-000000000002', type: 'other.Ignored.v1', data: {} },
    ]);
    let running = start();
    await running.caughtUp();
    await running.stop();
    await store.appendToStream('s1', [{ id: '6f1c5b8e-0000-4000-8000-000000000003', type: 'test.Added.v1', data: { id: 'a', n: 2 } }]);
    running = start();
    await running.caughtUp();
    await running.stop();
    expect(projected).toEqual(['a:1', 'a:2']);
    expect((db.prepare('SELECT n FROM totals WHERE id = ?').get('a') as { n: number }).n).toBe(3);
    expect(await rm.load('totals')).toBeGreaterThan(0n);
    await store.close();
  });
});
