import { ephemeralDataProtection } from '@sms/data-protection';
import { PERSONAL_DATA_DESTROYED, UnknownEventTypeError } from '@sms/use-case-kit/core';
import { accountBillingCodec, accountEventCodec, catalogueEventCodec, protectedAccountBillingCodecs, refusedReservationEventCodec } from './account-billing.codec';
import type { AccountEvent } from './ledger/domain/account.events';
import type { ReservationRefused } from './ledger/domain/refused-reservations';
import { type CatalogueVersion, DEFAULT_CATALOGUE, type PriceCataloguePublished } from './pricing/domain/price-catalogue';

const ISO = '2025-03-01T08:00:00.000Z';
const PRICE = 450n;

const opened: AccountEvent = {
  type: 'AccountOpened',
  data: { accountId: 'acc-1', name: 'Acme', contactEmail: 'ops@acme.test', currency: 'CNY', openedAt: '2025-01-01T00:00:00.000Z' },
};
const deposited = (amountMinor: bigint, reference = 'dep-1'): AccountEvent => ({
  type: 'FundsDeposited',
  data: { amountMinor, reference, depositedAt: '2025-01-02T00:00:00.000Z' },
});
const reserved: AccountEvent = {
  type: 'FundsReserved',
  data: {
    batchId: 'b1',
    items: [{ messageId: 'm1', segments: 2, unitPriceMinor: PRICE, amountMinor: 2n * PRICE }],
    rejected: [{ messageId: 'm2', code: 'INSUFFICIENT_BALANCE', detail: 'd' }],
    totalMinor: 2n * PRICE,
    reservedAt: ISO,
  },
};
const published = (version: CatalogueVersion): PriceCataloguePublished => ({ type: 'PriceCataloguePublished', data: { ...version, publishedAt: '2025-01-01T00:00:00.000Z' } });
/** What the store hands back: the JSON form, as every adapter stores it. */
const stored = (encoded: { type: string; data: unknown }) => JSON.parse(JSON.stringify(encoded)) as { type: string; data: unknown };

