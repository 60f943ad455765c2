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
import { accountBillingCodec } from '../../account-billing.codec';
import { ACCOUNT_STREAM_PREFIX } from '../domain/account.events';

/** Every event type this service writes starts with this, so the outbox reads only its own events from $all. */
export const ACCOUNT_BILLING_EVENT_PREFIX = 'account-billing.';

/** Integration events carry minor units as JSON numbers; a per-message amount is far below 2^53, but check anyway. */
function safeNumber(value: bigint): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`Amount ${value} does not fit a JSON number`);
  return n;
}

/** Maps a committed domain event (decoded and upcast by the service codec) to the integration events it publishes (most publish none). */
export function toIntegrationEvents(recorded: RecordedEvent): OutboxMessage[] {
  const event = accountBillingCodec.decode(recorded);
  switch (event?.type) {
    case 'AccountOpened': {
      const data: AccountStatusChangedV1 = { accountId: event.data.accountId, status: 'ACTIVE', currency: event.data.currency, changedAt: event.data.openedAt };
      return [{ topic: INTERNAL_TOPICS.accounts, event: integrationEvent(recorded, ACCOUNT_STATUS_CHANGED_V1, SOURCES.accountBilling, data.accountId, data) }];
    }
    case 'FundsReserved': {
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
    case 'ReservationRefused': {
      const refused = event.data;
      const data: FundsReservedV1 = { batchId: refused.batchId, accountId: refused.accountId, reservedAt: refused.refusedAt, reserved: [], rejected: refused.rejected };
      return [{ topic: INTERNAL_TOPICS.fundsReserved, event: integrationEvent(recorded, FUNDS_RESERVED_V1, SOURCES.accountBilling, refused.accountId, data) }];
    }
    default:
      return [];
  }
}
