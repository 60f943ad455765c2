import { InMemoryBalanceView, InMemoryReadModelDatabase } from '../../test-support';
import { PendingCharges } from '../application/pending-charges';
import { ProjectBalancesHandler } from './handler';

const report = (revision: number, availableMinor: number) => ({ accountId: 'acc-1', balanceMinor: availableMinor, availableMinor, revision, at: '2026-11-23T10:00:00.000Z' });
const version = (n: number, effectiveAt: string, unitPriceMinor: number) => ({
  version: n,
  currency: 'CNY',
  effectiveAt,
  publishedAt: '2026-10-01T00:00:00.000Z',
  prices: [{ kind: 'verification', country: 'CN', unitPriceMinor }],
});

describe('ProjectBalancesHandler', () => {
  let view: InMemoryBalanceView;
  let pending: PendingCharges;
  let handler: ProjectBalancesHandler;

  beforeEach(() => {
    view = new InMemoryBalanceView();
    pending = new PendingCharges(60_000);
    handler = new ProjectBalancesHandler(new InMemoryReadModelDatabase(), view, pending);
  });

  it('keeps the latest report per account: a redelivered or older one changes nothing', async () => {
    await handler.balance(report(3, 1_350));
    await handler.balance(report(5, 450));
    await handler.balance(report(4, 9_000));
    await handler.balance(report(5, 450));
    expect(await view.balanceOf('acc-1')).toEqual(report(5, 450));
  });

  it('lets go of what was held against an earlier report when a later one is kept, not when an older one arrives late', async () => {
    await handler.balance(report(3, 1_350));
    pending.hold('b-1', 'acc-1', 1_350, 3);
    await handler.balance(report(2, 1_350));
    await handler.balance(report(3, 1_350));
    expect(pending.of('acc-1')).toBe(1_350);
    // The reservation of b-1 (revision 4): the view shows it, so it is held no more — never counted twice.
    await handler.balance(report(4, 0));
    expect(pending.of('acc-1')).toBe(0);
  });

  it('keeps every price version, a redelivered one once', async () => {
    await handler.priceCatalogue(version(2, '2026-12-01T00:00:00.000Z', 480));
    await handler.priceCatalogue(version(1, '1970-01-01T00:00:00.000Z', 450));
    await handler.priceCatalogue(version(2, '2026-12-01T00:00:00.000Z', 480));
    expect((await view.priceVersions()).map((v) => [v.version, v.prices[0].unitPriceMinor])).toEqual([
      [1, 450],
      [2, 480],
    ]);
  });
});
