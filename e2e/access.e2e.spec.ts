import * as protoLoader from '@grpc/proto-loader';
import { protoFile } from '@sms/contracts';
import { grpcClient, unary } from './support/grpc';
import { buildTableFixture, startTablePlatform, type TableTokens } from './support/fixture';
import { auth, call, E2E_ADMIN_TOKEN, expectStatus } from './support/http';
import { eventually, RunningProcess } from './support/processes';
import { type Fixture, GRPC_METHODS, REST_ROUTES } from './support/routes';
import type { SkeletonRun } from './support/scenario';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const GRPC = { UNAUTHENTICATED: 16, PERMISSION_DENIED: 7, NOT_FOUND: 5 };

/**
 * Roles and tenant isolation (CONTRACTS.md "Authentication and roles"), table-driven over every REST route and
 * gRPC method the platform serves: each is called with no credential, with every role it does not allow, with
 * another tenant's key, and with a role it allows.
 */
describe('access: every route and gRPC method', () => {
  let platform: RunningProcess & { match: RegExpMatchArray };
  let url: string;
  let grpcPort: number;
  let run: SkeletonRun;
  let fixture: Fixture;
  /** A key per role: staff keys made by the admin, tenant A's customer key, and tenant B's. */
  let tokens: TableTokens;
  const admin = auth(E2E_ADMIN_TOKEN);

  beforeAll(async () => {
    ({ platform, url, grpcPort } = await startTablePlatform('access'));
    ({ run, fixture, tokens } = await buildTableFixture(url));
  }, 120_000);
  afterAll(() => platform?.stop());

  it('has an entry for every operation of the served OpenAPI document and every gRPC method of the .proto files, with the roles they declare', async () => {
    const document = await expectStatus(200, 'GET', `${url}/docs/openapi.json`);
    const served = Object.entries(document.paths as Record<string, Record<string, any>>).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => METHODS.includes(method))
        .map(([method, operation]) => ({ id: `${method.toUpperCase()} ${path}`, roles: operation['x-roles'] as string[] })),
    );
    const table = new Map(REST_ROUTES.map((r) => [`${r.method} ${r.path}`, r.roles]));
    expect(served.map((s) => s.id).filter((id) => !table.has(id))).toEqual([]);
    expect([...table.keys()].filter((id) => !served.some((s) => s.id === id))).toEqual([]);
    for (const operation of served) expect([operation.id, [...operation.roles].sort()]).toEqual([operation.id, [...(table.get(operation.id) ?? [])].sort()]);

    const methods = ['account.proto', 'review.proto', 'dispatch.proto'].flatMap((file) =>
      Object.entries(protoLoader.loadSync(protoFile(file), { keepCase: true }))
        .filter(([, definition]) => typeof definition === 'object' && Object.values(definition).some((m: any) => m?.path))
        .flatMap(([service, definition]) => Object.keys(definition).map((method) => `${service}/${method}`)),
    );
    expect(methods.sort()).toEqual(GRPC_METHODS.map((m) => m.name).sort());
  });

  describe.each(REST_ROUTES.map((route) => [`${route.method} ${route.path}`, route] as const))('%s', (_id, route) => {
    const send = (token: string | undefined) => {
      const { path, body } = route.request(fixture);
      return call(route.method, `${url}${path}`, body, token ? auth(token) : {});
    };

    it('refuses a call without a credential (401 UNAUTHENTICATED), unless public', async () => {
      const response = await send(undefined);
      if (route.roles.includes('public')) expect(response.status).toBe(200);
      else expect([response.status, response.body.code, response.contentType]).toEqual([401, 'UNAUTHENTICATED', expect.stringContaining('problem+json')]);
    });

    it('refuses every role it does not allow (403 FORBIDDEN) and serves those it allows', async () => {
      for (const role of ['customer', 'reviewer', 'operator'] as const) {
        const response = await send(tokens[role]);
        if (route.roles.includes(role) || route.roles.includes('public')) {
          expect([role, response.status < 500, [401, 403].includes(response.status)]).toEqual([role, true, false]);
        } else {
          expect([role, response.status, response.body.code]).toEqual([role, 403, 'FORBIDDEN']);
        }
      }
    });

    if (route.foreignCode) {
      it(`answers another tenant's key about tenant A's resource with 404 ${route.foreignCode}, never data`, async () => {
        const response = await send(tokens['other-tenant']);
        expect([response.status, response.body.code]).toEqual([404, route.foreignCode]);
        expect(JSON.stringify(response.body)).not.toMatch(/balance|phoneNumber|content|"items"/);
      });
    }
  });

  describe.each(GRPC_METHODS.map((method) => [method.name, method] as const))('gRPC %s', (_name, method) => {
    const invoke = (token: string | undefined) => {
      const [qualified, rpc] = method.name.split('/');
      const pkg = qualified.split('.').slice(0, -1).join('.');
      const client = grpcClient(`127.0.0.1:${grpcPort}`, method.file, pkg, qualified.split('.').pop() as string);
      return unary<any>(client, rpc, method.request(fixture), token)
        .then((reply) => ({ code: 0, reply }))
        .catch((error: { code: number; details: string }) => ({ code: error.code, reply: error.details }))
        .finally(() => client.close());
    };

    it('refuses a call without a credential (UNAUTHENTICATED), a role it does not allow (PERMISSION_DENIED), and serves those it allows', async () => {
      expect((await invoke(undefined)).code).toBe(GRPC.UNAUTHENTICATED);
      for (const role of ['customer', 'reviewer', 'operator'] as const) {
        const outcome = await invoke(tokens[role]);
        if (method.roles.includes(role)) expect([role, [GRPC.UNAUTHENTICATED, GRPC.PERMISSION_DENIED].includes(outcome.code)]).toEqual([role, false]);
        else expect([role, outcome.code]).toEqual([role, GRPC.PERMISSION_DENIED]);
      }
    });

    if (method.foreign) {
      it("answers another tenant's key about tenant A's resource with NOT_FOUND", async () => {
        const outcome = await invoke(tokens['other-tenant']);
        expect(outcome.code).toBe(GRPC.NOT_FOUND);
      });
    }
  });

  it("keeps each tenant's lists to its own resources", async () => {
    const other = auth(tokens['other-tenant']);
    expect((await expectStatus(200, 'GET', `${url}/v1/messages`, undefined, other)).items).toEqual([]);
    expect((await expectStatus(200, 'GET', `${url}/v1/inbound-messages`, undefined, other)).items).toEqual([]);
    const mine = await expectStatus(200, 'GET', `${url}/v1/messages`, undefined, auth(run.customerToken));
    expect(mine.items.map((m: { accountId: string }) => m.accountId)).toEqual(mine.items.map(() => run.accountId));
    expect(mine.items.length).toBeGreaterThanOrEqual(3);
  });

  it("keeps the account's disclosure log: recorded by an operator with its legal basis, read by the account itself", async () => {
    const disclosure = { recipient: 'Hangzhou Internet Court', legalBasis: 'legal-request', scope: 'delivery records of one batch', reference: 'HZC-2026-88' };
    const recorded = await expectStatus(201, 'POST', `${url}/v1/accounts/${fixture.accountId}/disclosures`, disclosure, auth(tokens.operator));
    expect(recorded).toMatchObject({ ...disclosure, disclosureId: expect.any(String), disclosedBy: expect.stringMatching(/^ak_/), recordedAt: expect.any(String) });
    expect(await expectStatus(200, 'POST', `${url}/v1/accounts/${fixture.accountId}/disclosures`, disclosure, auth(tokens.operator))).toEqual(recorded);
    const reused = await call('POST', `${url}/v1/accounts/${fixture.accountId}/disclosures`, { ...disclosure, scope: 'everything' }, auth(tokens.operator));
    expect([reused.status, reused.body.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    const bad = await call('POST', `${url}/v1/accounts/${fixture.accountId}/disclosures`, { ...disclosure, legalBasis: 'curiosity' }, auth(tokens.operator));
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const list = await expectStatus(200, 'GET', `${url}/v1/accounts/${fixture.accountId}/disclosures`, undefined, auth(run.customerToken));
    expect(list.items).toEqual(expect.arrayContaining([recorded]));
  });

  it('records every staff action in the audit log, with who, what and why', async () => {
    await expectStatus(200, 'POST', `${url}/v1/accounts/${fixture.spareAccountId}/suspension`, { reason: 'audit check' }, auth(tokens.reviewer)).catch(() => undefined);
    const entries = await eventually(async () => {
      const page = await expectStatus(200, 'GET', `${url}/v1/audit-log?accountId=${fixture.spareAccountId}`, undefined, admin);
      return page.items.some((e: { reason?: string }) => e.reason === 'audit check') ? page.items : undefined;
    }, 'the suspension in the audit log');
    expect(entries.find((e: { reason?: string }) => e.reason === 'audit check')).toMatchObject({
      action: 'POST /v1/accounts/:accountId/suspension',
      target: { accountId: fixture.spareAccountId },
      actorRoles: ['reviewer'],
      actorKeyId: expect.stringMatching(/^ak_/),
      at: expect.any(String),
    });
    // A decision names its account through what it answered, so the account's audit trail has it.
    const ofA = await expectStatus(200, 'GET', `${url}/v1/audit-log?accountId=${fixture.accountId}&limit=500`, undefined, admin);
    expect(ofA.items.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['POST /v1/templates/:templateId/decision', 'POST /v1/accounts/:accountId/deposits']));
    // Customers' own calls are not staff actions.
    const all = await expectStatus(200, 'GET', `${url}/v1/audit-log?limit=500`, undefined, admin);
    expect(all.items.every((e: { actorRoles: string[] }) => !e.actorRoles.includes('customer'))).toBe(true);
  });
});
