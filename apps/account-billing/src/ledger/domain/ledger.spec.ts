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
      ['DEPOSIT', 1_000_000n, 1_000_000n, 0n],
      ['RESERVE', 1_350n, 1_000_000n, 1_350n],
      ['CAPTURE', -450n, 999_550n, 450n],
      ['RELEASE', 450n, 999_550n, 0n],
    ]);
    expect(entries[0].reference).toBe('r1');
    expect(entries[1]).toMatchObject({ batchIds: ['b1'], rejected: 1, revision: 2n });
    expect(entries[1].messageIds).toEqual(['m1', 'm2']);
    expect(entries[2]).toMatchObject({ batchKey: 'k1', messageIds: ['m1'] });
  });

  it('shows adjustments (±), service credits (+, naming the messages) and the refund at termination (−); captures name their batches', () => {
    const events: AccountEvent[] = [
      { type: 'FundsDeposited', data: { amountMinor: 10_000n, reference: 'r1', depositedAt: at } },
      { type: 'FundsReserved', data: { batchId: 'b1', items: [{ messageId: 'm1', segments: 1, unitPriceMinor: 450n, amountMinor: 450n }], rejected: [], totalMinor: 450n, reservedAt: at } },
      { type: 'FundsCaptured', data: { batchKey: 'k1', items: [{ messageId: 'm1', batchId: 'b1', segments: 1, amountMinor: 450n, releasedMinor: 0n }], capturedMinor: 450n, releasedMinor: 0n, capturedAt: at } },
      { type: 'FundsAdjusted', data: { amountMinor: -1_000n, reason: 'statement correction', reference: 'adj-1', adjustedBy: 'op', adjustedAt: at } },
      { type: 'ServiceCreditGranted', data: { amountMinor: 200n, items: [{ messageId: 'm1', amountMinor: 200n }], reason: 'outage', reference: 'cr-1', grantedBy: 'op', grantedAt: at } },
      { type: 'TerminationRequested', data: { basis: 'notice', reason: 'moving on', requestedBy: 'op', requestedAt: at, currency: 'CNY' } },
      { type: 'BalanceRefunded', data: { amountMinor: 8_750n, reason: 'termination', refundedAt: at } },
      { type: 'AccountTerminated', data: { basis: 'notice', reason: 'moving on', terminatedAt: at, currency: 'CNY' } },
    ];
    const totals: LedgerTotals = { balanceMinor: 0n, reservedMinor: 0n };
    const entries = events.map((e, i) => ledgerEntry(e, BigInt(i), totals)).filter((e) => e !== undefined);
    expect(entries.map((e) => [e.type, e.amountMinor, e.balanceAfterMinor])).toEqual([
      ['DEPOSIT', 10_000n, 10_000n],
      ['RESERVE', 450n, 10_000n],
      ['CAPTURE', -450n, 9_550n],
      ['ADJUSTMENT', -1_000n, 8_550n],
      ['CREDIT', 200n, 8_750n],
      ['REFUND', -8_750n, 0n],
    ]);
    expect(entries[2].batchIds).toEqual(['b1']);
    expect(entries[3]).toMatchObject({ reference: 'adj-1', reason: 'statement correction' });
    expect(entries[4]).toMatchObject({ reference: 'cr-1', messageIds: ['m1'] });
  });
});
