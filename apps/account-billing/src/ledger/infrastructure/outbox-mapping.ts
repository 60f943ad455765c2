import {
  ACCOUNT_STATUS_CHANGED_V1,
  type AccountStatusChangedV1,
  CREDENTIAL_V1,
  type CredentialV1,
  DATA_ERASED_V1,
  type DataErasedV1,
  FUNDS_RESERVED_V1,
  type FundsReservedV1,
  INTERNAL_TOPICS,
  SOURCES,
} from '@sms/contracts';
import type { RecordedEvent } from '@sms/event-store';
import { integrationEvent, type OutboxMessage } from '@sms/service-kit';
import type { EventCodec } from '@sms/use-case-kit/core';
import { type AccountBillingEvent, accountBillingCodec } from '../../account-billing.codec';
import { ACCOUNT_STREAM_PREFIX } from '../domain/account.events';
import { credentialCodec } from '../../access/credential.codec';
import type { CredentialEvent } from '../../access/domain/credential';

/** Every event type this service writes starts with this, so the outbox reads only its own events from $all. */
export const ACCOUNT_BILLING_EVENT_PREFIX = 'account-billing.';

/** Integration events carry minor units as JSON numbers; a per-message amount is far below 2^53, but check anyway. */
function safeNumber(value: bigint): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`Amount ${value} does not fit a JSON number`);
  return n;
}

/**
 * Maps a committed domain event (decoded and upcast by the service codec — in the service, the one with the key ring)
 * to the integration events it publishes (most publish none).
 */
export function toIntegrationEvents(
  recorded: RecordedEvent,
  codec: EventCodec<AccountBillingEvent> = accountBillingCodec,
  credentials: EventCodec<CredentialEvent> = credentialCodec,
): OutboxMessage[] {
  if (credentials.knows(recorded.type)) return credentialEvents(recorded, credentials);
  const event = codec.decode(recorded);
  switch (event?.type) {
    case 'AccountSuspended':
    case 'SuspensionLifted': {
      const accountId = recorded.streamName.slice(ACCOUNT_STREAM_PREFIX.length);
      const suspended = event.type === 'AccountSuspended' ? event.data : undefined;
      const data: AccountStatusChangedV1 = {
        accountId,
        status: suspended ? 'SUSPENDED' : 'ACTIVE',
        currency: event.data.currency,
        reason: suspended ? `${suspended.kind}: ${suspended.reason}` : event.type === 'SuspensionLifted' ? event.data.reason : undefined,
        changedAt: suspended ? suspended.suspendedAt : (event.data as { liftedAt: string }).liftedAt,
      };
      return [{ topic: INTERNAL_TOPICS.accounts, event: integrationEvent(recorded, ACCOUNT_STATUS_CHANGED_V1, SOURCES.accountBilling, accountId, data) }];
    }
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
    case 'AccountDataErased': {
      // Every process acts on it: destroys the keys in its key ring and purges its read models (ADR 0017).
      const accountId = recorded.streamName.slice(ACCOUNT_STREAM_PREFIX.length);
      const d = event.data;
      const data: DataErasedV1 = { accountId, scope: d.scope, ...(d.before ? { before: d.before } : {}), reason: d.reason, erasedBy: d.erasedBy, erasedAt: d.erasedAt };
      return [{ topic: INTERNAL_TOPICS.dataErasure, event: integrationEvent(recorded, DATA_ERASED_V1, SOURCES.accountBilling, accountId, data) }];
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

/** Every issue and revocation as the key's whole state, keyed by key id (`sms.credential.v1`). */
function credentialEvents(recorded: RecordedEvent, credentials: EventCodec<CredentialEvent>): OutboxMessage[] {
  const event = credentials.decode(recorded);
  if (!event) return [];
  const d = event.data;
  const data: CredentialV1 =
    event.type === 'ApiKeyIssued'
      ? { keyId: d.keyId, accountId: d.accountId, roles: event.data.roles, verifier: event.data.verifier, status: 'ACTIVE', label: event.data.label, createdAt: event.data.issuedAt }
      : // A revoked key needs no verifier anywhere again.
        { keyId: d.keyId, accountId: d.accountId, roles: event.data.roles, verifier: '', status: 'REVOKED', label: event.data.label, createdAt: event.data.issuedAt, revokedAt: event.data.revokedAt };
  return [{ topic: INTERNAL_TOPICS.credentials, event: integrationEvent(recorded, CREDENTIAL_V1, SOURCES.accountBilling, d.keyId, data) }];
}
