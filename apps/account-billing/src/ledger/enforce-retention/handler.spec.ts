import { InMemoryEventStore } from '@sms/event-store';
import { deterministicId } from '@sms/service-kit';
import { accountCommands } from '../application/command-handlers';
import type { RetentionSchedule } from '../application/retention-schedule';
import { decide } from '../domain/account.decider';
import { type AccountEvent, accountStream } from '../domain/account.events';
import type { RetainedAccount } from '../domain/retention';
import { accountEventCodec } from '../../account-billing.codec';
import { EnforceRetentionHandler } from './handler';

/** The schedule as the projection would keep it, in memory. */
class ScheduleInMemory implements RetentionSchedule {
  readonly rows = new Map<string, RetainedAccount & { erased?: boolean }>();
  async opened(accountId: string, openedAt: string) {
    if (!this.rows.has(accountId)) this.rows.set(accountId, { accountId, openedAt });
  }
  async retentionSet(accountId: string, days: number | undefined) {
    const row = this.rows.get(accountId);
    if (row) this.rows.set(accountId, { ...row, retentionDays: days });
  }
  async retentionErased(accountId: string, before: string) {
    const row = this.rows.get(accountId);
    if (row && (!row.erasedBefore || row.erasedBefore < before)) row.erasedBefore = before;
  }
  async erased(accountId: string) {
    const row = this.rows.get(accountId);
    if (row) row.erased = true;
  }
  async accounts(after: string | undefined, limit: number) {
    return [...this.rows.values()]
      .filter((r) => !r.erased && r.accountId > (after ?? ''))
      .sort((a, b) => a.accountId.localeCompare(b.accountId))
      .slice(0, limit)
      .map(({ erased: _erased, ...row }) => Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined)) as unknown as RetainedAccount);
  }
}

const SECOND = 1000;
/** Epochs of 10 s and a platform retention of 30 s, as a test would set them. */
const policy = { defaultRetentionMs: 30 * SECOND, epochMs: 10 * SECOND };
const T0 = Date.parse('2026-11-26T08:00:00.000Z');

describe('EnforceRetentionHandler', () => {
  async function fixture() {
    const store = new InMemoryEventStore();
    const accounts = accountCommands(store);
    const schedule = new ScheduleInMemory();
    let now = T0;
    const handler = new EnforceRetentionHandler(accounts, schedule, policy, { now: () => new Date(now) });
    const open = async (accountId: string, at: number) => {
      await accounts.handle(accountStream(accountId), (state) => decide({ type: 'OpenAccount', accountId, name: accountId, contactEmail: 'a@x.test', currency: 'CNY', at: new Date(at) }, state), {
        eventId: () => deterministicId(accountId, 'opened'),
      });
      await schedule.opened(accountId, new Date(at).toISOString());
    };
    const erasures = async (accountId: string) =>
      (await store.readStream(accountStream(accountId), { fromRevision: 'start', maxCount: 100 }))
        .map((recorded) => accountEventCodec.decode(recorded))
        .filter((event): event is Extract<AccountEvent, { type: 'AccountDataErased' }> => event.type === 'AccountDataErased')
        .map((event) => event.data);
    return { store, accounts, schedule, handler, open, erasures, at: (t: number) => (now = t) };
  }

  it('announces, per account, the epochs that ended more than its retention ago — once', async () => {
    const f = await fixture();
    await f.open('acc-a', T0);
    await f.open('acc-b', T0 + 25 * SECOND);
    f.at(T0 + 39 * SECOND);
    expect(await f.handler.handle()).toEqual([]);
    f.at(T0 + 40 * SECOND);
    expect(await f.handler.handle()).toEqual(['acc-a']);
    expect(await f.erasures('acc-a')).toEqual([
      { scope: 'retention', before: new Date(T0 + 10 * SECOND).toISOString(), reason: "retention period of 0.000347 days (the platform's) passed", erasedBy: 'retention', erasedAt: new Date(T0 + 40 * SECOND).toISOString() },
    ]);
    // The projection records it; asked again before the next epoch has aged, nothing new.
    await f.schedule.retentionErased('acc-a', new Date(T0 + 10 * SECOND).toISOString());
    f.at(T0 + 45 * SECOND);
    expect(await f.handler.handle()).toEqual([]);
    f.at(T0 + 60 * SECOND);
    expect((await f.handler.handle()).sort()).toEqual(['acc-a', 'acc-b']);
    expect((await f.erasures('acc-a')).map((e) => e.before)).toEqual([new Date(T0 + 10 * SECOND).toISOString(), new Date(T0 + 30 * SECOND).toISOString()]);
  });

  it('asked again before the projection caught up (or by another replica), appends nothing twice', async () => {
    const f = await fixture();
    await f.open('acc-a', T0);
    f.at(T0 + 40 * SECOND);
    expect(await f.handler.handle()).toEqual(['acc-a']);
    expect(await f.handler.handle()).toEqual([]);
    const replica = new EnforceRetentionHandler(accountCommands(f.store), f.schedule, policy, { now: () => new Date(T0 + 40 * SECOND) });
    expect(await replica.handle()).toEqual([]);
    expect(await f.erasures('acc-a')).toHaveLength(1);
  });

  it("takes the account's own period, and leaves erased accounts alone", async () => {
    const f = await fixture();
    await f.open('acc-long', T0);
    await f.schedule.retentionSet('acc-long', 1);
    await f.open('acc-gone', T0);
    await f.schedule.erased('acc-gone');
    f.at(T0 + 60 * SECOND);
    expect(await f.handler.handle()).toEqual([]);
    f.at(T0 + 86_400 * SECOND + 10 * SECOND);
    expect(await f.handler.handle()).toEqual(['acc-long']);
    expect((await f.erasures('acc-long'))[0].reason).toBe("retention period of 1 days (the account's) passed");
  });
});
