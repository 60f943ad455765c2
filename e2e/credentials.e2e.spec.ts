import { signRequest } from '@sms/service-kit';
import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { grpcClient } from './support/grpc';
import { auth, call, E2E_ADMIN_TOKEN, expectStatus } from './support/http';
import { eventually, freePort, RunningProcess, startProcess, tempDir } from './support/processes';

/**
 * Credentials as a client meets them (CONTRACTS.md "Authentication and roles"): keys issued, listed without
 * secrets and revoked at once; SMS-HMAC-SHA256 request signing with its 300 s window and single-use nonces; a rate
 * limit per key; lockout of a key id after wrong secrets (from that address only); and attack patterns from a
 * customer key suspending its account for security, with a reason an operator sees and lifts. Small limits so the
 * patterns are quick to provoke.
 */
describe('credentials, signing, limits and security suspension', () => {
  let platform: RunningProcess & { match: RegExpMatchArray };
  let url: string;
  let grpcPort: number;
  const admin = auth(E2E_ADMIN_TOKEN);

  beforeAll(async () => {
    grpcPort = await freePort();
    platform = await startProcess(
      'apps/platform/src/main.js',
      {
        PORT: '0',
        GRPC_PORT: String(grpcPort),
        SMPP_PORT: '0',
        DATA_DIR: tempDir('credentials'),
        HOST: '127.0.0.1',
        ADMIN_API_KEY: E2E_ADMIN_TOKEN,
        API_RATE_LIMIT: '5',
        API_RATE_BURST: '10',
        AUTH_LOCKOUT_FAILURES: '3',
        AUTH_LOCKOUT_SECONDS: '60',
        SECURITY_BURST_FACTOR: '1',
        SECURITY_PROBE_THRESHOLD: '5',
      },
      /REST API\s+(http:\/\/\S+)\/v1/,
    );
    url = platform.match[1];
  }, 60_000);
  afterAll(() => platform?.stop());

  /** A fresh account and its first key; the admin key has its own rate limit, so tests pace it. */
  const openAccount = async () => {
    const created = await eventually(async () => {
      const response = await call('POST', `${url}/v1/accounts`, { name: 'Cred Ltd', contactEmail: 'c@cred.example' }, admin);
      return response.status === 201 ? response.body : undefined;
    }, 'an account (admin within its rate limit)');
    return { accountId: created.accountId as string, keyId: created.apiKey.keyId as string, secret: created.apiKey.secret as string, token: created.apiKey.token as string };
  };

  const signed = (key: { keyId: string; secret: string }, method: string, path: string, body = '', overrides: { timestamp?: number; nonce?: string; signature?: string } = {}) => {
    const timestamp = String(overrides.timestamp ?? Math.floor(Date.now() / 1000));
    const nonce = overrides.nonce ?? randomUUID();
    const signature = overrides.signature ?? signRequest(key.secret, method, path, timestamp, nonce, body);
    return { authorization: `SMS-HMAC-SHA256 KeyId=${key.keyId}, Timestamp=${timestamp}, Nonce=${nonce}, Signature=${signature}`, ...(body ? { 'content-type': 'application/json' } : {}) };
  };

  it('issues several keys per account, lists them without secrets, and a revoked key is refused at once', async () => {
    const account = await openAccount();
    const second = await expectStatus(201, 'POST', `${url}/v1/accounts/${account.accountId}/api-keys`, { label: 'billing system' }, auth(account.token));
    expect(second).toMatchObject({ keyId: expect.stringMatching(/^ak_/), token: `${second.keyId}.${second.secret}`, roles: ['customer'], label: 'billing system' });
    expect(second.secret.length).toBeGreaterThan(64);

    const list = await expectStatus(200, 'GET', `${url}/v1/accounts/${account.accountId}/api-keys`, undefined, auth(second.token));
    expect(list.items.map((k: { keyId: string }) => k.keyId)).toEqual([account.keyId, second.keyId]);
    expect(JSON.stringify(list)).not.toContain(second.secret);
    expect(JSON.stringify(list)).not.toContain(account.secret);

    await expectStatus(204, 'DELETE', `${url}/v1/accounts/${account.accountId}/api-keys/${second.keyId}`, undefined, auth(account.token));
    expect((await call('GET', `${url}/v1/accounts/${account.accountId}`, undefined, auth(second.token))).status).toBe(401);
    const after = await expectStatus(200, 'GET', `${url}/v1/accounts/${account.accountId}/api-keys`, undefined, auth(account.token));
    expect(after.items.find((k: { keyId: string }) => k.keyId === second.keyId)).toMatchObject({ status: 'REVOKED', revokedAt: expect.any(String) });
    // A key of another account is absent to this one.
    const other = await openAccount();
    expect((await call('DELETE', `${url}/v1/accounts/${account.accountId}/api-keys/${other.keyId}`, undefined, auth(account.token))).body.code).toBe('API_KEY_NOT_FOUND');
  });

  it('accepts SMS-HMAC-SHA256 signatures over method, path, query, time, nonce and body; refuses replays, stale times and tampering', async () => {
    const key = await openAccount();
    const path = `/v1/accounts/${key.accountId}/ledger?limit=5`;
    const headers = signed(key, 'GET', path);
    expect((await call('GET', `${url}${path}`, undefined, headers)).status).toBe(200);
    // The same nonce again: a replay.
    expect((await call('GET', `${url}${path}`, undefined, headers)).body).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', detail: expect.stringContaining('Nonce') });
    // Outside the 300 s window.
    const stale = signed(key, 'GET', path, '', { timestamp: Math.floor(Date.now() / 1000) - 301 });
    expect((await call('GET', `${url}${path}`, undefined, stale)).status).toBe(401);
    // Signed for another query.
    const other = signed(key, 'GET', `/v1/accounts/${key.accountId}/ledger?limit=6`);
    expect((await call('GET', `${url}${path}`, undefined, other)).status).toBe(401);

    // A body is signed byte for byte.
    const body = JSON.stringify({ label: 'signed' });
    const keysPath = `/v1/accounts/${key.accountId}/api-keys`;
    const created = await call('POST', `${url}${keysPath}`, body, signed(key, 'POST', keysPath, body));
    expect([created.status, created.body.label]).toEqual([201, 'signed']);
    const tampered = await call('POST', `${url}${keysPath}`, JSON.stringify({ label: 'tampered' }), signed(key, 'POST', keysPath, body));
    expect(tampered.status).toBe(401);
  });

  it('takes the same signature as gRPC metadata, over POST and the method path', async () => {
    const key = await openAccount();
    const client = grpcClient(`127.0.0.1:${grpcPort}`, 'account.proto', 'sms.account.v1', 'AccountService');
    const invoke = (authorization: string) => {
      const metadata = new grpc.Metadata();
      metadata.set('authorization', authorization);
      return new Promise<any>((resolve, reject) => client.GetAccount({ accountId: '' }, metadata, (error: Error | null, reply: any) => (error ? reject(error) : resolve(reply))));
    };
    try {
      const path = '/sms.account.v1.AccountService/GetAccount';
      await expect(invoke(signed(key, 'POST', path).authorization)).resolves.toMatchObject({ accountId: key.accountId });
      await expect(invoke(signed(key, 'POST', '/sms.account.v1.AccountService/GetLedger').authorization)).rejects.toMatchObject({ code: grpc.status.UNAUTHENTICATED });
      const once = signed(key, 'POST', path).authorization;
      await invoke(once);
      await expect(invoke(once)).rejects.toMatchObject({ code: grpc.status.UNAUTHENTICATED, details: expect.stringContaining('Nonce') });
    } finally {
      client.close();
    }
  });

  it('limits each key to its rate (429 RATE_LIMITED with Retry-After), without touching other keys', async () => {
    const key = await openAccount();
    const other = await openAccount();
    const responses = await Promise.all(Array.from({ length: 25 }, () => fetch(`${url}/v1/accounts/${key.accountId}`, { headers: auth(key.token) })));
    const limited = responses.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(Number(limited[0].headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await limited[0].json()).toMatchObject({ code: 'RATE_LIMITED' });
    expect((await call('GET', `${url}/v1/accounts/${other.accountId}`, undefined, auth(other.token))).status).toBe(200);
  });

  it('locks a key id out after repeated wrong secrets from one address (429 with Retry-After) — never the account', async () => {
    const key = await openAccount();
    for (let i = 0; i < 3; i++) {
      const wrong = await call('GET', `${url}/v1/accounts/${key.accountId}`, undefined, auth(`${key.keyId}.${'x'.repeat(86)}`));
      expect(wrong.status).toBe(401);
    }
    const locked = await fetch(`${url}/v1/accounts/${key.accountId}`, { headers: auth(`${key.keyId}.${'y'.repeat(86)}`) });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    // The account itself is untouched: still ACTIVE, and its other keys work.
    const second = await expectStatus(201, 'POST', `${url}/v1/accounts/${key.accountId}/api-keys`, {}, admin);
    expect(await expectStatus(200, 'GET', `${url}/v1/accounts/${key.accountId}`, undefined, auth(second.token))).toMatchObject({ status: 'ACTIVE' });
  });

  it('suspends the account of a key that bursts far above its limit (security, §7.3.4); an operator sees why and lifts it', async () => {
    const key = await openAccount();
    // Limit 5/s with factor 1: 300 refused requests within a minute is an attack.
    for (let round = 0; round < 12; round++) {
      await Promise.all(Array.from({ length: 40 }, () => fetch(`${url}/v1/accounts/${key.accountId}`, { headers: auth(key.token) }).then((r) => r.arrayBuffer())));
    }
    const suspended = await eventually(async () => {
      const account = await expectStatus(200, 'GET', `${url}/v1/accounts/${key.accountId}`, undefined, admin).catch(() => undefined);
      return account?.status === 'SUSPENDED' ? account : undefined;
    }, 'the account suspended for security');
    expect(suspended.statusReason).toMatch(/^SECURITY: REQUEST_BURST/);
    expect(suspended.statusReason).toContain(key.keyId);

    const lifted = await eventually(async () => {
      const response = await call('DELETE', `${url}/v1/accounts/${key.accountId}/suspension`, { reason: 'customer confirmed a runaway retry loop' }, admin);
      return response.status === 200 ? response.body : undefined;
    }, 'the operator to lift the suspension');
    expect(lifted).toMatchObject({ status: 'ACTIVE' });
    expect(lifted.statusReason).toBeUndefined();
  });

  it("suspends the account of a key that probes other tenants' ids", async () => {
    const prober = await openAccount();
    const victims = [];
    for (let i = 0; i < 5; i++) victims.push(await openAccount());
    for (const victim of victims) {
      const response = await eventually(async () => {
        const r = await call('GET', `${url}/v1/accounts/${victim.accountId}`, undefined, auth(prober.token));
        return r.status === 429 ? undefined : r;
      }, 'a probe within the rate limit');
      expect(response.status).toBe(404);
    }
    const account = await eventually(async () => {
      const a = await expectStatus(200, 'GET', `${url}/v1/accounts/${prober.accountId}`, undefined, admin).catch(() => undefined);
      return a?.status === 'SUSPENDED' ? a : undefined;
    }, 'the prober suspended');
    expect(account.statusReason).toMatch(/^SECURITY: TENANT_PROBING/);
    // Its victims are untouched.
    for (const victim of victims) expect((await expectStatus(200, 'GET', `${url}/v1/accounts/${victim.accountId}`, undefined, auth(victim.token))).status).toBe('ACTIVE');
  });
});