describe('account-billing event codec', () => {
  it('round-trips every account event through the stored (JSON) form without losing a minor unit', () => {
    const huge = 9_007_199_254_740_993n * 10_000n; // beyond Number.MAX_SAFE_INTEGER
    const events: AccountEvent[] = [
      opened,
      deposited(huge, 'big'),
      reserved,
      // A reviewer's release (ADR 0036): the reservation's own once-only key is stored with it.
      { ...reserved, data: { ...reserved.data, key: 'review:m1' } } as AccountEvent,
      { type: 'FundsCaptured', data: { batchKey: 'k', items: [{ messageId: 'm1', segments: 1, amountMinor: 450n, releasedMinor: 450n }], capturedMinor: 450n, releasedMinor: 450n, capturedAt: ISO } },
      { type: 'FundsReleased', data: { batchKey: 'k', items: [{ messageId: 'm9', amountMinor: 1n, reason: 'SUBMIT_FAILED', errorCode: 'E' }], releasedMinor: 1n, releasedAt: ISO } },
    ];
    for (const event of events) {
      expect(accountBillingCodec.decode(stored(accountBillingCodec.encode(event)))).toEqual(event);
      expect(accountEventCodec.decode(stored(accountEventCodec.encode(event)))).toEqual(event);
    }
    expect((accountBillingCodec.encode(deposited(huge)).data as { amountMinor: unknown }).amountMinor).toBe('90071992547409930000');
  });

  it('keeps the stored type strings existing data was written with', () => {
    const types = (events: Array<Parameters<typeof accountBillingCodec.encode>[0]>) => events.map((e) => accountBillingCodec.encode(e).type);
    expect(
      types([
        opened,
        deposited(1n),
        reserved,
        { type: 'FundsCaptured', data: { batchKey: 'k', items: [], capturedMinor: 0n, releasedMinor: 0n, capturedAt: ISO } },
        { type: 'FundsReleased', data: { batchKey: 'k', items: [], releasedMinor: 0n, releasedAt: ISO } },
        published(DEFAULT_CATALOGUE),
        { type: 'ReservationRefused', data: { accountId: 'a', batchId: 'b', rejected: [], refusedAt: ISO } },
      ]),
    ).toEqual([
      'account-billing.AccountOpened.v1',
      'account-billing.FundsDeposited.v1',
      'account-billing.FundsReserved.v1',
      'account-billing.FundsCaptured.v1',
      'account-billing.FundsReleased.v1',
      'account-billing.PriceCataloguePublished.v1',
      'account-billing.ReservationRefused.v1',
    ]);
  });

  it('stores money as decimal strings of minor units and leaves an absent errorCode out', () => {
    expect(accountBillingCodec.encode(reserved).data).toEqual({
      batchId: 'b1',
      items: [{ messageId: 'm1', segments: 2, unitPriceMinor: '450', amountMinor: '900' }],
      rejected: [{ messageId: 'm2', code: 'INSUFFICIENT_BALANCE', detail: 'd' }],
      totalMinor: '900',
      reservedAt: ISO,
    });
    const released: AccountEvent = { type: 'FundsReleased', data: { batchKey: 'k', items: [{ messageId: 'm', amountMinor: 1n, reason: 'SUBMIT_FAILED' }], releasedMinor: 1n, releasedAt: ISO } };
    expect(accountBillingCodec.encode(released).data).toEqual({ batchKey: 'k', items: [{ messageId: 'm', amountMinor: '1', reason: 'SUBMIT_FAILED' }], releasedMinor: '1', releasedAt: ISO });
  });

  it('reads amounts stored as JSON integers too', () => {
    expect(accountBillingCodec.decode({ type: 'account-billing.FundsDeposited.v1', data: { amountMinor: 450, reference: 'r', depositedAt: ISO } })).toEqual({
      type: 'FundsDeposited',
      data: { amountMinor: 450n, reference: 'r', depositedAt: ISO },
    });
  });

  it('refuses to decode a non-integer stored amount', () => {
    expect(() => accountBillingCodec.decode({ type: 'account-billing.FundsDeposited.v1', data: { amountMinor: '1.5', reference: 'r', depositedAt: ISO } })).toThrow(TypeError);
    expect(() => accountBillingCodec.decode({ type: 'account-billing.FundsDeposited.v1', data: { amountMinor: 1.5, reference: 'r', depositedAt: ISO } })).toThrow(TypeError);
  });

  it('refuses an unknown type on an account stream (skipping it could misstate a balance)', () => {
    expect(() => accountEventCodec.decode({ type: 'account-billing.Mystery.v1', data: {} })).toThrow(new UnknownEventTypeError('account-billing.Mystery.v1'));
    // A type of this service that does not belong on an account stream is refused just the same.
    expect(() => accountEventCodec.decode(stored(accountBillingCodec.encode(published(DEFAULT_CATALOGUE))))).toThrow(UnknownEventTypeError);
    expect(accountBillingCodec.decode({ type: 'account-billing.Mystery.v1', data: {} })).toBeUndefined();
  });

  it('round-trips the price catalogue exactly and skips other types on its stream', () => {
    const event = published({ ...DEFAULT_CATALOGUE, prices: [...DEFAULT_CATALOGUE.prices, { kind: 'international', country: 'US', operator: 'ATT', unitPriceMinor: 3001n }] });
    const json = stored(catalogueEventCodec.encode(event)) as { type: string; data: { prices: Array<{ unitPriceMinor: unknown }> } };
    expect(json.type).toBe('account-billing.PriceCataloguePublished.v1');
    expect(json.data.prices[0].unitPriceMinor).toBe('450');
    expect(catalogueEventCodec.decode(json)).toEqual(event);
    expect(catalogueEventCodec.decode({ type: 'other.Type.v1', data: {} })).toBeUndefined();
    expect(catalogueEventCodec.decode(stored(accountBillingCodec.encode(opened)))).toBeUndefined();
  });

  it('round-trips a refused reservation', () => {
    const event: ReservationRefused = {
      type: 'ReservationRefused',
      data: { accountId: 'ghost', batchId: 'b1', rejected: [{ messageId: 'm1', code: 'ACCOUNT_NOT_FOUND', detail: 'No such account.' }], refusedAt: ISO },
    };
    expect(refusedReservationEventCodec.decode(stored(refusedReservationEventCodec.encode(event)))).toEqual(event);
  });

  it('knows its own stored types, per stream', () => {
    expect(accountBillingCodec.knows('account-billing.FundsReserved.v1')).toBe(true);
    expect(accountBillingCodec.knows('dispatch.BatchAccepted.v1')).toBe(false);
    expect(accountEventCodec.knows('account-billing.FundsReserved.v1')).toBe(true);
    expect(accountEventCodec.knows('account-billing.PriceCataloguePublished.v1')).toBe(false);
    expect(catalogueEventCodec.knows('account-billing.PriceCataloguePublished.v1')).toBe(true);
    expect(refusedReservationEventCodec.knows('account-billing.ReservationRefused.v1')).toBe(true);
  });

  it("seals the contact e-mail with the account's lifetime key: retention leaves it, the account's erasure destroys it", () => {
    const { ring } = ephemeralDataProtection({ epochMs: 1000 });
    const { account, service } = protectedAccountBillingCodecs(ring);
    const json = stored(account.encode(opened));
    expect(JSON.stringify(json)).not.toContain('ops@acme.test');
    expect((json.data as Record<string, string>).$sealed).toMatch(/^pd1\./);
    ring.destroyBefore('acc-1', Date.now() + 10_000);
    expect(account.decode(json)).toEqual(opened);
    expect(json.data).toMatchObject({ accountId: 'acc-1', name: 'Acme', currency: 'CNY' });
    expect(account.decode(json)).toEqual(opened);
    expect(service.decode(json)).toEqual(opened);
    // Money events carry nothing personal: stored as before.
    expect(stored(account.encode(reserved))).toEqual(stored(accountEventCodec.encode(reserved)));
    ring.destroy('acc-1');
    expect(account.decode(json)).toEqual({ ...opened, data: { ...opened.data, contactEmail: PERSONAL_DATA_DESTROYED } });
  });

  it('stores retention periods and erasures as they are, and reads them back', () => {
    const events: AccountEvent[] = [
      { type: 'RetentionPeriodSet', data: { days: 30, reason: 'contract', setBy: 'ak_op', setAt: '2025-03-01T08:00:00.000Z' } },
      { type: 'AccountDataErased', data: { scope: 'retention', before: '2025-02-01T00:00:00.000Z', reason: 'retention of 180 days', erasedBy: 'retention', erasedAt: '2025-03-01T08:00:00.000Z' } },
      { type: 'AccountDataErased', data: { scope: 'account', reason: 'REQ-7', erasedBy: 'ak_op', erasedAt: '2025-03-01T08:00:00.000Z' } },
    ];
    for (const event of events) expect(accountEventCodec.decode(stored(accountEventCodec.encode(event)))).toEqual(event);
    expect(accountEventCodec.encode(events[0]).type).toBe('account-billing.RetentionPeriodSet.v1');
    expect(accountEventCodec.encode(events[1]).type).toBe('account-billing.AccountDataErased.v1');
  });
});
