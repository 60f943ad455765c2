import {
  type EventCodec,
  eventCodec,
  type EventTypeCodec,
  jsonEventType,
  type PersonalDataSealer,
  type ServiceEventCodec,
  type StrictEventCodec,
  type Upcaster,
} from '@sms/use-case-kit/core';
import {
  type AccountEvent,
  type AccountFrozen,
  type AccountOpened,
  ACCOUNT_EVENT_TYPES,
  type BalanceRefunded,
  type FundsAdjusted,
  type FundsCaptured,
  type FundsDeposited,
  type FundsReleased,
  type FundsReserved,
  type LowBalanceCrossed,
  type LowBalanceThresholdSet,
  type ServiceCreditGranted,
} from './ledger/domain/account.events';
import { credentialCodec } from './access/credential.codec';
import type { CredentialEvent } from './access/domain/credential';
import { REFUSED_RESERVATION_EVENT_TYPE, type ReservationRefused } from './ledger/domain/refused-reservations';
import { PRICE_CATALOGUE_EVENT_TYPES, type PriceCataloguePublished } from './pricing/domain/price-catalogue';

/**
 * account-billing's one event codec: every event it writes is encoded here and every event it reads (command
 * handlers, the outbox, the price catalogue) is decoded and upcast here. Stored money is a decimal string of integer
 * minor units (`"450"` = 0.0450), exact for any magnitude and safe for every JSON parser; in memory it is a bigint.
 * Stored type strings never change: a new shape gets a new `.vN` and an upcaster from the old one below.
 */
export type AccountBillingEvent = AccountEvent | PriceCataloguePublished | ReservationRefused;

/** Retired stored versions and how each becomes the next one (none yet: every stored type is still current). */
export const UPCASTERS: Upcaster[] = [];

/** Parses a stored minor-unit amount; rejects anything that is not an integer so a corrupt event cannot skew a balance. */
export function minor(value: unknown): bigint {
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  throw new TypeError(`Not an integer amount of minor units: ${String(value)}`);
}

const str = (value: bigint): string => value.toString();
type Stored = Record<string, any>;

/** Running totals after a money event, when it has them (BalanceAfter): stored as strings like every amount. */
const encodeAfter = (d: { balanceAfterMinor?: bigint; reservedAfterMinor?: bigint }): Stored => ({
  ...(d.balanceAfterMinor !== undefined ? { balanceAfterMinor: str(d.balanceAfterMinor) } : {}),
  ...(d.reservedAfterMinor !== undefined ? { reservedAfterMinor: str(d.reservedAfterMinor) } : {}),
});
const decodeAfter = (d: Stored): { balanceAfterMinor?: bigint; reservedAfterMinor?: bigint } => ({
  ...(d.balanceAfterMinor !== undefined ? { balanceAfterMinor: minor(d.balanceAfterMinor) } : {}),
  ...(d.reservedAfterMinor !== undefined ? { reservedAfterMinor: minor(d.reservedAfterMinor) } : {}),
});
const withBatch = (batchId: string | undefined): { batchId?: string } => (batchId !== undefined ? { batchId } : {});

const accountOpened: EventTypeCodec<AccountOpened> = {
  domainType: 'AccountOpened',
  type: ACCOUNT_EVENT_TYPES.AccountOpened,
  // Sealed with the account's own data key (ADR 0016) — its lifetime key, as profile data: retention leaves it, the
  // erasure of the account destroys it (ADR 0017). An erased account's ledger still replays, its address is gone.
  personal: { owner: (data: { accountId: string }) => data.accountId, paths: ['contactEmail'], lifetime: true },
  encode: (event) => ({ ...event.data }),
  decode: (raw) => {
    const d = raw as Stored;
    return { type: 'AccountOpened', data: { accountId: d.accountId, name: d.name, contactEmail: d.contactEmail, currency: d.currency, openedAt: d.openedAt } };
  },
};

