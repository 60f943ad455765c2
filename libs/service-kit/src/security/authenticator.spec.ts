import type { SecurityAlertV1 } from '@sms/contracts';
import { Authenticator, type AuthRequest } from './authenticator';
import { issueKey, signRequest } from './credentials';
import type { KeyDirectory, KeyRecord } from './key-directory';
import { SecuritySettings } from './security.config';

const ADMIN = 'admin-key-0123456789abcdef0123456789abcdef';

class MemoryDirectory implements KeyDirectory {
  readonly keys = new Map<string, KeyRecord>();
  find = (keyId: string) => this.keys.get(keyId);
  apply = (record: KeyRecord) => void this.keys.set(record.keyId, record);
  list = (accountId: string | undefined) => [...this.keys.values()].filter((k) => k.accountId === accountId);
}

function setup(overrides: Partial<SecuritySettings> = {}) {
  const directory = new MemoryDirectory();
  const alerts: SecurityAlertV1[] = [];
  let now = 1_790_000_000_000;
  const settings = Object.assign(new SecuritySettings(), { API_RATE_LIMIT: 1000, API_RATE_BURST: 1000, ...overrides });
  const authenticator = new Authenticator(directory, ADMIN, settings, (a) => alerts.push(a), () => now);
  const customer = issueKey();
  directory.apply({ keyId: customer.keyId, accountId: 'acc-1', roles: ['customer'], verifier: customer.verifier, status: 'ACTIVE', createdAt: 'then' });
  const request = (authorization: string | undefined, extra: Partial<AuthRequest> = {}): AuthRequest => ({ authorization, method: 'GET', pathWithQuery: '/v1/x', body: Buffer.alloc(0), source: '10.0.0.1', ...extra });
  return { directory, alerts, authenticator, customer, request, tick: (ms: number) => (now += ms), now: () => now };
}

