import { formatMoney } from '@sms/contracts';
import type { AccountView } from '../application/account-view';
import type { LedgerEntry } from '../domain/ledger';
import type { DepositResult } from '../deposit-funds/handler';
import type { LedgerPage } from '../get-ledger/handler';
import type { AdjustmentResult } from '../adjust-funds/handler';
import type { ServiceCreditResult } from '../grant-service-credit/handler';
import type { AccountResponse, AdjustmentResponse, DepositResponse, LedgerEntryResponse, LedgerResponse, ServiceCreditResponse } from './dto';

/**
 * Whitelisting mappers: every field of a response is named here; money leaves as 4-place decimal strings.
 * `defaultRetentionDays`: the platform's period, shown when the account has none of its own (REST; gRPC's message
 * has no retention fields).
 */
export function toAccountResponse(view: AccountView, defaultRetentionDays?: number): AccountResponse {
  return {
    accountId: view.accountId,
    status: view.status,
    ...(view.statusReason ? { statusReason: view.statusReason } : {}),
    name: view.name,
    currency: view.currency,
    balance: formatMoney(view.balanceMinor),
    reserved: formatMoney(view.reservedMinor),
    available: formatMoney(view.availableMinor),
    openedAt: view.openedAt,
    enabledAt: view.enabledAt,
    ...(view.lowBalanceThresholdMinor !== undefined ? { lowBalanceThreshold: formatMoney(view.lowBalanceThresholdMinor) } : {}),
    ...(view.terms ? { terms: { version: view.terms.version, method: view.terms.method, acceptedAt: view.terms.acceptedAt } } : {}),
    ...(view.termination
      ? {
          termination: {
            basis: view.termination.basis,
            reason: view.termination.reason,
            requestedAt: view.termination.requestedAt,
            ...(view.termination.terminatedAt ? { terminatedAt: view.termination.terminatedAt } : {}),
            refunded: formatMoney(view.refundedMinor),
          },
        }
      : {}),
    ...(view.retentionDays !== undefined
      ? { retentionDays: view.retentionDays, retentionSource: 'account' as const }
      : defaultRetentionDays !== undefined
        ? { retentionDays: defaultRetentionDays, retentionSource: 'platform' as const }
        : {}),
    ...(view.dataErasedBefore ? { dataErasedBefore: view.dataErasedBefore } : {}),
    ...(view.erasedAt ? { erasedAt: view.erasedAt } : {}),
  };
}

export function toDepositResponse(result: DepositResult): DepositResponse {
  return { reference: result.reference, amount: formatMoney(result.amountMinor), balance: formatMoney(result.balanceMinor), depositedAt: result.depositedAt };
}

export function toLedgerEntryResponse(entry: LedgerEntry): LedgerEntryResponse {
  return {
    entryId: String(entry.revision),
    revision: Number(entry.revision),
    type: entry.type,
    amount: formatMoney(entry.amountMinor),
    balanceAfter: formatMoney(entry.balanceAfterMinor),
    reservedAfter: formatMoney(entry.reservedAfterMinor),
    ...(entry.reference !== undefined ? { reference: entry.reference } : {}),
    ...(entry.reason !== undefined ? { reason: entry.reason } : {}),
    ...(entry.batchIds !== undefined ? { batchIds: entry.batchIds } : {}),
    ...(entry.batchKey !== undefined ? { batchKey: entry.batchKey } : {}),
    ...(entry.messageIds !== undefined ? { messageIds: entry.messageIds } : {}),
    ...(entry.rejected !== undefined ? { rejected: entry.rejected } : {}),
    at: entry.at,
  };
}

export function toLedgerResponse(page: LedgerPage): LedgerResponse {
  return {
    accountId: page.accountId,
    entries: page.entries.map(toLedgerEntryResponse),
    ...(page.nextFromRevision !== undefined ? { nextFromRevision: Number(page.nextFromRevision) } : {}),
  };
}

export function toAdjustmentResponse(result: AdjustmentResult, defaultRetentionDays?: number): AdjustmentResponse {
  return { reference: result.reference, amount: formatMoney(result.amountMinor), adjustedAt: result.adjustedAt, account: toAccountResponse(result.account, defaultRetentionDays) };
}

export function toServiceCreditResponse(result: ServiceCreditResult, defaultRetentionDays?: number): ServiceCreditResponse {
  return {
    reference: result.reference,
    amount: formatMoney(result.amountMinor),
    messages: result.items.map((i) => ({ messageId: i.messageId, amount: formatMoney(i.amountMinor) })),
    grantedAt: result.grantedAt,
    account: toAccountResponse(result.account, defaultRetentionDays),
  };
}
