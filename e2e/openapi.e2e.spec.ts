import { auth, call, E2E_ADMIN_TOKEN, expectStatus } from './support/http';
import { RunningProcess, startProcess, tempDir } from './support/processes';

const PROBLEM_JSON = 'application/problem+json';
const PROBLEM_REF = '#/components/schemas/ProblemDetails';
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/**
 * The OpenAPI document `npm start` serves at /docs/openapi.json, read as a client generator would: every operation
 * says what it answers on success and which problem+json errors it can return, and lists each parameter once.
 */
describe('served OpenAPI document', () => {
  let platform: RunningProcess & { match: RegExpMatchArray };
  let url: string;
  let document: any;
  let operations: Array<{ id: string; path: string; method: string; operation: any }>;

  beforeAll(async () => {
    platform = await startProcess(
      'apps/platform/src/main.js',
      { PORT: '0', GRPC_PORT: '0', SMPP_PORT: '0', DATA_DIR: tempDir('openapi'), HOST: '127.0.0.1', ADMIN_API_KEY: E2E_ADMIN_TOKEN },
      /REST API\s+(http:\/\/\S+)\/v1/,
    );
    url = platform.match[1];
    document = await expectStatus(200, 'GET', `${url}/docs/openapi.json`);
    operations = Object.entries(document.paths as Record<string, Record<string, any>>).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => METHODS.includes(method))
        .map(([method, operation]) => ({ id: `${method.toUpperCase()} ${path}`, path, method, operation })),
    );
  }, 60_000);
  afterAll(() => platform?.stop());

  it('has the REST operations', () => {
    expect(operations.map((o) => o.id)).toEqual(expect.arrayContaining(['POST /v1/accounts', 'POST /v1/messages', 'GET /v1/messages/{messageId}', 'POST /v1/templates']));
  });

  it('gives every operation a 2xx response with a schema', () => {
    const missing = operations.filter(({ operation }) =>
      !Object.entries(operation.responses).some(
        ([status, response]: [string, any]) => /^2\d\d$/.test(status) && (status === '204' || Object.values(response.content ?? {}).some((media: any) => media.schema)),
      ),
    );
    expect(missing.map((o) => o.id)).toEqual([]);
  });

  it('gives every operation at least one 4xx problem+json response, all of them with the shared ProblemDetails schema', () => {
    const without4xx = operations.filter(({ operation }) => !Object.keys(operation.responses).some((status) => /^4\d\d$/.test(status)));
    expect(without4xx.map((o) => o.id)).toEqual([]);

    const wrong = operations.flatMap(({ id, operation }) =>
      Object.entries(operation.responses)
        .filter(([status]) => /^[45]\d\d$/.test(status))
        .filter(([, response]: [string, any]) => Object.keys(response.content ?? {}).join() !== PROBLEM_JSON || response.content[PROBLEM_JSON].schema?.$ref !== PROBLEM_REF)
        .map(([status]) => `${id} ${status}`),
    );
    expect(wrong).toEqual([]);
  });

  it('defines ProblemDetails as RFC 9457 plus our code and the validation errors', () => {
    const schema = document.components.schemas.ProblemDetails;
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['type', 'title', 'status', 'detail', 'code', 'instance', 'errors']));
    expect(schema.required).toEqual(['type', 'title', 'status', 'detail', 'code']);
    expect(schema.properties.errors.items).toEqual({ $ref: '#/components/schemas/ProblemField' });
  });

  it('lists each parameter of an operation once (header names compared without case), path parameters as required', () => {
    const twice = operations.flatMap(({ id, operation }) => {
      const keys = (operation.parameters ?? []).map((p: any) => `${p.in}:${p.in === 'header' ? p.name.toLowerCase() : p.name}`);
      return keys.filter((key: string, i: number) => keys.indexOf(key) !== i).map((key: string) => `${id} ${key}`);
    });
    expect(twice).toEqual([]);
    const optionalPath = operations.flatMap(({ id, operation }) => (operation.parameters ?? []).filter((p: any) => p.in === 'path' && p.required !== true).map((p: any) => `${id} ${p.name}`));
    expect(optionalPath).toEqual([]);
  });

  it('documents Idempotency-Key on POST /v1/messages as one optional header', () => {
    const headers = document.paths['/v1/messages'].post.parameters.filter((p: any) => p.in === 'header');
    expect(headers).toEqual([expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: false })]);
  });

  it('declares both security schemes, and on every operation who may call it', () => {
    expect(document.components.securitySchemes).toEqual({
      bearer: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
      'SMS-HMAC-SHA256': expect.objectContaining({ type: 'apiKey', in: 'header', name: 'Authorization' }),
    });
    const undeclared = operations.filter(({ operation }) => !Array.isArray(operation['x-roles']) || operation['x-roles'].length === 0);
    expect(undeclared.map((o) => o.id)).toEqual([]);
    const unsecured = operations.filter(({ operation }) => !operation['x-roles'].includes('public')).filter(({ operation }) => {
      const schemes = (operation.security ?? []).flatMap((s: object) => Object.keys(s));
      return !schemes.includes('bearer') || !schemes.includes('SMS-HMAC-SHA256') || !operation.responses['401'] || !operation.responses['403'];
    });
    expect(unsecured.map((o) => o.id)).toEqual([]);
    expect(document.paths['/v1/prices'].get['x-roles']).toEqual(['public']);
    expect(document.paths['/v1/accounts'].post['x-roles']).toEqual(['operator']);
  });

  it.each([
    ['GET', '/v1/messages/no-such-message', 404, 'MESSAGE_NOT_FOUND', undefined, {}],
    ['GET', '/v1/accounts/no-such-account', 404, 'ACCOUNT_NOT_FOUND', undefined, {}],
    ['POST', '/v1/messages', 403, 'FORBIDDEN', {}, {}],
    ['POST', '/v1/accounts', 400, 'VALIDATION_FAILED', {}, {}],
    ['GET', '/v1/accounts/no-such-account', 401, 'UNAUTHENTICATED', undefined, { authorization: 'Bearer ak_nobody.nothing' }],
    ['POST', '/v1/screenings', 400, 'VALIDATION_FAILED', '{"content": ', {}],
    ['POST', '/v1/screenings', 413, 'PAYLOAD_TOO_LARGE', { content: 'x'.repeat(3_000_000), kind: 'notification' }, {}],
    ['POST', '/v1/screenings', 415, 'UNSUPPORTED_MEDIA_TYPE', { content: 'hi', kind: 'notification' }, { 'content-type': 'application/json; charset=latin1' }],
  ] as const)('%s %s → %i %s: a status the operation declares, a body that fits ProblemDetails', async (method, path, status, code, body, headers) => {
    const response = await call(method, `${url}${path}`, body, { ...auth(E2E_ADMIN_TOKEN), ...headers });
    expect([response.status, response.body.code]).toEqual([status, code]);
    expect(response.contentType).toContain(PROBLEM_JSON);

    const template = Object.keys(document.paths).find((p) => new RegExp(`^${p.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path));
    const declared = document.paths[template as string][method.toLowerCase()].responses[String(status)];
    expect(declared?.content?.[PROBLEM_JSON]?.examples?.[code]).toBeDefined();

    const schema = document.components.schemas.ProblemDetails;
    expect(Object.keys(response.body).filter((key) => !(key in schema.properties))).toEqual([]);
    for (const key of schema.required) expect(response.body).toHaveProperty(key);
    expect(response.body.instance).toBe(path);
  });
});