const fundsDeposited: EventTypeCodec<FundsDeposited> = {
  domainType: 'FundsDeposited',
  type: ACCOUNT_EVENT_TYPES.FundsDeposited,
  encode: ({ data: d }) => ({ amountMinor: str(d.amountMinor), reference: d.reference, depositedAt: d.depositedAt, ...encodeAfter(d) }),
  decode: (raw) => {
    const d = raw as Stored;
    return { type: 'FundsDeposited', data: { amountMinor: minor(d.amountMinor), reference: d.reference, depositedAt: d.depositedAt, ...decodeAfter(d) } };
  },
};

const fundsReserved: EventTypeCodec<FundsReserved> = {
  domainType: 'FundsReserved',
  type: ACCOUNT_EVENT_TYPES.FundsReserved,
  encode: ({ data: d }) => ({
    batchId: d.batchId,
    ...(d.key !== undefined ? { key: d.key } : {}),
    items: d.items.map((i) => ({
      messageId: i.messageId,
      segments: i.segments,
      unitPriceMinor: str(i.unitPriceMinor),
      amountMinor: str(i.amountMinor),
      ...(i.next ? { next: { effectiveAt: i.next.effectiveAt, unitPriceMinor: str(i.next.unitPriceMinor) } } : {}),
    })),
    rejected: d.rejected.map((r) => ({ messageId: r.messageId, code: r.code, detail: r.detail })),
    totalMinor: str(d.totalMinor),
    reservedAt: d.reservedAt,
    ...encodeAfter(d),
  }),
  decode: (raw) => {
    const d = raw as Stored;
    return {
      type: 'FundsReserved',
      data: {
        batchId: d.batchId,
        ...(typeof d.key === 'string' ? { key: d.key } : {}),
        items: (d.items as any[]).map((i) => ({
          messageId: i.messageId,
          segments: i.segments,
          unitPriceMinor: minor(i.unitPriceMinor),
          amountMinor: minor(i.amountMinor),
          ...(i.next ? { next: { effectiveAt: i.next.effectiveAt, unitPriceMinor: minor(i.next.unitPriceMinor) } } : {}),
        })),
        rejected: (d.rejected as any[]).map((r) => ({ messageId: r.messageId, code: r.code, detail: r.detail })),
        totalMinor: minor(d.totalMinor),
        reservedAt: d.reservedAt,
        ...decodeAfter(d),
      },
    };
  },
};

const fundsCaptured: EventTypeCodec<FundsCaptured> = {
  domainType: 'FundsCaptured',
  type: ACCOUNT_EVENT_TYPES.FundsCaptured,
  encode: ({ data: d }) => ({
    batchKey: d.batchKey,
    items: d.items.map((i) => ({ messageId: i.messageId, ...withBatch(i.batchId), segments: i.segments, amountMinor: str(i.amountMinor), releasedMinor: str(i.releasedMinor) })),
    capturedMinor: str(d.capturedMinor),
    releasedMinor: str(d.releasedMinor),
    capturedAt: d.capturedAt,
    ...encodeAfter(d),
  }),
  decode: (raw) => {
    const d = raw as Stored;
    return {
      type: 'FundsCaptured',
      data: {
        batchKey: d.batchKey,
        items: (d.items as any[]).map((i) => ({ messageId: i.messageId, ...withBatch(i.batchId), segments: i.segments, amountMinor: minor(i.amountMinor), releasedMinor: minor(i.releasedMinor) })),
        capturedMinor: minor(d.capturedMinor),
        releasedMinor: minor(d.releasedMinor),
        capturedAt: d.capturedAt,
        ...decodeAfter(d),
      },
    };
  },
};

