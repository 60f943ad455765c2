import type { AccountEvent } from './account.events';
import { ledgerEntry, type LedgerTotals } from './ledger';

const at = '2025-03-01T08:00:00.000Z';

describe('ledger entries', () => {
  it('replays running balance and reserved amounts entry by entry', () => {
    const events: AccountEvent[] = [
      { type: 'AccountOpened', data: { accountId: 'a', name: 'n', contactEmail: 'e@x.test', currency: 'CNY', openedAt: at } },
      { type: 'FundsDeposited', data: { amountMinor: 1_000_000n, reference: 'r1', depositedAt: at } },
      {
        type: 'FundsReserved',
        data: {
          batchId: 'b1',
          items: [
            { messageId: 'm1', segments: 2, unitPriceMinor: 450n, amountMinor: 900n },
            { messageId: 'm2', segments: 1, unitPriceMinor: 450n, amountMinor: 450n },
          ],
          rejected: [{ messageId: 'm3', code: 'INSUFFICIENT_BALANCE', detail: 'd' }],
          totalMinor: 1_350n,
          reservedAt: at,
        },
      },
      { type: 'FundsCaptured', data: { batchKey: 'k1', items: [{ messageId: 'm1', segments: 1, amountMinor: 450n, releasedMinor: 450n }], capturedMinor: 450n, releasedMinor: 450n, capturedAt: at } },
      { type: 'FundsReleased', data: { batchKey: 'k1', items: [{ messageId: 'm2', amountMinor: 450n, reason: 'SUBMIT_FAILED' }], releasedMinor: 450n, releasedAt: at } },
      { type: 'AccountSuspended', data: { kind: 'SECURITY', reason: 'burst', suspendedBy: 'security', suspendedAt: at, currency: 'CNY' } },
    ];
    const totals: LedgerTotals = { balanceMinor: 0n, reservedMinor: 0n };
    // A status change moves no money: it has no entry.
    const entries = events.map((e, i) => ledgerEntry(e, BigInt(i), totals)).filter((e) => e !== undefined);
    expect(entries.map((e) => [e.type, e.amountMinor, e.balanceAfterMinor, e.reservedAfterMinor])).toEqual([
      ['ACCOUNT_OPENED', 0n, 0n, 0n],
      ['DEPOSIT', 1_000_000n, 1_000_000n, 0n],
      ['RESERVATION', 1_350n, 1_000_000n, 1_350n],
      ['CAPTURE', -450n, 999_550n, 450n],
      ['RELEASE', 450n, 999_550n, 0n],
    ]);
    expect(entries[1].reference).toBe('r1');
    expect(entries[2]).toMatchObject({ batchId: 'b1', messages: 2, rejected: 1, revision: 2n });
    expect(entries[3]).toMatchObject({ batchKey: 'k1', messages: 1 });
  });
});
