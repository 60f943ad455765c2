import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { IntegrationEvent } from './bus.port';
import { silentBusLogger } from './contract/bus.contract';
import { applyOnce, InMemoryProcessedEvents, SqliteProcessedEvents, type ProcessedEvents } from './idempotency';
import { InProcessBus } from './in-process/in-process-bus';

const event = (id: string, amount: number): IntegrationEvent => ({
  id,
  type: 'test.funds-added.v1',
  source: '/test',
  time: '2025-01-02T03:04:05Z',
  key: 'acc-1',
  data: { amount },
});

function inTransaction<T>(db: DatabaseSync, fn: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = fn();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}

describe('ProcessedEvents', () => {
  let dir: string;
  let db: DatabaseSync;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'processed-events-'));
    db = new DatabaseSync(join(dir, 'service.db'));
    db.exec('CREATE TABLE balance (account TEXT PRIMARY KEY, amount INTEGER NOT NULL)');
    db.exec(`INSERT INTO balance VALUES ('acc-1', 0)`);
  });

  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const balance = () => (db.prepare(`SELECT amount FROM balance WHERE account = 'acc-1'`).get() as { amount: number }).amount;

  it('applies an event delivered twice through the bus only once (SQLite, same transaction)', async () => {
    const processed = new SqliteProcessedEvents(db);
    const bus = new InProcessBus({ logger: silentBusLogger });
    let deliveries = 0;
    await bus.subscribe({
      groupId: 'billing',
      topics: ['funds'],
      handler: async (e) => {
        deliveries++;
        inTransaction(db, () =>
          applyOnce(processed, 'billing', e.id, () => {
            db.prepare(`UPDATE balance SET amount = amount + ? WHERE account = 'acc-1'`).run((e.data as { amount: number }).amount);
          }),
        );
      },
    });
    await bus.publish('funds', [event('e1', 100)]);
    await bus.publish('funds', [event('e1', 100), event('e2', 5)]); // an outbox republishing after a crash
    await bus.close();
    expect(deliveries).toBe(3);
    expect(balance()).toBe(105);
  });

  it('rolls the mark back with a failed effect, so the redelivery applies it', () => {
    const processed = new SqliteProcessedEvents(db);
    expect(() =>
      inTransaction(db, () =>
        applyOnce(processed, 'billing', 'e1', () => {
          db.prepare(`UPDATE balance SET amount = amount + 7 WHERE account = 'acc-1'`).run();
          throw new Error('crash mid-handler');
        }),
      ),
    ).toThrow('crash mid-handler');
    expect(processed.seen('billing', 'e1')).toBe(false);
    expect(balance()).toBe(0);
    const applied = inTransaction(db, () => applyOnce(processed, 'billing', 'e1', () => db.prepare(`UPDATE balance SET amount = amount + 7`).run()));
    expect(applied).toBe(true);
    expect(balance()).toBe(7);
  });

  it('survives reopening the database and prunes old ids', () => {
    let now = 1_000;
    new SqliteProcessedEvents(db, 'processed_events', () => now).mark('billing', 'old');
    now = 5_000;
    const processed = new SqliteProcessedEvents(db, 'processed_events', () => now);
    processed.mark('billing', 'new');
    expect(processed.seen('billing', 'old')).toBe(true);
    expect(processed.prune(new Date(2_000))).toBe(1);
    expect(processed.seen('billing', 'old')).toBe(false);
    expect(processed.seen('billing', 'new')).toBe(true);
  });

  it('rejects a table name that is not an identifier', () => {
    expect(() => new SqliteProcessedEvents(db, 'x; DROP TABLE balance')).toThrow(/invalid table name/);
  });

  describe.each<[string, () => ProcessedEvents]>([
    ['in memory', () => new InMemoryProcessedEvents()],
    ['SQLite', () => new SqliteProcessedEvents(db)],
  ])('%s', (_name, create) => {
    it('tracks ids per consumer', () => {
      const processed = create();
      expect(processed.claim('billing', 'e1')).toBe(true);
      expect(processed.claim('billing', 'e1')).toBe(false);
      expect(processed.seen('billing', 'e1')).toBe(true);
      expect(processed.seen('dispatch', 'e1')).toBe(false);
      processed.mark('dispatch', 'e1');
      processed.mark('dispatch', 'e1');
      expect(processed.seen('dispatch', 'e1')).toBe(true);
    });

    it('runs the effect once for repeated deliveries', () => {
      const processed = create();
      let runs = 0;
      const results = [1, 2, 3].map(() => applyOnce(processed, 'c', 'e1', () => void runs++));
      expect(results).toEqual([true, false, false]);
      expect(runs).toBe(1);
    });
  });
});