const fundsReleased: EventTypeCodec<FundsReleased> = {
  domainType: 'FundsReleased',
  type: ACCOUNT_EVENT_TYPES.FundsReleased,
  encode: ({ data: d }) => ({
    batchKey: d.batchKey,
    items: d.items.map((i) => ({ messageId: i.messageId, ...withBatch(i.batchId), amountMinor: str(i.amountMinor), reason: i.reason, ...(i.errorCode ? { errorCode: i.errorCode } : {}) })),
    releasedMinor: str(d.releasedMinor),
    releasedAt: d.releasedAt,
    ...encodeAfter(d),
  }),
  decode: (raw) => {
    const d = raw as Stored;
    return {
      type: 'FundsReleased',
      data: {
        batchKey: d.batchKey,
        items: (d.items as any[]).map((i) => ({
          messageId: i.messageId,
          ...withBatch(i.batchId),
          amountMinor: minor(i.amountMinor),
          reason: i.reason,
          ...(i.errorCode ? { errorCode: i.errorCode } : {}),
        })),
        releasedMinor: minor(d.releasedMinor),
        releasedAt: d.releasedAt,
        ...decodeAfter(d),
      },
    };
  },
};

const priceCataloguePublished: EventTypeCodec<PriceCataloguePublished> = {
  domainType: 'PriceCataloguePublished',
  type: PRICE_CATALOGUE_EVENT_TYPES.PriceCataloguePublished,
  encode: ({ data: d }) => ({
    version: d.version,
    currency: d.currency,
    effectiveAt: d.effectiveAt,
    publishedAt: d.publishedAt,
    prices: d.prices.map((p) => ({ kind: p.kind, country: p.country, ...(p.operator ? { operator: p.operator } : {}), unitPriceMinor: str(p.unitPriceMinor) })),
    // Who announced it and under which Idempotency-Key (ADR 0024); absent on the versions seeded before.
    ...(d.publishedBy !== undefined ? { publishedBy: d.publishedBy } : {}),
    ...(d.idempotencyKey !== undefined ? { idempotencyKey: d.idempotencyKey, requestHash: d.requestHash } : {}),
  }),
  decode: (raw) => {
    const d = raw as Stored;
    return {
      type: 'PriceCataloguePublished',
      data: {
        version: d.version,
        currency: d.currency,
        effectiveAt: d.effectiveAt,
        publishedAt: d.publishedAt,
        prices: (d.prices as any[]).map((p) => ({ kind: p.kind, country: p.country, ...(p.operator ? { operator: p.operator } : {}), unitPriceMinor: minor(p.unitPriceMinor) })),
        ...(d.publishedBy !== undefined ? { publishedBy: d.publishedBy } : {}),
        ...(d.idempotencyKey !== undefined ? { idempotencyKey: d.idempotencyKey, requestHash: d.requestHash } : {}),
      },
    };
  },
};

const reservationRefused: EventTypeCodec<ReservationRefused> = {
  domainType: 'ReservationRefused',
  type: REFUSED_RESERVATION_EVENT_TYPE,
  encode: ({ data: d }) => ({
    accountId: d.accountId,
    batchId: d.batchId,
    rejected: d.rejected.map((r) => ({ messageId: r.messageId, code: r.code, detail: r.detail })),
    refusedAt: d.refusedAt,
  }),
  decode: (raw) => {
    const d = raw as Stored;
    return {
      type: 'ReservationRefused',
      data: {
        accountId: d.accountId,
        batchId: d.batchId,
        rejected: (d.rejected as any[]).map((r) => ({ messageId: r.messageId, code: r.code, detail: r.detail })),
        refusedAt: d.refusedAt,
      },
    };
  },
};

const fundsAdjusted: EventTypeCodec<FundsAdjusted> = {
  domainType: 'FundsAdjusted',
  type: ACCOUNT_EVENT_TYPES.FundsAdjusted,
  encode: ({ data: d }) => ({ amountMinor: str(d.amountMinor), reason: d.reason, reference: d.reference, adjustedBy: d.adjustedBy, adjustedAt: d.adjustedAt, ...encodeAfter(d) }),
  decode: (raw) => {
    const d = raw as Stored;
    return { type: 'FundsAdjusted', data: { amountMinor: minor(d.amountMinor), reason: d.reason, reference: d.reference, adjustedBy: d.adjustedBy, adjustedAt: d.adjustedAt, ...decodeAfter(d) } };
  },
};

