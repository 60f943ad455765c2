import type { FundsReservedV1 } from '@sms/contracts';

/**
 * Domain events of the Account aggregate (stream `account-<accountId>`).
 *
 * In memory, money is bigint minor units (1/10000 of the currency). In the event store, money fields are decimal
 * strings of integer minor units (`"450"` = 0.0450): exact for any magnitude and safe for every JSON parser. Times are
 * RFC 3339 UTC strings. The codec below is the only place that converts between the two.
 */

export const accountStream = (accountId: string): string => `account-${accountId}`;
export const ACCOUNT_STREAM_PREFIX = 'account-';

/** Stable type strings written to the store; never derived from class names. A new shape gets a new `.vN` and an upcaster. */
export const ACCOUNT_EVENT_TYPES = {
  AccountOpened: 'account-billing.AccountOpened.v1',
  FundsDeposited: 'account-billing.FundsDeposited.v1',
  FundsReserved: 'account-billing.FundsReserved.v1',
  FundsCaptured: 'account-billing.FundsCaptured.v1',
  FundsReleased: 'account-billing.FundsReleased.v1',
} as const;

export type ReservationRejectionCode = FundsReservedV1['rejected'][number]['code'];

export interface AccountOpened {
  type: 'AccountOpened';
  data: { accountId: string; name: string; contactEmail: string; currency: string; openedAt: string };
}

export interface FundsDeposited {
  type: 'FundsDeposited';
  data: { amountMinor: bigint; reference: string; depositedAt: string };
}

export interface ReservedItem {
  messageId: string;
  segments: number;
  unitPriceMinor: bigint;
  amountMinor: bigint;
}

export interface RejectedItem {
  messageId: string;
  code: ReservationRejectionCode;
  detail: string;
}

export interface FundsReserved {
  type: 'FundsReserved';
  data: { batchId: string; items: ReservedItem[]; rejected: RejectedItem[]; totalMinor: bigint; reservedAt: string };
}

export interface CapturedItem {
  messageId: string;
  /** Segments billed: the operator-acknowledged segments, never more than were reserved. */
  segments: number;
  amountMinor: bigint;
  /** The rest of this message's reservation, returned to available balance. */
  releasedMinor: bigint;
}

export interface FundsCaptured {
  type: 'FundsCaptured';
  data: { batchKey: string; items: CapturedItem[]; capturedMinor: bigint; releasedMinor: bigint; capturedAt: string };
}

export type ReleaseReason = 'SUBMIT_FAILED';

export interface ReleasedItem {
  messageId: string;
  amountMinor: bigint;
  reason: ReleaseReason;
  errorCode?: string;
}

export interface FundsReleased {
  type: 'FundsReleased';
  data: { batchKey: string; items: ReleasedItem[]; releasedMinor: bigint; releasedAt: string };
}

export type AccountEvent = AccountOpened | FundsDeposited | FundsReserved | FundsCaptured | FundsReleased;
export type AccountEventType = AccountEvent['type'];

/** What goes into the store: the stable type string and a JSON-safe payload. */
export interface EncodedEvent {
  type: string;
  data: Record<string, unknown>;
}

const str = (value: bigint): string => value.toString();

