import { DEFAULT_FREQUENCY_LIMITS, FrequencyPolicy } from '../domain/frequency-limits';
import type { QuotaRequest, RecipientQuota } from './recipient-quota';

/* One behavioural specification of the recipient quota, run by every adapter's spec. */

export interface RecipientQuotaFixture {
  quota: RecipientQuota;
  close(): Promise<void>;
}

/** Builds a fresh adapter over `policy` (the default limits unless a case says otherwise). */
export type RecipientQuotaFactory = (policy: FrequencyPolicy) => Promise<RecipientQuotaFixture>;

const T0 = Date.parse('2026-11-23T10:00:00.000Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let batches = 0;
/** A request of a batch of its own unless `batchId` says otherwise. */
export const quotaRequest = (overrides: Partial<QuotaRequest> & { atMs?: number } = {}): QuotaRequest => {
  const { atMs, ...rest } = overrides;
  return { accountId: 'acc-1', batchId: `batch-${++batches}`, signatureId: 'sig-1', kind: 'verification', phoneNumbers: ['+8613800138000'], at: new Date(atMs ?? T0), ...rest };
};

export function recipientQuotaContract(name: string, factory: RecipientQuotaFactory): void {
  describe(`RecipientQuota contract: ${name}`, () => {
    let fixture: RecipientQuotaFixture | undefined;
    let quota: RecipientQuota;
    const close = async () => {
      await fixture?.close();
      fixture = undefined;
    };
    const open = async (limits = DEFAULT_FREQUENCY_LIMITS) => {
      await close();
      fixture = await factory(FrequencyPolicy.parse(limits));
      quota = fixture.quota;
    };

    beforeEach(() => open());
    afterEach(close);

    it('counts a verification code, refuses a second to that number within the minute (which limit, when it frees up), and passes it a minute later', async () => {
      expect(await quota.take(quotaRequest())).toEqual({ taken: ['+8613800138000'], limited: new Map() });
      const second = await quota.take(quotaRequest({ atMs: T0 + 59_999 }));
      expect(second.taken).toEqual([]);
      expect(second.limited.get('+8613800138000')).toEqual({ limit: 'verification 1/1m', freeAt: '2026-11-23T10:01:00.000Z' });
      // A sliding window: not the next clock minute, one minute after the counted send.
      expect((await quota.take(quotaRequest({ atMs: T0 + MINUTE }))).taken).toEqual(['+8613800138000']);
    });

    it('refuses the sixth code within an hour and the eleventh within a day, naming the limit that frees up last', async () => {
      for (let i = 0; i < 5; i++) expect((await quota.take(quotaRequest({ atMs: T0 + i * 2 * MINUTE }))).taken).toHaveLength(1);
      const sixth = await quota.take(quotaRequest({ atMs: T0 + 10 * MINUTE }));
      expect(sixth.limited.get('+8613800138000')).toEqual({ limit: 'verification 5/1h', freeAt: '2026-11-23T11:00:00.000Z' });
      for (let i = 0; i < 5; i++) expect((await quota.take(quotaRequest({ atMs: T0 + HOUR + i * 2 * MINUTE }))).taken).toHaveLength(1);
      const eleventh = await quota.take(quotaRequest({ atMs: T0 + 3 * HOUR }));
      expect(eleventh.limited.get('+8613800138000')).toEqual({ limit: 'verification 10/1d', freeAt: '2026-11-24T10:00:00.000Z' });
    });

    it('counts every kind together against *: 50 a day to one number under one signature', async () => {
      for (let i = 0; i < 50; i++) expect((await quota.take(quotaRequest({ kind: 'notification', atMs: T0 + i * 1000 }))).taken).toHaveLength(1);
      const notice = await quota.take(quotaRequest({ kind: 'notification', atMs: T0 + HOUR }));
      expect(notice.limited.get('+8613800138000')).toEqual({ limit: '* 50/1d', freeAt: '2026-11-24T10:00:00.000Z' });
      // A code too: the * limit counts the notices.
      expect((await quota.take(quotaRequest({ atMs: T0 + HOUR }))).limited.get('+8613800138000')?.limit).toBe('* 50/1d');
    });

    it('counts per number and per signature', async () => {
      await quota.take(quotaRequest());
      expect((await quota.take(quotaRequest({ phoneNumbers: ['+8613800138001'] }))).taken).toEqual(['+8613800138001']);
      expect((await quota.take(quotaRequest({ signatureId: 'sig-2' }))).taken).toEqual(['+8613800138000']);
    });

    it('takes a whole request at once: the numbers over a limit come back limited, the others are counted', async () => {
      await quota.take(quotaRequest({ phoneNumbers: ['+8613800138000', '+8613800138002'] }));
      const numbers = Array.from({ length: 1000 }, (_, i) => `+86139${String(i).padStart(8, '0')}`);
      const taken = await quota.take(quotaRequest({ phoneNumbers: ['+8613800138000', ...numbers, '+8613800138002'], atMs: T0 + 1000 }));
      expect([...taken.limited.keys()]).toEqual(['+8613800138000', '+8613800138002']);
      expect(taken.taken).toEqual(numbers);
    });

    it('gives back what a refused request took: the number passes again', async () => {
      await quota.take(quotaRequest({ batchId: 'refused' }));
      await quota.giveBack(quotaRequest({ batchId: 'refused' }));
      expect((await quota.take(quotaRequest({ batchId: 'sent', atMs: T0 + 1000 }))).taken).toEqual(['+8613800138000']);
      // Only that batch's send: another batch's stays counted.
      await quota.giveBack(quotaRequest({ batchId: 'refused' }));
      expect((await quota.take(quotaRequest({ atMs: T0 + 2000 }))).limited.size).toBe(1);
    });

    it('of two requests racing for one number under 1/min, exactly one passes', async () => {
      const race = await Promise.all([quota.take(quotaRequest()), quota.take(quotaRequest())]);
      expect(race.map((r) => r.taken.length).sort()).toEqual([0, 1]);
      expect(race.map((r) => r.limited.size).sort()).toEqual([0, 1]);
    });

    it('counts a batch once: its retry, even racing it, passes without counting again, and gives back nothing of the original', async () => {
      const race = await Promise.all([quota.take(quotaRequest({ batchId: 'b-1' })), quota.take(quotaRequest({ batchId: 'b-1' }))]);
      expect(race.map((r) => [r.taken.length, r.limited.size]).sort()).toEqual([[0, 0], [1, 0]]);
      const retry = await quota.take(quotaRequest({ batchId: 'b-1', atMs: T0 + 5000 }));
      expect(retry).toEqual({ taken: [], limited: new Map() });
      // Counted once: a minute later one more code passes, and then the 1/min limit holds again.
      expect((await quota.take(quotaRequest({ atMs: T0 + 60_000 }))).taken).toHaveLength(1);
      expect((await quota.take(quotaRequest({ atMs: T0 + 61_000 }))).limited.size).toBe(1);
    });

    it('does not count a kind no limit names', async () => {
      await open('verification:1/1m');
      for (let i = 0; i < 3; i++) expect((await quota.take(quotaRequest({ kind: 'notification' }))).taken).toEqual([]);
      expect((await quota.take(quotaRequest())).limited.size).toBe(0);
    });

    it('prunes the counters nothing counts any more, and only those', async () => {
      await quota.take(quotaRequest({ phoneNumbers: ['+8613800138000'] }));
      await quota.take(quotaRequest({ phoneNumbers: ['+8613800138001'], atMs: T0 + HOUR }));
      // A verification code counts for a day (10/1d, * 50/1d).
      expect(await quota.prune(new Date(T0 + 24 * HOUR - 1), 100)).toBe(0);
      expect(await quota.prune(new Date(T0 + 24 * HOUR), 100)).toBe(1);
      expect((await quota.take(quotaRequest({ phoneNumbers: ['+8613800138001'], atMs: T0 + HOUR + 1000 }))).limited.size).toBe(1);
    });

    it('forgets an erased account’s counters, not another’s', async () => {
      await quota.take(quotaRequest());
      await quota.take(quotaRequest({ accountId: 'acc-2', signatureId: 'sig-9' }));
      await quota.forget('acc-1');
      expect((await quota.take(quotaRequest({ atMs: T0 + 1000 }))).taken).toHaveLength(1);
      expect((await quota.take(quotaRequest({ accountId: 'acc-2', signatureId: 'sig-9', atMs: T0 + 1000 }))).limited.size).toBe(1);
    });
  });
}