const serviceCreditGranted: EventTypeCodec<ServiceCreditGranted> = {
  domainType: 'ServiceCreditGranted',
  type: ACCOUNT_EVENT_TYPES.ServiceCreditGranted,
  encode: ({ data: d }) => ({
    amountMinor: str(d.amountMinor),
    items: d.items.map((i) => ({ messageId: i.messageId, amountMinor: str(i.amountMinor) })),
    reason: d.reason,
    reference: d.reference,
    grantedBy: d.grantedBy,
    grantedAt: d.grantedAt,
    ...encodeAfter(d),
  }),
  decode: (raw) => {
    const d = raw as Stored;
    return {
      type: 'ServiceCreditGranted',
      data: {
        amountMinor: minor(d.amountMinor),
        items: (d.items as any[]).map((i) => ({ messageId: i.messageId, amountMinor: minor(i.amountMinor) })),
        reason: d.reason,
        reference: d.reference,
        grantedBy: d.grantedBy,
        grantedAt: d.grantedAt,
        ...decodeAfter(d),
      },
    };
  },
};

const accountFrozen: EventTypeCodec<AccountFrozen> = {
  domainType: 'AccountFrozen',
  type: ACCOUNT_EVENT_TYPES.AccountFrozen,
  encode: ({ data: d }) => ({ ...d, balanceMinor: str(d.balanceMinor) }),
  decode: (raw) => {
    const d = raw as Stored;
    return { type: 'AccountFrozen', data: { reason: 'ARREARS', balanceMinor: minor(d.balanceMinor), frozenAt: d.frozenAt, currency: d.currency, status: d.status } };
  },
};

const lowBalanceThresholdSet: EventTypeCodec<LowBalanceThresholdSet> = {
  domainType: 'LowBalanceThresholdSet',
  type: ACCOUNT_EVENT_TYPES.LowBalanceThresholdSet,
  encode: ({ data: d }) => ({ ...(d.thresholdMinor !== undefined ? { thresholdMinor: str(d.thresholdMinor) } : {}), setBy: d.setBy, setAt: d.setAt }),
  decode: (raw) => {
    const d = raw as Stored;
    return { type: 'LowBalanceThresholdSet', data: { ...(d.thresholdMinor !== undefined ? { thresholdMinor: minor(d.thresholdMinor) } : {}), setBy: d.setBy, setAt: d.setAt } };
  },
};

const lowBalanceCrossed: EventTypeCodec<LowBalanceCrossed> = {
  domainType: 'LowBalanceCrossed',
  type: ACCOUNT_EVENT_TYPES.LowBalanceCrossed,
  encode: ({ data: d }) => ({ thresholdMinor: str(d.thresholdMinor), availableMinor: str(d.availableMinor), crossedAt: d.crossedAt, currency: d.currency }),
  decode: (raw) => {
    const d = raw as Stored;
    return { type: 'LowBalanceCrossed', data: { thresholdMinor: minor(d.thresholdMinor), availableMinor: minor(d.availableMinor), crossedAt: d.crossedAt, currency: d.currency } };
  },
};

const balanceRefunded: EventTypeCodec<BalanceRefunded> = {
  domainType: 'BalanceRefunded',
  type: ACCOUNT_EVENT_TYPES.BalanceRefunded,
  encode: ({ data: d }) => ({ amountMinor: str(d.amountMinor), reason: d.reason, refundedAt: d.refundedAt, ...encodeAfter(d) }),
  decode: (raw) => {
    const d = raw as Stored;
    return { type: 'BalanceRefunded', data: { amountMinor: minor(d.amountMinor), reason: d.reason, refundedAt: d.refundedAt, ...decodeAfter(d) } };
  },
};

