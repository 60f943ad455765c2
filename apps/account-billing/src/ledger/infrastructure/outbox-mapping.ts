import {
  ACCOUNT_STATUS_CHANGED_V1,
  type AccountStatusChangedV1,
  FUNDS_RESERVED_V1,
  type FundsReservedV1,
  INTERNAL_TOPICS,
  SOURCES,
} from '@sms/contracts';
import type { RecordedEvent } from '@sms/event-store';
import { integrationEvent, type OutboxMessage } from '@sms/service-kit';
import { ACCOUNT_EVENT_TYPES, ACCOUNT_STREAM_PREFIX, decodeAccountEvent, type FundsReserved } from '../domain/account.events';
import { REFUSED_RESERVATION_EVENT_TYPE, type ReservationRefused } from '../domain/refused-reservations';

/** Every event type this service writes starts with this, so the outbox reads only its own events from $all. */
export const ACCOUNT_BILLING_EVENT_PREFIX = 'account-billing.';

/** Integration events carry minor units as JSON numbers; a per-message amount is far below 2^53, but check anyway. */
function safeNumber(value: bigint): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`Amount ${value} does not fit a JSON number`);
  return n;
}

/** Maps a committed domain event to the integration events it publishes (most publish none). */
export function toIntegrationEvents(recorded: RecordedEvent): OutboxMessage[] {
  switch (recorded.type) {
    case ACCOUNT_EVENT_TYPES.AccountOpened: {
      const event = decodeAccountEvent(recorded.type, recorded.data);
      if (event.type !== 'AccountOpened') return [];
      const data: AccountStatusChangedV1 = { accountId: event.data.accountId, status: 'ACTIVE', currency: event.data.currency, changedAt: event.data.openedAt };
      return [{ topic: INTERNAL_TOPICS.accounts, event: integrationEvent(recorded, ACCOUNT_STATUS_CHANGED_V1, SOURCES.accountBilling, data.accountId, data) }];
    }
    case ACCOUNT_EVENT_TYPES.FundsReserved: {
      const event = decodeAccountEvent(recorded.type, recorded.data) as FundsReserved;
      const accountId = recorded.streamName.slice(ACCOUNT_STREAM_PREFIX.length);
      const data: FundsReservedV1 = {
        batchId: event.data.batchId,
        accountId,
        reservedAt: event.data.reservedAt,
        reserved: event.data.items.map((i) => ({ messageId: i.messageId, segments: i.segments, unitPriceMinor: safeNumber(i.unitPriceMinor), amountMinor: safeNumber(i.amountMinor) })),
        rejected: event.data.rejected.map((r) => ({ messageId: r.messageId, code: r.code, detail: r.detail })),
      };
      return [{ topic: INTERNAL_TOPICS.fundsReserved, event: integrationEvent(recorded, FUNDS_RESERVED_V1, SOURCES.accountBilling, accountId, data) }];
    }
    case REFUSED_RESERVATION_EVENT_TYPE: {
      const refused = recorded.data as ReservationRefused;
      const data: FundsReservedV1 = { batchId: refused.batchId, accountId: refused.accountId, reservedAt: refused.refusedAt, reserved: [], rejected: refused.rejected };
      return [{ topic: INTERNAL_TOPICS.fundsReserved, event: integrationEvent(recorded, FUNDS_RESERVED_V1, SOURCES.accountBilling, refused.accountId, data) }];
    }
    default:
      return [];
  }
}
