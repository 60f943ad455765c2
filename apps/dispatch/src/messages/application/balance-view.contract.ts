import type { UnitOfWork } from '@sms/use-case-kit';
import type { AccountBalanceEntry, BalanceView, PriceVersionEntry } from './balance-view';

/* One behavioural specification of the balance view, run by every adapter's spec. */

export interface BalanceViewFixture {
  repository: BalanceView;
  unitOfWork: UnitOfWork;
  /** The same store opened again (a restart): what a durable adapter is run with. */
  reopen?(): Promise<BalanceView>;
  close(): Promise<void>;
}

const balance = (revision: number, availableMinor: number, accountId = 'acc-1'): AccountBalanceEntry => ({
  accountId,
  balanceMinor: availableMinor + 450,
  availableMinor,
  revision,
  at: `2026-11-23T10:00:0${revision % 10}.000Z`,
});
const version = (n: number, effectiveAt: string, unitPriceMinor = 450): PriceVersionEntry => ({
  version: n,
  currency: 'CNY',
  effectiveAt,
  publishedAt: '2026-10-01T00:00:00.000Z',
  prices: [
    { kind: 'verification', country: 'CN', unitPriceMinor },
    { kind: 'international', country: 'GB', operator: 'VODAFONE', unitPriceMinor: 4000 },
  ],
});

export function balanceViewContract(name: string, factory: () => Promise<BalanceViewFixture>, options: { durable: boolean }): void {
  describe(`BalanceView contract: ${name}`, () => {
    let fixture: BalanceViewFixture;
    let view: BalanceView;
    const write = <T>(work: () => Promise<T>) => fixture.unitOfWork.transaction(work);

    beforeEach(async () => {
      fixture = await factory();
      view = fixture.repository;
    });

    afterEach(async () => {
      await fixture?.close();
    });

    it('knows no balance and no price it was not told', async () => {
      expect(await view.balanceOf('acc-1')).toBeUndefined();
      expect(await view.priceVersions()).toEqual([]);
    });

    it('keeps the report of the highest revision: an older or repeated one changes nothing and says so', async () => {
      expect(await write(() => view.saveBalance(balance(3, 900)))).toBe(true);
      expect(await write(() => view.saveBalance(balance(2, 5_000)))).toBe(false);
      expect(await write(() => view.saveBalance(balance(3, 900)))).toBe(false);
      expect(await view.balanceOf('acc-1')).toEqual(balance(3, 900));
      expect(await write(() => view.saveBalance(balance(4, -450)))).toBe(true);
      expect(await view.balanceOf('acc-1')).toEqual(balance(4, -450));
      // Accounts are apart.
      expect(await write(() => view.saveBalance(balance(1, 10, 'acc-2')))).toBe(true);
      expect(await view.balanceOf('acc-1')).toEqual(balance(4, -450));
      expect(await view.balanceOf('acc-2')).toEqual(balance(1, 10, 'acc-2'));
    });

    it('keeps every price version, ordered by effectiveAt then version, whatever order they came in; a version told twice once', async () => {
      await write(() => view.savePriceVersion(version(3, '2027-01-01T00:00:00.000Z', 500)));
      await write(() => view.savePriceVersion(version(1, '1970-01-01T00:00:00.000Z')));
      // Read between saves: a cached copy must see the next save.
      expect((await view.priceVersions()).map((v) => v.version)).toEqual([1, 3]);
      await write(() => view.savePriceVersion(version(2, '2026-12-01T00:00:00.000Z', 480)));
      await write(() => view.savePriceVersion(version(2, '2026-12-01T00:00:00.000Z', 480)));
      expect(await view.priceVersions()).toEqual([version(1, '1970-01-01T00:00:00.000Z'), version(2, '2026-12-01T00:00:00.000Z', 480), version(3, '2027-01-01T00:00:00.000Z', 500)]);
    });

    if (!options.durable) return;
    it('keeps what it was told across a restart', async () => {
      if (!fixture.reopen) throw new Error('a durable adapter is run with reopen()');
      await write(async () => {
        await view.saveBalance(balance(7, 1_350));
        await view.savePriceVersion(version(1, '1970-01-01T00:00:00.000Z'));
      });
      const reopened = await fixture.reopen();
      expect(await reopened.balanceOf('acc-1')).toEqual(balance(7, 1_350));
      expect(await reopened.priceVersions()).toEqual([version(1, '1970-01-01T00:00:00.000Z')]);
    });
  });
}
