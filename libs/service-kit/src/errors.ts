/**
 * Expected failures carry a stable machine code (CONTRACTS.md); one exception filter maps them to problem+json.
 * Domain code returns or throws DomainError; it never builds HTTP responses.
 */
export const ERROR_STATUS: Record<string, number> = {
  VALIDATION_FAILED: 400,
  INVALID_PHONE_NUMBER: 400,
  TEMPLATE_PARAM_MISSING: 400,
  TEMPLATE_PARAM_INVALID: 400,
  INVALID_AMOUNT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  API_KEY_NOT_FOUND: 404,
  OPT_OUT_NOT_FOUND: 404,
  NOT_FOUND: 404,
  ACCOUNT_NOT_FOUND: 404,
  SIGNATURE_NOT_FOUND: 404,
  TEMPLATE_NOT_FOUND: 404,
  VIOLATION_NOT_FOUND: 404,
  MESSAGE_NOT_FOUND: 404,
  CHANNEL_NOT_FOUND: 404,
  CONCURRENCY_CONFLICT: 409,
  ALREADY_DECIDED: 409,
  ACCOUNT_NOT_SUSPENDED: 409,
  ACCOUNT_ERASED: 409,
  MESSAGE_NOT_CANCELLABLE: 409,
  IDEMPOTENCY_KEY_REUSED: 422,
  NOTICE_PERIOD_NOT_MET: 422,
  CREDIT_EXCEEDS_CHARGES: 422,
  ACCOUNT_FROZEN: 403,
  ACCOUNT_SUSPENDED: 403,
  ACCOUNT_TERMINATED: 403,
  ACCOUNT_NOT_ACTIVE: 403,
  SIGNATURE_NOT_APPROVED: 422,
  TEMPLATE_NOT_APPROVED: 422,
  INSUFFICIENT_BALANCE: 402,
  CONTENT_BLOCKED: 422,
  RATE_LIMITED: 429,
  NO_VALID_RECIPIENTS: 422,
  OPTED_OUT: 422,
  FREQUENCY_LIMITED: 422,
  OUTSIDE_SEND_WINDOW: 422,
  CONSENT_REQUIRED: 422,
  INTERNATIONAL_TEMPLATE_REQUIRED: 422,
  WEBHOOK_NOT_FOUND: 404,
  TERM_NOT_FOUND: 404,
  TERM_EXISTS: 409,
  TERM_RETIRED: 409,
  WEBHOOK_TARGET_FORBIDDEN: 422,
  WEBHOOK_TARGET_UNRESOLVABLE: 422,
  SERVICE_UNAVAILABLE: 503,
  MAINTENANCE: 503,
  INTERNAL: 500,
};

export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly detail: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = 'DomainError';
  }

  get status(): number {
    return ERROR_STATUS[this.code] ?? 400;
  }
}

/** A value for expected failures that decide() can return instead of throwing. */
export type Result<T, E = DomainError> = { ok: true; value: T } | { ok: false; error: E };
export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const fail = <E>(error: E): Result<never, E> => ({ ok: false, error });
