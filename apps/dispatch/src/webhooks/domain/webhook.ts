/** CONTRACTS.md: `PUT /v1/accounts/{id}/webhook {url, secret}`; the bounds every caller is held to. */
export const WEBHOOK_URL_MAX_LENGTH = 2048;
export const WEBHOOK_SECRET_MIN_LENGTH = 16;
export const WEBHOOK_SECRET_MAX_LENGTH = 256;

/** Where an account's receipts and replies are POSTed, and the secret they are signed with (kept sealed at rest). */
export interface WebhookSubscription {
  accountId: string;
  url: string;
  secret: string;
  updatedAt: string;
}

/** The host a URL names, as a resolver takes it: IPv6 literals without their brackets. */
export interface WebhookTarget {
  url: URL;
  host: string;
}

/**
 * Why `text` cannot be a webhook URL, or undefined when it can: an absolute http(s) URL of at most 2,048 characters,
 * naming a host, without credentials (the signature tells the customer the call is ours; a password in the URL would
 * sit in our configuration and logs).
 */
export function webhookUrlProblem(text: string): string | undefined {
  if (text.length === 0 || text.length > WEBHOOK_URL_MAX_LENGTH) return `url must be 1–${WEBHOOK_URL_MAX_LENGTH} characters`;
  if (!/^https?:\/\//i.test(text)) return 'url must be an absolute http:// or https:// URL';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'url is not a valid URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'url must be an absolute http:// or https:// URL';
  if (url.hostname === '') return 'url must name a host';
  if (url.username !== '' || url.password !== '') return 'url must not carry credentials';
  return undefined;
}

export function webhookSecretProblem(secret: string): string | undefined {
  return secret.length < WEBHOOK_SECRET_MIN_LENGTH || secret.length > WEBHOOK_SECRET_MAX_LENGTH
    ? `secret must be ${WEBHOOK_SECRET_MIN_LENGTH}–${WEBHOOK_SECRET_MAX_LENGTH} characters`
    : undefined;
}

/** The parsed target of a URL `webhookUrlProblem` accepted (the URL parser already normalised numeric hosts). */
export function webhookTarget(text: string): WebhookTarget {
  const url = new URL(text);
  const host = url.hostname.startsWith('[') && url.hostname.endsWith(']') ? url.hostname.slice(1, -1) : url.hostname;
  return { url, host };
}
