import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API key credentials (CONTRACTS.md "Authentication and roles"): `token = keyId + "." + secret`, presented as
 * `Authorization: Bearer <token>` or as an `SMS-HMAC-SHA256` request signature keyed by the secret.
 *
 * Only a verifier is stored: SHA-256 of the secret. Secrets are 64 random bytes written as 86 base64url
 * characters — longer than SHA-256's 64-byte block — and HMAC (RFC 2104 §2) replaces such a key by its hash, so
 * HMAC-SHA256(secret, m) = HMAC-SHA256(SHA-256(secret), m): the verifier checks signatures exactly as the contract
 * states without the secret ever being kept (ADR 0015).
 */

export const KEY_ID_PREFIX = 'ak_';
const SECRET_BYTES = 64;
/** HMAC-SHA256 hashes keys longer than its block; every secret we issue must be. */
const HMAC_BLOCK_BYTES = 64;

export interface IssuedKey {
  keyId: string;
  /** Shown once, to whoever created the key. */
  secret: string;
  token: string;
  /** hex SHA-256 of the secret: all we keep. */
  verifier: string;
}

export function issueKey(): IssuedKey {
  const keyId = KEY_ID_PREFIX + randomBytes(12).toString('base64url');
  const secret = randomBytes(SECRET_BYTES).toString('base64url');
  return { keyId, secret, token: `${keyId}.${secret}`, verifier: verifierOf(secret) };
}

export function verifierOf(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Whether a presented secret matches a stored verifier; constant time in the secret. */
export function secretMatches(secret: string, verifier: string): boolean {
  if (Buffer.byteLength(secret, 'utf8') <= HMAC_BLOCK_BYTES) return false;
  return safeEqualHex(verifierOf(secret), verifier);
}

/** What a request signature covers (CONTRACTS.md): `METHOD\nPATH[?QUERY]\nTIMESTAMP\nNONCE\nhex(SHA-256(body))`. */
export function canonicalRequest(method: string, pathWithQuery: string, timestamp: string, nonce: string, body: Buffer | string): string {
  return `${method.toUpperCase()}\n${pathWithQuery}\n${timestamp}\n${nonce}\n${createHash('sha256').update(body).digest('hex')}`;
}

/** The base64 signature a client computes with its secret. */
export function signRequest(secret: string, method: string, pathWithQuery: string, timestamp: string, nonce: string, body: Buffer | string): string {
  return createHmac('sha256', secret).update(canonicalRequest(method, pathWithQuery, timestamp, nonce, body)).digest('base64');
}

/** Checks a signature against the stored verifier (the HMAC key the secret stands for, see above). */
export function signatureMatches(verifier: string, signature: string, canonical: string): boolean {
  const expected = createHmac('sha256', Buffer.from(verifier, 'hex')).update(canonical).digest();
  const given = Buffer.from(signature, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function safeEqualHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

/** Compares two secrets of any length in time independent of where they differ (the bootstrap admin key). */
export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

export type PresentedCredential =
  | { scheme: 'bearer'; token: string; keyId?: string; secret?: string }
  | { scheme: 'hmac'; keyId: string; timestamp: string; nonce: string; signature: string };

/** Parses an Authorization header (or gRPC `authorization` metadata); undefined when absent or not one of ours. */
export function parseAuthorization(header: string | undefined): PresentedCredential | { scheme: 'malformed'; reason: string } | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const match = /^\s*(\S+)\s+(.+?)\s*$/.exec(header);
  if (!match) return { scheme: 'malformed', reason: 'expected "<scheme> <credentials>"' };
  const [, scheme, rest] = match;
  if (scheme.toLowerCase() === 'bearer') {
    const token = rest.trim();
    const dot = token.indexOf('.');
    return dot > 0 ? { scheme: 'bearer', token, keyId: token.slice(0, dot), secret: token.slice(dot + 1) } : { scheme: 'bearer', token };
  }
  if (scheme.toUpperCase() === 'SMS-HMAC-SHA256') {
    const fields = new Map<string, string>();
    for (const part of rest.split(',')) {
      const eq = part.indexOf('=');
      if (eq <= 0) return { scheme: 'malformed', reason: `bad parameter "${part.trim().slice(0, 40)}"` };
      fields.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
    }
    const keyId = fields.get('keyid');
    const timestamp = fields.get('timestamp');
    const nonce = fields.get('nonce');
    const signature = fields.get('signature');
    if (!keyId || !timestamp || !nonce || !signature) return { scheme: 'malformed', reason: 'SMS-HMAC-SHA256 needs KeyId, Timestamp, Nonce and Signature' };
    if (!/^\d{1,12}$/.test(timestamp)) return { scheme: 'malformed', reason: 'Timestamp must be unix seconds' };
    if (nonce.length > 128) return { scheme: 'malformed', reason: 'Nonce is longer than 128 characters' };
    return { scheme: 'hmac', keyId, timestamp, nonce, signature };
  }
  return { scheme: 'malformed', reason: `unsupported scheme ${scheme.slice(0, 32)}` };
}
