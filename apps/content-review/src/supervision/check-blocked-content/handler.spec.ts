import { ephemeralDataProtection } from '@sms/data-protection';
import { InMemoryEventStore } from '@sms/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BatchScreened } from '../../screening/domain/batch-screening';
import { createViolations, type Violations } from '../application/violations';
import { violationStream } from '../domain/events';
import { openBlockedContentCounts } from '../infrastructure/sqlite-blocked-content-counts';
import { RecordViolationHandler } from '../record-violation/handler';
import { ResolveViolationHandler } from '../resolve-violation/handler';
import { BLOCKED_CONTENT_RECORDER, blockedContentViolationId, CheckBlockedContentHandler, countsOf } from './handler';

const settings = { windowHours: 24, minCount: 4, ratePermille: 500 };
let now = new Date('2026-03-01T08:00:00.000Z');
const clock = { now: () => now };

let batchNo = 0;
/** A batch of the account screened at `at`: `blocked` gambling messages (one also fraud), `cleared` cleared ones. */
const batch = (accountId: string, blocked: number, cleared: number, at = now): BatchScreened => {
  batchNo += 1;
  return {
    batchId: `b-${batchNo}`,
    accountId,
    kind: 'marketing',
    screenedAt: at.toISOString(),
    cleared: Array.from({ length: cleared }, (_, i) => ({ messageId: `b-${batchNo}-c${i}`, segments: 1, countryCode: 'CN', operator: 'CMCC' })),
    blocked: Array.from({ length: blocked }, (_, i) => ({ messageId: `b-${batchNo}-x${i}`, category: 'gambling', terms: i === 0 ? ['赌博', '百家乐', '赌博'] : ['赌博'] })),
    held: [],
  };
};

describe('CheckBlockedContentHandler (blocked content → violation, by rate; SQLite file, in-memory event store)', () => {
  let dir: string;
  let closeDb: () => void;
  let store: InMemoryEventStore;
  let violations: Violations;
  let handler: CheckBlockedContentHandler;
  let resolve: ResolveViolationHandler;
  let ring: ReturnType<typeof ephemeralDataProtection>['ring'];

  beforeEach(() => {
    now = new Date('2026-03-01T08:00:00.000Z');
    dir = mkdtempSync(join(tmpdir(), 'blocked-content-'));
    ({ ring } = ephemeralDataProtection());
    const opened = openBlockedContentCounts(join(dir, 'content-review.db'));
    closeDb = opened.close;
    store = new InMemoryEventStore();
    violations = createViolations(store, ring);
    handler = new CheckBlockedContentHandler(opened.counts, settings, violations, clock, new RecordViolationHandler(violations, clock));
    resolve = new ResolveViolationHandler(violations, clock);
  });

  afterEach(async () => {
    await store.close();
    closeDb();
    rmSync(dir, { recursive: true, force: true });
  });

  const violationOf = async (accountId: string, n: number) => (await violations.load(violationStream(blockedContentViolationId(accountId, n)))).state;

  it('counts a batch without text or numbers: screened, blocked, categories and distinct terms per message', () => {
    const b = batch('acc', 2, 3);
    expect(countsOf({ ...b, held: [{ messageId: 'h', category: 'fraud', terms: [] }] })).toEqual({
      batchId: b.batchId,
      accountId: 'acc',
      screened: 6,
      blocked: 2,
      categories: { gambling: 2 },
      terms: { 赌博: 2, 百家乐: 1 },
      screenedAt: b.screenedAt,
    });
  });

  it('records one BLOCKED_CONTENT violation when the window crosses both thresholds, and no second while it is open', async () => {
    expect(await handler.handle(batch('acc-1', 0, 10))).toBe('no-blocks');
    expect(await handler.handle(batch('acc-1', 3, 0))).toBe('below'); // 3 < 4 blocked
    expect(await handler.handle(batch('acc-1', 1, 0))).toBe('below'); // 4 blocked of 14: 286 ‰ < 500 ‰
    expect(await violationOf('acc-1', 0)).toBeNull();
    const crossing = batch('acc-1', 6, 0);
    expect(await handler.handle(crossing)).toBe('recorded'); // 10 of 20: 500 ‰
    expect(await violationOf('acc-1', 0)).toMatchObject({
      accountId: 'acc-1',
      category: 'gambling',
      origin: 'BLOCKED_CONTENT',
      recordedBy: BLOCKED_CONTENT_RECORDER,
      status: 'OPEN',
      evidence: '10 of 20 screened messages blocked in 24 h (500 ‰; thresholds 4 messages and 500 ‰); by category: gambling 10; terms: 赌博 (10), 百家乐 (3)',
    });
    // More blocks, and the same batch delivered again: nothing more.
    expect(await handler.handle(batch('acc-1', 8, 0))).toBe('already-open');
    expect(await handler.handle(crossing)).toBe('already-open');
    expect(await violationOf('acc-1', 1)).toBeNull();
    expect((await violations.load(violationStream(blockedContentViolationId('acc-1', 0)))).revision).toBe(0n);
  });

  it('after the open violation is resolved, a new breach (of blocks after the resolution) records the next one', async () => {
    expect(await handler.handle(batch('acc-2', 5, 0))).toBe('recorded');
    const first = blockedContentViolationId('acc-2', 0);
    expect(await violationOf('acc-2', 0)).toMatchObject({ violationId: first, status: 'OPEN' });
    now = new Date(now.getTime() + 60_000);
    await resolve.handle({ violationId: first, outcome: 'reinstate', reason: 'lists cleaned', by: 'reviewer-1' });
    now = new Date(now.getTime() + 60_000);
    // The five blocks before the reinstatement are not counted again: 3 new ones are below the minimum.
    expect(await handler.handle(batch('acc-2', 3, 0))).toBe('below');
    expect(await handler.handle(batch('acc-2', 2, 0))).toBe('recorded');
    expect(await violationOf('acc-2', 1)).toMatchObject({ origin: 'BLOCKED_CONTENT', status: 'OPEN' });
    expect(await handler.handle(batch('acc-2', 5, 0))).toBe('already-open');
  });

  it('counts only the rolling window, and judges no batch screened longer ago than the window (a replay)', async () => {
    const old = new Date(now.getTime() - 25 * 3600 * 1000);
    expect(await handler.handle(batch('acc-3', 10, 0, old))).toBe('stale');
    // The old blocks are outside the window of a batch screened now: 3 blocked is below the minimum.
    expect(await handler.handle(batch('acc-3', 3, 0))).toBe('below');
    // Another account's blocks never count for this one.
    expect(await handler.handle(batch('acc-4', 3, 0))).toBe('below');
    expect(await handler.handle(batch('acc-3', 1, 0))).toBe('recorded');
    expect((await violationOf('acc-3', 0))?.evidence).toMatch(/^4 of 4 screened messages blocked/);
  });

  it("skips an erased account's breach (its key is destroyed) instead of failing the subscription", async () => {
    ring.destroy('acc-5');
    expect(await handler.handle(batch('acc-5', 5, 0))).toBe('erased');
    expect(await violationOf('acc-5', 0)).toBeNull();
  });
});
