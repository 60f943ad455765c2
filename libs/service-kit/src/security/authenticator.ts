import type { SecurityAlertV1 } from '@sms/contracts';
import type { Principal, Role } from './principal';
import { canonicalRequest, parseAuthorization, sameSecret, secretMatches, signatureMatches } from './credentials';
import type { KeyDirectory } from './key-directory';
import type { SecuritySettings } from './security.config';
import { AbuseMonitor, FailureLockout, NonceWindow, RateLimiter } from './throttles';

/** How far a signed request's timestamp may be from our clock (CONTRACTS.md). */
export const SIGNATURE_WINDOW_SECONDS = 300;
const ADMIN_ROLES: readonly Role[] = ['operator', 'reviewer'];

export interface AuthRequest {
  authorization: string | undefined;
  method: string;
  /** Path and query exactly as sent (what a signature covers). */
  pathWithQuery: string;
  body: Buffer;
  /** The caller's address, for lockouts. */
  source: string;
}

export type AuthOutcome =
  | { ok: true; principal: Principal }
  | { ok: false; status: 401 | 429; code: 'UNAUTHENTICATED' | 'RATE_LIMITED'; detail: string; retryAfterSeconds?: number };

/**
 * Turns a presented credential into a Principal, or says why not. Framework-free: the Nest guard feeds it REST
 * requests and gRPC calls alike. `alert` hears of attack patterns from customer keys (the host suspends the account).
 */
export class Authenticator {
  private readonly limiter: RateLimiter;
  private readonly nonces = new NonceWindow(SIGNATURE_WINDOW_SECONDS * 1000);
  private readonly lockout: FailureLockout;
  private readonly abuse: AbuseMonitor;

  constructor(
    private readonly directory: KeyDirectory,
    private readonly adminToken: string,
    settings: SecuritySettings,
    private readonly alert: (alert: SecurityAlertV1) => void,
    private readonly now: () => number = Date.now,
  ) {
    this.limiter = new RateLimiter(settings.API_RATE_LIMIT, settings.API_RATE_BURST);
    this.lockout = new FailureLockout(settings.AUTH_LOCKOUT_FAILURES, 5 * 60_000, settings.AUTH_LOCKOUT_SECONDS * 1000);
    this.abuse = new AbuseMonitor({
      burstThreshold: Math.max(1, settings.SECURITY_BURST_FACTOR * settings.API_RATE_LIMIT * 60),
      burstWindowMs: 60_000,
      probeThreshold: settings.SECURITY_PROBE_THRESHOLD,
      probeWindowMs: 10 * 60_000,
    });
  }

  authenticate(request: AuthRequest): AuthOutcome {
    const identified = this.identify(request);
    if (!identified.ok) return identified;
    const principal = identified.principal;
    const now = this.now();
    const admitted = this.limiter.take(principal.keyId, now);
    if (!admitted.allowed) {
      if (principal.kind === 'customer' && this.abuse.throttledRequest(principal.keyId, now)) {
        this.raise(principal, 'REQUEST_BURST', `more than ${this.limiter.limitPerSecond * 60} requests over its limit within a minute`);
      }
      return { ok: false, status: 429, code: 'RATE_LIMITED', detail: `This key may make ${this.limiter.limitPerSecond} requests a second.`, retryAfterSeconds: admitted.retryAfterSeconds };
    }
    return { ok: true, principal };
  }

  /** A customer asked for an id that exists in another account (answered 404); enough of them is probing. */
  foreignId(principal: Principal, id: string): void {
    if (principal.kind !== 'customer') return;
    if (this.abuse.foreignId(principal.keyId, id, this.now())) this.raise(principal, 'TENANT_PROBING', 'asked for ids of other accounts again and again');
  }

  private identify(request: AuthRequest): { ok: true; principal: Principal } | Extract<AuthOutcome, { ok: false }> {
    const presented = parseAuthorization(request.authorization);
    if (presented === undefined) return unauthenticated('A credential is required: Authorization: Bearer <token> or SMS-HMAC-SHA256.');
    if (presented.scheme === 'malformed') return unauthenticated(`Malformed Authorization header: ${presented.reason}.`);
    const now = this.now();

    if (presented.scheme === 'bearer' && sameSecret(presented.token, this.adminToken)) {
      return { ok: true, principal: { keyId: 'admin', kind: 'admin', roles: ADMIN_ROLES } };
    }
    const keyId = presented.keyId;
    if (keyId === undefined) return unauthenticated('Unknown or revoked key, or wrong secret.');
    const locked = this.lockout.lockedFor(keyId, request.source, now);
    if (locked > 0) return { ok: false, status: 429, code: 'RATE_LIMITED', detail: 'Too many failed attempts for this key from this address.', retryAfterSeconds: locked };

    const record = this.directory.find(keyId);
    let verified: boolean;
    if (presented.scheme === 'bearer') {
      verified = record !== undefined && secretMatches(presented.secret ?? '', record.verifier);
    } else {
      const skew = Math.abs(now / 1000 - Number(presented.timestamp));
      if (skew > SIGNATURE_WINDOW_SECONDS) return unauthenticated(`Timestamp is more than ${SIGNATURE_WINDOW_SECONDS} s from the server's clock.`);
      const canonical = canonicalRequest(request.method, request.pathWithQuery, presented.timestamp, presented.nonce, request.body);
      verified = record !== undefined && signatureMatches(record.verifier, presented.signature, canonical);
      // Only a valid signature spends its nonce: a forger cannot burn the owner's nonces.
      if (verified && !this.nonces.use(keyId, presented.nonce, now)) return unauthenticated('Nonce already used.');
    }
    if (!verified || record === undefined) {
      this.lockout.fail(keyId, request.source, now);
      return unauthenticated('Unknown or revoked key, or wrong secret.');
    }
    // A revoked key is refused like an unknown one, but its owner proved the secret: no lockout count.
    if (record.status !== 'ACTIVE') return unauthenticated('Unknown or revoked key, or wrong secret.');
    const customer = record.accountId !== undefined;
    return { ok: true, principal: { keyId, kind: customer ? 'customer' : 'staff', roles: record.roles, accountId: record.accountId } };
  }

  private raise(principal: Principal, pattern: SecurityAlertV1['pattern'], detail: string): void {
    this.alert({ accountId: principal.accountId as string, keyId: principal.keyId, pattern, detail: `Key ${principal.keyId} ${detail}`, detectedAt: new Date(this.now()).toISOString() });
  }
}

const unauthenticated = (detail: string): Extract<AuthOutcome, { ok: false }> => ({ ok: false, status: 401, code: 'UNAUTHENTICATED', detail });
