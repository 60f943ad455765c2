import {
  ACCOUNT_BALANCE_V1,
  ACCOUNT_STATUS_CHANGED_V1,
  ACCOUNT_STATUS_V1,
  type AccountBalanceV1,
  type AccountStatus,
  type AccountStatusV1,
  type AccountStatusChangedV1,
  CREDENTIAL_V1,
  type CredentialV1,
  DATA_ERASED_V1,
  type DataErasedV1,
  FUNDS_RESERVED_V1,
  type FundsReservedV1,
  INTERNAL_TOPICS,
  PUBLIC_TOPICS,
  SOURCES,
} from '@sms/contracts';
import type { RecordedEvent } from '@sms/event-store';
import { integrationEvent, type OutboxMessage } from '@sms/service-kit';
import type { EventCodec } from '@sms/use-case-kit/core';
import { type AccountBillingEvent, accountBillingCodec } from '../../account-billing.codec';
import { ACCOUNT_STREAM_PREFIX, type AccountEvent } from '../domain/account.events';
import { credentialCodec } from '../../access/credential.codec';
import type { CredentialEvent } from '../../access/domain/credential';
import { priceCatalogueEvents } from '../../pricing/infrastructure/price-outbox';

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
  if (!event) return [];
  if (event.type === 'ReservationRefused') {
    const refused = event.data;
    const data: FundsReservedV1 = { batchId: refused.batchId, accountId: refused.accountId, reservedAt: refused.refusedAt, reserved: [], rejected: refused.rejected };
    return [{ topic: INTERNAL_TOPICS.fundsReserved, event: integrationEvent(recorded, FUNDS_RESERVED_V1, SOURCES.accountBilling, refused.accountId, data) }];
  }
  if (event.type === 'PriceCataloguePublished') return priceCatalogueEvents(recorded, event);
  const accountId = recorded.streamName.slice(ACCOUNT_STREAM_PREFIX.length);
  // Each fan-out gets its own stable id from its position: the first keeps the domain event's id.
  return [...primaryEvents(accountId, event), ...statusEvents(accountId, event), ...balanceEvents(accountId, recorded, event)].map((out, index) => ({
    topic: out.topic,
    event: integrationEvent(recorded, out.type, SOURCES.accountBilling, accountId, out.data, index),
  }));
}

interface Outgoing {
  topic: string;
  type: string;
  data: unknown;
}

function primaryEvents(accountId: string, event: AccountEvent): Outgoing[] {
  switch (event.type) {
    case 'FundsReserved': {
      const d = event.data;
      const data: FundsReservedV1 = {
        batchId: d.batchId,
        accountId,
        reservedAt: d.reservedAt,
        reserved: d.items.map((i) => ({ messageId: i.messageId, segments: i.segments, unitPriceMinor: safeNumber(i.unitPriceMinor), amountMinor: safeNumber(i.amountMinor) })),
        rejected: d.rejected.map((r) => ({ messageId: r.messageId, code: r.code, detail: r.detail })),
      };
      return [{ topic: INTERNAL_TOPICS.fundsReserved, type: FUNDS_RESERVED_V1, data }];
    }
    case 'AccountDataErased': {
      // Every process acts on it: destroys the keys in its key ring and purges its read models (ADR 0017).
      const d = event.data;
      const data: DataErasedV1 = { accountId, scope: d.scope, ...(d.before ? { before: d.before } : {}), reason: d.reason, erasedBy: d.erasedBy, erasedAt: d.erasedAt };
      return [{ topic: INTERNAL_TOPICS.dataErasure, type: DATA_ERASED_V1, data }];
    }
    default:
      return [];
  }
}

/** The status an event leaves the account in, with why and when — only for events that change it. */
function statusChange(event: AccountEvent): { status: AccountStatus; reason: string; at: string; currency: string } | undefined {
  switch (event.type) {
    case 'AccountOpened':
      return { status: 'ACTIVE', reason: 'OPENED', at: event.data.openedAt, currency: event.data.currency };
    case 'AccountSuspended':
      return { status: 'SUSPENDED', reason: `${event.data.kind}: ${event.data.reason}`, at: event.data.suspendedAt, currency: event.data.currency };
    case 'SuspensionLifted':
      return { status: event.data.status ?? 'ACTIVE', reason: event.data.reason, at: event.data.liftedAt, currency: event.data.currency };
    // Arrears under a suspension or a termination changes nothing the customer sees: that status outranks it.
    case 'AccountFrozen':
      return event.data.status === 'FROZEN' ? { status: 'FROZEN', reason: 'ARREARS', at: event.data.frozenAt, currency: event.data.currency } : undefined;
    case 'AccountUnfrozen':
      return event.data.status === 'ACTIVE' ? { status: 'ACTIVE', reason: event.data.reason, at: event.data.unfrozenAt, currency: event.data.currency } : undefined;
    case 'TerminationRequested':
      return { status: 'TERMINATING', reason: `${event.data.basis}: ${event.data.reason}`, at: event.data.requestedAt, currency: event.data.currency };
    case 'AccountTerminated':
      return { status: 'TERMINATED', reason: `${event.data.basis}: ${event.data.reason}`, at: event.data.terminatedAt, currency: event.data.currency };
    default:
      return undefined;
  }
}

/** A status change goes to dispatch (internal, with the currency) and to subscribers on `sms.account-events` (public). */
function statusEvents(accountId: string, event: AccountEvent): Outgoing[] {
  const change = statusChange(event);
  if (!change) return [];
  const internal: AccountStatusChangedV1 = { accountId, status: change.status, currency: change.currency, ...(event.type === 'AccountOpened' ? {} : { reason: change.reason }), changedAt: change.at };
  const external: AccountStatusV1 = { accountId, status: change.status, reason: change.reason, at: change.at };
  return [
    { topic: INTERNAL_TOPICS.accounts, type: ACCOUNT_STATUS_CHANGED_V1, data: internal },
    { topic: PUBLIC_TOPICS.accountEvents, type: ACCOUNT_STATUS_V1, data: external },
  ];
}

/** After every money event that records its running totals: dispatch's view of what the account can still pay for. */
function balanceEvents(accountId: string, recorded: RecordedEvent, event: AccountEvent): Outgoing[] {
  const d = event.data as { balanceAfterMinor?: bigint; reservedAfterMinor?: bigint };
  if (d.balanceAfterMinor === undefined || d.reservedAfterMinor === undefined) return [];
  const data: AccountBalanceV1 = {
    accountId,
    balanceMinor: safeNumber(d.balanceAfterMinor),
    availableMinor: safeNumber(d.balanceAfterMinor - d.reservedAfterMinor),
    revision: Number(recorded.revision),
    at: recorded.created.toISOString(),
  };
  return [{ topic: INTERNAL_TOPICS.accounts, type: ACCOUNT_BALANCE_V1, data }];
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