describe('Authenticator', () => {
  it('knows the admin key (operator and reviewer), customer keys (their account) and staff keys', () => {
    const { authenticator, customer, request, directory } = setup();
    expect(authenticator.authenticate(request(`Bearer ${ADMIN}`))).toEqual({ ok: true, principal: { keyId: 'admin', kind: 'admin', roles: ['operator', 'reviewer'] } });
    expect(authenticator.authenticate(request(`Bearer ${customer.token}`))).toEqual({
      ok: true,
      principal: { keyId: customer.keyId, kind: 'customer', roles: ['customer'], accountId: 'acc-1' },
    });
    const staff = issueKey();
    directory.apply({ keyId: staff.keyId, roles: ['reviewer'], verifier: staff.verifier, status: 'ACTIVE', createdAt: 'then' });
    expect(authenticator.authenticate(request(`Bearer ${staff.token}`))).toMatchObject({ ok: true, principal: { kind: 'staff', roles: ['reviewer'], accountId: undefined } });
  });

  it('refuses no credential, unknown keys, wrong secrets and revoked keys alike (401)', () => {
    const { authenticator, customer, request, directory } = setup();
    for (const header of [undefined, 'Bearer nope', `Bearer ${issueKey().token}`, `Bearer ${customer.keyId}.${'x'.repeat(86)}`, 'Digest x']) {
      expect(authenticator.authenticate(request(header))).toMatchObject({ ok: false, status: 401, code: 'UNAUTHENTICATED' });
    }
    directory.apply({ ...(directory.find(customer.keyId) as KeyRecord), status: 'REVOKED' });
    expect(authenticator.authenticate(request(`Bearer ${customer.token}`))).toMatchObject({ ok: false, status: 401 });
  });

  it('verifies signatures within 300 s, each nonce once', () => {
    const { authenticator, customer, request, now, tick } = setup();
    const sign = (nonce: string, at = Math.floor(now() / 1000), path = '/v1/x') =>
      `SMS-HMAC-SHA256 KeyId=${customer.keyId}, Timestamp=${at}, Nonce=${nonce}, Signature=${signRequest(customer.secret, 'GET', path, String(at), nonce, '')}`;
    expect(authenticator.authenticate(request(sign('n1')))).toMatchObject({ ok: true, principal: { accountId: 'acc-1' } });
    expect(authenticator.authenticate(request(sign('n1')))).toMatchObject({ ok: false, detail: expect.stringContaining('Nonce') });
    expect(authenticator.authenticate(request(sign('n2', Math.floor(now() / 1000) - 301)))).toMatchObject({ ok: false, detail: expect.stringContaining('300 s') });
    expect(authenticator.authenticate(request(sign('n3', Math.floor(now() / 1000) + 299)))).toMatchObject({ ok: true });
    expect(authenticator.authenticate(request(sign('n4', undefined, '/v1/y')))).toMatchObject({ ok: false, status: 401 });
    tick(1000);
    // A forged signature does not spend the nonce the owner will use.
    const forged = `SMS-HMAC-SHA256 KeyId=${customer.keyId}, Timestamp=${Math.floor(now() / 1000)}, Nonce=n5, Signature=${Buffer.alloc(32).toString('base64')}`;
    expect(authenticator.authenticate(request(forged))).toMatchObject({ ok: false });
    expect(authenticator.authenticate(request(sign('n5')))).toMatchObject({ ok: true });
  });

  it('locks a key id out for one source after repeated wrong secrets, not for its owner elsewhere', () => {
    const { authenticator, customer, request } = setup({ AUTH_LOCKOUT_FAILURES: 3, AUTH_LOCKOUT_SECONDS: 60 });
    const wrong = `Bearer ${customer.keyId}.${'x'.repeat(86)}`;
    for (let i = 0; i < 3; i++) expect(authenticator.authenticate(request(wrong))).toMatchObject({ status: 401 });
    expect(authenticator.authenticate(request(`Bearer ${customer.token}`))).toMatchObject({ ok: false, status: 429, code: 'RATE_LIMITED', retryAfterSeconds: 60 });
    expect(authenticator.authenticate(request(`Bearer ${customer.token}`, { source: '10.0.0.2' }))).toMatchObject({ ok: true });
  });

  it('rate-limits each key (429 with Retry-After) and suspends the account of a customer key far over its limit', () => {
    const { authenticator, customer, request, alerts } = setup({ API_RATE_LIMIT: 1, API_RATE_BURST: 2, SECURITY_BURST_FACTOR: 1 });
    const results = Array.from({ length: 70 }, () => authenticator.authenticate(request(`Bearer ${customer.token}`)));
    expect(results.filter((r) => r.ok)).toHaveLength(2);
    expect(results[2]).toMatchObject({ ok: false, status: 429, code: 'RATE_LIMITED', retryAfterSeconds: 1 });
    // 1 a second × 60 s × factor 1 = 60 refused requests in a minute: one alert.
    expect(alerts).toEqual([expect.objectContaining({ accountId: 'acc-1', keyId: customer.keyId, pattern: 'REQUEST_BURST' })]);
  });

  it('never suspends anything for the admin key, however hard it is throttled', () => {
    const { authenticator, request, alerts } = setup({ API_RATE_LIMIT: 1, API_RATE_BURST: 1, SECURITY_BURST_FACTOR: 1 });
    for (let i = 0; i < 200; i++) authenticator.authenticate(request(`Bearer ${ADMIN}`));
    expect(alerts).toEqual([]);
  });

  it("reports a customer key asking for other accounts' ids", () => {
    const { authenticator, customer, request, alerts } = setup({ SECURITY_PROBE_THRESHOLD: 3 });
    const outcome = authenticator.authenticate(request(`Bearer ${customer.token}`));
    if (!outcome.ok) throw new Error('not authenticated');
    authenticator.foreignId(outcome.principal, 'a');
    authenticator.foreignId(outcome.principal, 'b');
    expect(alerts).toEqual([]);
    authenticator.foreignId(outcome.principal, 'c');
    expect(alerts).toEqual([expect.objectContaining({ accountId: 'acc-1', pattern: 'TENANT_PROBING' })]);
  });
});
