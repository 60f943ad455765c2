/**
 * The e-mail of a notification: delivered at least once and never again once SENT, retried with backoff while the
 * SMTP server answers "try later" (4xx) or cannot be reached, given up on a permanent refusal (5xx) or after
 * EMAIL_MAX_ATTEMPTS. SKIPPED: nothing to send with (no SMTP configured) or to (the address was erased).
 */
export type EmailStatus = 'PENDING' | 'SENT' | 'FAILED' | 'SKIPPED';
export const EMAIL_STATUSES: readonly EmailStatus[] = ['PENDING', 'SENT', 'FAILED', 'SKIPPED'];

/** Attempts before a temporarily refused e-mail is given up: 1 + 9 retries over about 4½ hours. */
export const EMAIL_MAX_ATTEMPTS = 10;
export const EMAIL_FIRST_RETRY_MS = 60_000;
export const EMAIL_MAX_RETRY_MS = 3_600_000;

/** The wait after the `attempts`-th failed attempt: 1, 2, 4 … minutes, at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(EMAIL_MAX_RETRY_MS, EMAIL_FIRST_RETRY_MS * 2 ** Math.max(0, Math.min(attempts - 1, 30)));
}

/** What one attempt came to. `temporary`: a 4xx answer or no answer at all — the same e-mail may go through later. */
export type SendOutcome = { ok: true } | { ok: false; temporary: boolean; error: string };

/** A delivery's new standing, recorded only while it is still PENDING. */
export type EmailDeliveryUpdate =
  | { status: 'SENT'; attempts: number; sentAt: string }
  | { status: 'PENDING'; attempts: number; nextAttemptAt: string; reason: string }
  | { status: 'FAILED'; attempts: number; reason: string }
  | { status: 'SKIPPED'; attempts: number; reason: string };

/** The standing after an attempt made when `attempts` were already made. */
export function afterAttempt(attempts: number, outcome: SendOutcome, now: Date): EmailDeliveryUpdate {
  const made = attempts + 1;
  if (outcome.ok) return { status: 'SENT', attempts: made, sentAt: now.toISOString() };
  if (outcome.temporary && made < EMAIL_MAX_ATTEMPTS) {
    return { status: 'PENDING', attempts: made, nextAttemptAt: new Date(now.getTime() + retryDelayMs(made)).toISOString(), reason: outcome.error };
  }
  return { status: 'FAILED', attempts: made, reason: outcome.temporary ? `gave up after ${made} attempts: ${outcome.error}` : outcome.error };
}

/**
 * An address as logs may show it (DOMAIN §6: contact data is masked like numbers): the first character of the local
 * part and of the domain, and the top-level domain — `b***@a***.example`.
 */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  if (at <= 0) return '***';
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const tld = dot > 0 ? domain.slice(dot) : '';
  return `${Array.from(local)[0]}***@${domain ? `${Array.from(domain)[0]}***` : ''}${tld}`;
}

const ADDRESS = /[^\s<>()[\]",;:@]+@[^\s<>()[\]",;:@]+/g;

/** A server's answer with every address in it masked, so it can be logged and kept (SMTP errors echo the recipient). */
export function maskEmailsInText(text: string): string {
  return text.replace(ADDRESS, (address) => maskEmail(address));
}
