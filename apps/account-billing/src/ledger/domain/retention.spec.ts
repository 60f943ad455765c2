import { DAY_MS, retentionDue } from './retention';

const EPOCH = 30 * DAY_MS;
const policy = { defaultRetentionMs: 180 * DAY_MS, epochMs: EPOCH };
/** Epoch boundaries are multiples of the epoch since 1970. */
const boundary = (n: number) => new Date(n * EPOCH);

describe('retentionDue', () => {
  const account = { accountId: 'acc-1', openedAt: boundary(600).toISOString() };

  it('is nothing while no epoch of the account ended more than its period ago', () => {
    // Opened at the start of epoch 600; epoch 600 ends at 601, and 180 days (6 epochs) later it is due.
    expect(retentionDue(account, new Date(boundary(606).getTime() + DAY_MS), policy)).toBeUndefined();
    expect(retentionDue(account, new Date(boundary(607).getTime() - 1), policy)).toBeUndefined();
  });

  it('answers the start of the epoch the cutoff falls in: every epoch before it ended more than the period ago', () => {
    expect(retentionDue(account, boundary(607), policy)).toEqual(boundary(601));
    expect(retentionDue(account, new Date(boundary(607).getTime() + 29 * DAY_MS), policy)).toEqual(boundary(601));
    expect(retentionDue(account, new Date(boundary(620).getTime() + 5), policy)).toEqual(boundary(614));
  });

  it('announces a boundary once: nothing is due again until the next epoch has aged too', () => {
    const erased = { ...account, erasedBefore: boundary(601).toISOString() };
    expect(retentionDue(erased, new Date(boundary(607).getTime() + 10 * DAY_MS), policy)).toBeUndefined();
    expect(retentionDue(erased, boundary(608), policy)).toEqual(boundary(602));
  });

  it("takes the account's own period over the platform's", () => {
    const short = { ...account, retentionDays: 30 };
    expect(retentionDue(short, boundary(602), policy)).toEqual(boundary(601));
    expect(retentionDue({ ...account, retentionDays: 3650 }, boundary(700), policy)).toBeUndefined();
  });

  it('works in seconds as well (the settings tests use)', () => {
    const seconds = { defaultRetentionMs: 6_000, epochMs: 2_000 };
    const opened = { accountId: 'acc-1', openedAt: new Date(1_000_000).toISOString() };
    expect(retentionDue(opened, new Date(1_007_999), seconds)).toBeUndefined();
    expect(retentionDue(opened, new Date(1_008_000), seconds)).toEqual(new Date(1_002_000));
  });
});
