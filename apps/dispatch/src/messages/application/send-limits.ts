import type { RateLimiter } from '@sms/service-kit';
import type { SendWindow } from '../domain/send-window';

/**
 * What a send applies besides the recipient quota (DispatchConfig): the account's request rate — the token bucket of
 * the per-key limit (ADR 0015), here keyed by account, so the keys of one account share it — and the marketing send
 * window. Absent: no limit, no window.
 */
export interface SendLimits {
  accountRate?: RateLimiter;
  marketingWindow?: SendWindow;
}

export const SEND_LIMITS = Symbol('SEND_LIMITS');
