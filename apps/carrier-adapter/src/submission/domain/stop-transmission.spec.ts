import { type AccountStanding, cancelledResult, haltReason, supersedes } from './stop-transmission';

describe('stopping transmission of a halted account (DOMAIN §3, §5; terms §7)', () => {
  it.each([
    ['ACTIVE', undefined],
    ['FROZEN', 'ACCOUNT_FROZEN'],
    ['SUSPENDED', 'ACCOUNT_SUSPENDED'],
    ['TERMINATING', 'ACCOUNT_TERMINATED'],
    ['TERMINATED', 'ACCOUNT_TERMINATED'],
  ] as const)('an account %s sends nothing for the reason %s', (status, reason) => {
    expect(haltReason(status)).toBe(reason);
  });

  describe('supersedes', () => {
    const known: AccountStanding = { accountId: 'acc-1', status: 'FROZEN', changedAt: '2026-11-23T10:00:00.000Z' };

    it('takes the first change seen, and one as recent or newer', () => {
      expect(supersedes(known, undefined)).toBe(true);
      expect(supersedes({ ...known, status: 'ACTIVE' }, known)).toBe(true);
      expect(supersedes({ ...known, status: 'ACTIVE', changedAt: '2026-11-23T10:00:00.001Z' }, known)).toBe(true);
    });

    it('drops an older one, comparing times rather than their spelling', () => {
      expect(supersedes({ ...known, status: 'ACTIVE', changedAt: '2026-11-23T09:59:59.999Z' }, known)).toBe(false);
      expect(supersedes({ ...known, status: 'ACTIVE', changedAt: '2026-11-23T11:59:00+02:00' }, known)).toBe(false);
    });
  });

  it('answers a cancelled message FAILED with nothing submitted (nothing billed), every segment counted failed, and why', () => {
    expect(cancelledResult({ messageId: 'm-1', batchId: 'b-1', accountId: 'acc-1', segments: 3 }, 'ACCOUNT_SUSPENDED', '2026-11-23T10:00:00.000Z')).toEqual({
      messageId: 'm-1',
      batchId: 'b-1',
      accountId: 'acc-1',
      status: 'FAILED',
      segmentsSubmitted: 0,
      segmentsFailed: 3,
      operatorMessageIds: [],
      submittedAt: '2026-11-23T10:00:00.000Z',
      errorCode: 'CANCELLED',
      cancelReason: 'ACCOUNT_SUSPENDED',
    });
  });
});