// Status changes, terms, retention periods and erasures carry no money and no personal data: stored as they are.
const termsAccepted = jsonEventType<AccountEvent>('TermsAccepted', ACCOUNT_EVENT_TYPES.TermsAccepted);
const accountUnfrozen = jsonEventType<AccountEvent>('AccountUnfrozen', ACCOUNT_EVENT_TYPES.AccountUnfrozen);
const terminationRequested = jsonEventType<AccountEvent>('TerminationRequested', ACCOUNT_EVENT_TYPES.TerminationRequested);
const accountTerminated = jsonEventType<AccountEvent>('AccountTerminated', ACCOUNT_EVENT_TYPES.AccountTerminated);
const accountSuspended = jsonEventType<AccountEvent>('AccountSuspended', ACCOUNT_EVENT_TYPES.AccountSuspended);
const suspensionLifted = jsonEventType<AccountEvent>('SuspensionLifted', ACCOUNT_EVENT_TYPES.SuspensionLifted);
const retentionPeriodSet = jsonEventType<AccountEvent>('RetentionPeriodSet', ACCOUNT_EVENT_TYPES.RetentionPeriodSet);
const accountDataErased = jsonEventType<AccountEvent>('AccountDataErased', ACCOUNT_EVENT_TYPES.AccountDataErased);

const TYPES = [
  accountOpened,
  fundsDeposited,
  fundsReserved,
  fundsCaptured,
  fundsReleased,
  accountSuspended,
  suspensionLifted,
  retentionPeriodSet,
  accountDataErased,
  termsAccepted,
  fundsAdjusted,
  serviceCreditGranted,
  accountFrozen,
  accountUnfrozen,
  lowBalanceThresholdSet,
  lowBalanceCrossed,
  terminationRequested,
  balanceRefunded,
  accountTerminated,
  priceCataloguePublished,
  reservationRefused,
] as Array<
  EventTypeCodec<AccountBillingEvent>
>;

export const accountBillingCodec: ServiceEventCodec<AccountBillingEvent> = eventCodec<AccountBillingEvent>({ types: TYPES, typeOf: (event) => event.type, upcasters: UPCASTERS });

/** `account-<id>` streams: an event the account does not know is an error, never skipped. */
const ACCOUNT_STREAM_TYPES = Object.keys(ACCOUNT_EVENT_TYPES);
export const accountEventCodec: StrictEventCodec<AccountEvent> = accountBillingCodec.narrow<AccountEvent>(ACCOUNT_STREAM_TYPES, { strict: true });

/** The codecs that read and write the account streams in a running service: personal fields sealed with the key ring. */
export function protectedAccountBillingCodecs(sealer: PersonalDataSealer): {
  service: EventCodec<AccountBillingEvent>;
  account: StrictEventCodec<AccountEvent>;
  credential: EventCodec<CredentialEvent>;
} {
  const service = accountBillingCodec.protectedBy(sealer);
  return { service, account: service.narrow<AccountEvent>(ACCOUNT_STREAM_TYPES, { strict: true }), credential: credentialCodec.protectedBy(sealer) };
}
/** `protectedAccountBillingCodecs(ring)`, provided once per service. */
export const ACCOUNT_BILLING_CODECS = Symbol('ACCOUNT_BILLING_CODECS');
export type AccountBillingCodecs = ReturnType<typeof protectedAccountBillingCodecs>;
/** The `price-catalogue` stream. */
export const catalogueEventCodec: EventCodec<PriceCataloguePublished> = accountBillingCodec.narrow<PriceCataloguePublished>(['PriceCataloguePublished']);
/** The `billing-refused-reservations` stream. */
export const refusedReservationEventCodec: EventCodec<ReservationRefused> = accountBillingCodec.narrow<ReservationRefused>(['ReservationRefused']);
