import type { AccountStatus } from '@sms/contracts';
import { type AccountState, availableMinor } from '../domain/account.state';

/** What the application hands to its edges (REST, gRPC): never the aggregate state itself. */
export interface AccountView {
  accountId: string;
  status: AccountStatus;
  statusReason?: string;
  name: string;
  currency: string;
  balanceMinor: bigint;
  reservedMinor: bigint;
  availableMinor: bigint;
  openedAt: string;
  /** When the service was enabled (terms §7.1): the account is ACTIVE from its opening. */
  enabledAt: string;
  lowBalanceThresholdMinor?: bigint;
  terms?: { version: string; method: 'click' | 'seal' | 'first-use'; acceptedAt: string };
  termination?: { basis: 'agreement' | 'notice'; reason: string; requestedAt: string; terminatedAt?: string };
  /** What was refunded at termination. */
  refundedMinor: bigint;
  /** The account's own retention period in days; undefined: the platform's. */
  retentionDays?: number;
  /** Data from before this was destroyed by retention. */
  dataErasedBefore?: string;
  /** When all of its personal data was destroyed. */
  erasedAt?: string;
}

export function accountView(state: AccountState): AccountView {
  if (state.status === 'NONE') throw new Error('accountView of an account that was never opened');
  return {
    accountId: state.accountId,
    status: state.status,
    ...(state.statusReason ? { statusReason: state.statusReason } : {}),
    name: state.name,
    currency: state.currency,
    balanceMinor: state.balanceMinor,
    reservedMinor: state.reservedMinor,
    availableMinor: availableMinor(state),
    openedAt: state.openedAt,
    enabledAt: state.openedAt,
    ...(state.lowBalanceThresholdMinor !== undefined ? { lowBalanceThresholdMinor: state.lowBalanceThresholdMinor } : {}),
    ...(state.terms ? { terms: { ...state.terms } } : {}),
    ...(state.termination ? { termination: { ...state.termination } } : {}),
    refundedMinor: state.refundedMinor,
    ...(state.retentionDays !== undefined ? { retentionDays: state.retentionDays } : {}),
    ...(state.dataErasedBefore ? { dataErasedBefore: state.dataErasedBefore } : {}),
    ...(state.erasedAt ? { erasedAt: state.erasedAt } : {}),
  };
}