export function encodeAccountEvent(event: AccountEvent): EncodedEvent {
  const type = ACCOUNT_EVENT_TYPES[event.type];
  switch (event.type) {
    case 'AccountOpened':
      return { type, data: { ...event.data } };
    case 'FundsDeposited':
      return { type, data: { ...event.data, amountMinor: str(event.data.amountMinor) } };
    case 'FundsReserved': {
      const d = event.data;
      return {
        type,
        data: {
          batchId: d.batchId,
          items: d.items.map((i) => ({ messageId: i.messageId, segments: i.segments, unitPriceMinor: str(i.unitPriceMinor), amountMinor: str(i.amountMinor) })),
          rejected: d.rejected.map((r) => ({ messageId: r.messageId, code: r.code, detail: r.detail })),
          totalMinor: str(d.totalMinor),
          reservedAt: d.reservedAt,
        },
      };
    }
    case 'FundsCaptured': {
      const d = event.data;
      return {
        type,
        data: {
          batchKey: d.batchKey,
          items: d.items.map((i) => ({ messageId: i.messageId, segments: i.segments, amountMinor: str(i.amountMinor), releasedMinor: str(i.releasedMinor) })),
          capturedMinor: str(d.capturedMinor),
          releasedMinor: str(d.releasedMinor),
          capturedAt: d.capturedAt,
        },
      };
    }
    case 'FundsReleased': {
      const d = event.data;
      return {
        type,
        data: {
          batchKey: d.batchKey,
          items: d.items.map((i) => ({ messageId: i.messageId, amountMinor: str(i.amountMinor), reason: i.reason, ...(i.errorCode ? { errorCode: i.errorCode } : {}) })),
          releasedMinor: str(d.releasedMinor),
          releasedAt: d.releasedAt,
        },
      };
    }
  }
}

export class UnknownEventTypeError extends Error {
  constructor(readonly eventType: string) {
    super(`Unknown account event type ${eventType}`);
    this.name = 'UnknownEventTypeError';
  }
}

/** Parses a stored minor-unit amount; rejects anything that is not an integer so a corrupt event cannot skew a balance. */
export function minor(value: unknown): bigint {
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  throw new TypeError(`Not an integer amount of minor units: ${String(value)}`);
}

/**
 * Decodes a stored event (upcasting older shapes when there are any). An unknown type on an account stream throws:
 * silently skipping an event could misstate a balance.
 */
export function decodeAccountEvent(type: string, raw: unknown): AccountEvent {
  const d = raw as Record<string, any>;
  switch (type) {
    case ACCOUNT_EVENT_TYPES.AccountOpened:
      return { type: 'AccountOpened', data: { accountId: d.accountId, name: d.name, contactEmail: d.contactEmail, currency: d.currency, openedAt: d.openedAt } };
    case ACCOUNT_EVENT_TYPES.FundsDeposited:
      return { type: 'FundsDeposited', data: { amountMinor: minor(d.amountMinor), reference: d.reference, depositedAt: d.depositedAt } };
    case ACCOUNT_EVENT_TYPES.FundsReserved:
      return {
        type: 'FundsReserved',
        data: {
          batchId: d.batchId,
          items: (d.items as any[]).map((i) => ({ messageId: i.messageId, segments: i.segments, unitPriceMinor: minor(i.unitPriceMinor), amountMinor: minor(i.amountMinor) })),
          rejected: (d.rejected as any[]).map((r) => ({ messageId: r.messageId, code: r.code, detail: r.detail })),
          totalMinor: minor(d.totalMinor),
          reservedAt: d.reservedAt,
        },
      };
    case ACCOUNT_EVENT_TYPES.FundsCaptured:
      return {
        type: 'FundsCaptured',
        data: {
          batchKey: d.batchKey,
          items: (d.items as any[]).map((i) => ({ messageId: i.messageId, segments: i.segments, amountMinor: minor(i.amountMinor), releasedMinor: minor(i.releasedMinor) })),
          capturedMinor: minor(d.capturedMinor),
          releasedMinor: minor(d.releasedMinor),
          capturedAt: d.capturedAt,
        },
      };
    case ACCOUNT_EVENT_TYPES.FundsReleased:
      return {
        type: 'FundsReleased',
        data: {
          batchKey: d.batchKey,
          items: (d.items as any[]).map((i) => ({ messageId: i.messageId, amountMinor: minor(i.amountMinor), reason: i.reason, ...(i.errorCode ? { errorCode: i.errorCode } : {}) })),
          releasedMinor: minor(d.releasedMinor),
          releasedAt: d.releasedAt,
        },
      };
    default:
      throw new UnknownEventTypeError(type);
  }
}
