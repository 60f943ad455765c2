import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { protoFile } from '@sms/contracts';
import { signRequest } from '@sms/service-kit';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { buildTableFixture, startTablePlatform, type TableTokens } from './support/fixture';
import { auth, E2E_ADMIN_TOKEN, expectStatus } from './support/http';
import type { RunningProcess } from './support/processes';
import { type RawRequest, type RawResponse, sendRaw } from './support/raw-http';
import { type Fixture, GRPC_METHODS, type GrpcMethod, REST_ROUTES, type RestRoute, type Role } from './support/routes';

/**
 * Fuzz over the route table (CONTRACTS.md "Conventions": malformed bodies, wrong content types or encodings,
 * oversized or too deeply nested bodies are 4xx problem+json — never 5xx). Every entry of REST_ROUTES gets a few
 * dozen malformed variants of its table request, made by fast-check from one seed, sent with a valid key of a role
 * the route allows (so they reach the parsers, validation and the handlers, not the 401 wall): wrong JSON types per
 * field, missing and extra fields (prototype keys among them), malformed JSON text, deep nesting, wrong media types,
 * charsets and encodings, oversized bodies, garbage path parameters and query strings, and on a subset malformed
 * Authorization headers and correctly signed SMS-HMAC-SHA256 requests. Every answer must be below 500, and every 4xx
 * application/problem+json with a string `code`; offenders are collected and reported together. The gRPC methods get
 * a lighter pass: no INTERNAL or UNKNOWN.
 *
 * Reproduce a run with its seed: FUZZ_SEED=<seed> npx jest -c jest.config.js e2e/fuzz.e2e.spec.ts --selectProjects e2e
 */
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
const CONCURRENCY = 8;
const BODY_LIMIT = 2 * 1024 * 1024;

/**
 * What keeps tenant A's money untouched. The routes that move money when called validly are these (a deposit adds
 * to the balance, a send reserves, an adjustment or a service credit changes the balance, a termination refunds it). Every body the fuzz builds for them — in every family, including the raw-text,
 * media-type, path, query and auth ones — starts from a copy of the table body in which one of the listed required
 * fields is removed or holds a value of another JSON type, and that poison is applied after every other mutation,
 * so nothing (an extra field, a duplicate key) can restore it. The DTOs require those fields with their JSON type
 * (IsString, IsArray, IsObject; no implicit conversion), and text that is not JSON is refused at the edge, so no
 * fuzzed deposit or send can be valid. On gRPC, a Deposit's amount is always empty or starts with a letter (not a
 * decimal) — and so is an adjustment's or a credit's — and a send's phoneNumbers is always empty (at least one is required). Suspensions touch only the spare
 * account. The balance, reserved and available amounts of A and of the spare account, A's status and A's ledger are
 * compared before and after: a money-moving route added to the table without an entry here is caught there as soon
 * as one of its fuzzed requests happens to be valid. The erasure route is poisoned the same way (its one field,
 * `reason`): an erasure moves no money but cannot be undone, and the comparison below would not see it.
 */
const MONEY_MOVING: Record<string, string[]> = {
  'POST /v1/accounts/{accountId}/deposits': ['amount', 'reference'],
  'POST /v1/messages': ['signatureId', 'templateId', 'params', 'phoneNumbers'],
  'POST /v1/accounts/{accountId}/adjustments': ['amount', 'reason', 'reference'],
  'POST /v1/accounts/{accountId}/service-credits': ['messageIds', 'amount', 'reason'],
  // Not money until the account's reservations settle, then all of it (a refund), and final.
  'POST /v1/accounts/{accountId}/termination': ['reason', 'basis'],
  // Not money, but as final: a valid erasure destroys an account's data for good (ADR 0017). Poisoned like the
  // money-moving routes, so the fuzz never erases an account, whatever id its path mutations land on.
  'POST /v1/accounts/{accountId}/erasure': ['reason'],
  // Not money either, but a valid window would answer every later send of the run 503 (ADR 0018): never valid here.
  'PUT /v1/maintenance': ['active'],
};
const MONEY_MOVING_GRPC = new Set([
  'sms.account.v1.AccountService/Deposit',
  'sms.account.v1.AccountService/AdjustFunds',
  'sms.account.v1.AccountService/GrantServiceCredit',
  'sms.dispatch.v1.DispatchService/SendMessages',
]);
/** Their amount is never a decimal: empty, or prefixed with a letter. */
const AMOUNT_POISONED_GRPC = new Set(['sms.account.v1.AccountService/Deposit', 'sms.account.v1.AccountService/AdjustFunds', 'sms.account.v1.AccountService/GrantServiceCredit']);

// ---------------------------------------------------------------------------------------------------------------
// Values

const huge = (unit: string, bytes: number) => unit.repeat(Math.ceil(bytes / Buffer.byteLength(unit)));

const oddStrings: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '', ' ', '\u0000', 'a\u0000b', '\ud800', '\udfff', '\u202e', '\ufeff', '\u200b', '👨‍👩‍👧‍👦', '𝕏', 'Ω≈ç√∫', '１２３',
    'null', 'undefined', 'NaN', 'true', '[]', '{}', '__proto__', 'constructor', 'prototype', 'hasOwnProperty',
    '../../etc/passwd', '%00', '${code}', '${', '}}{{', '<script>alert(1)</script>', "' OR 1=1 --",
    '\r\nX-Injected: 1',
    'a'.repeat(65),
    '+8613800138000'.repeat(3),
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(1_000, 70_000, 600_000).map((bytes) => huge('字', bytes)),
);

/** Amounts that are strings but no decimal of 4 places > 0, or are one only at the edges. */
const oddAmounts = fc.constantFrom('-1', '-0.01', '0', '0.0000', '0.00001', '1e3', '1E-2', '99999999999999999999999999.9999', '9'.repeat(400), 'NaN', 'Infinity', ' 1.00', '1,00', '0x10', '+1', '.5', '5.', '１００', '1_000');

const oddNumbers = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, -1, 1.5, -0.01, 1e308, -1e308, 2 ** 53 + 1, Number.MAX_SAFE_INTEGER, 5e-324),
);

/** Objects with own prototype keys (JSON.parse makes `__proto__` an own property, and JSON.stringify writes it). */
const prototypeKeys = fc.constantFrom(
  JSON.parse('{"__proto__":{"roles":["operator"],"polluted":true}}'),
  JSON.parse('{"constructor":{"prototype":{"polluted":true}}}'),
  JSON.parse('{"__proto__":null}'),
  { hasOwnProperty: 1, toString: 'x', valueOf: [] },
);

const wrongValues: fc.Arbitrary<unknown> = fc.oneof(
  oddNumbers, fc.boolean(), fc.constant(null), oddStrings, oddAmounts,
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
  prototypeKeys,
  fc.constantFrom([], {}, [null], [[]], ['13800138000', 5]),
);

type JsonType = 'string' | 'number' | 'boolean' | 'null' | 'array' | 'object';
const jsonType = (value: unknown): JsonType => (value === null ? 'null' : Array.isArray(value) ? 'array' : (typeof value as JsonType));
const VALUES_OF_TYPE: Record<JsonType, fc.Arbitrary<unknown>> = {
  string: fc.oneof(oddStrings, oddAmounts),
  number: oddNumbers,
  boolean: fc.boolean(),
  null: fc.constant(null),
  array: fc.oneof(fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }), fc.constant(['0.01'])),
  object: fc.oneof(fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }), prototypeKeys),
};
/** A value whose JSON type is not that of `value`. */
const otherTypeThan = (value: unknown) => fc.oneof(...(Object.keys(VALUES_OF_TYPE) as JsonType[]).filter((type) => type !== jsonType(value)).map((type) => VALUES_OF_TYPE[type]));

// ---------------------------------------------------------------------------------------------------------------
// Bodies

type Path = Array<string | number>;
const REMOVE = Symbol('remove');

const clone = <T>(value: T): T => (value === undefined ? value : JSON.parse(JSON.stringify(value)));

/** Every key path of a JSON value: `['documents']`, `['documents', 0]`, `['documents', 0, 'kind']`, … */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [];
  return Object.keys(value).flatMap((key) => {
    const step = Array.isArray(value) ? Number(key) : key;
    return [[...prefix, step], ...pathsOf((value as Record<string, unknown>)[key], [...prefix, step])];
  });
}

/** A copy of `body` with the value at `path` replaced (an own property even for `__proto__`), or removed. */
function setAt(body: unknown, path: Path, value: unknown): unknown {
  const copy = clone(body);
  let node = copy as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) node = node[step] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (value === REMOVE) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else {
    Object.defineProperty(node, last, { value: clone(value), enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

const deepArray = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const deepObject = (depth: number) => '{"a":'.repeat(depth - 1) + '{}' + '}'.repeat(depth - 1);

// ---------------------------------------------------------------------------------------------------------------
// Requests

interface Variant {
  family: string;
  role: Role | 'public';
  method: string;
  target: string;
  headers: Array<[string, string]>;
  body?: Buffer;
  chunked?: boolean;
  /** Sign the request with the role's signing key (SMS-HMAC-SHA256) instead of a bearer token. */
  sign?: boolean;
  /** Use these Authorization headers as they are (malformed ones) instead of the role's key. */
  authorization?: string[];
}

interface Shape {
  id: string;
  route: RestRoute;
  method: string;
  /** The table request's path, without its query. */
  path: string;
  query: string;
  /** Path segments that are parameters: their index and the table's value. */
  params: Array<{ index: number; value: string }>;
  body: unknown;
  /** Required fields of a money-moving route, one of which every body poisons. */
  poisonFields?: string[];
  queryParams: QueryParam[];
}

function shapeOf(route: RestRoute, fixture: Fixture, openapi: { paths: Record<string, Record<string, { parameters?: Array<QueryParam & { in: string }> }>> }): Shape {
  const { path: full, body } = route.request(fixture);
  const [path, query = ''] = full.split('?');
  const template = route.path.split('/');
  const params = path
    .split('/')
    .map((value, index) => ({ index, value }))
    .filter(({ index }) => template[index]?.startsWith('{'));
  const id = `${route.method} ${route.path}`;
  const queryParams = (openapi.paths[route.path]?.[route.method.toLowerCase()]?.parameters ?? []).filter((p) => p.in === 'query');
  return { id, route, method: route.method, path, query, params, body, poisonFields: MONEY_MOVING[id], queryParams };
}

/** The table body of a route, poisoned when it moves money; `mutate` runs before the poison, so it cannot undo it. */
function baseBody(shape: Shape): fc.Arbitrary<(mutate?: (body: unknown) => unknown) => unknown> {
  if (!shape.poisonFields) return fc.constant((mutate = (body: unknown) => body) => mutate(clone(shape.body)));
  const valid = shape.body as Record<string, unknown>;
  const poison = fc.constantFrom(...shape.poisonFields).chain((field) => fc.record({ field: fc.constant(field), value: fc.oneof(fc.constant<unknown>(REMOVE), otherTypeThan(valid[field])) }));
  return poison.map(({ field, value }) => (mutate = (body: unknown) => body) => {
    const mutated = mutate(clone(valid));
    // A mutation may have replaced the whole body by a non-object: that is no valid body either.
    return mutated !== null && typeof mutated === 'object' && !Array.isArray(mutated) ? setAt(mutated, [field], value) : mutated;
  });
}

const json = (value: unknown) => Buffer.from(JSON.stringify(value) ?? 'null', 'utf8');
const JSON_HEADERS: Array<[string, string]> = [['Content-Type', 'application/json']];

/** Variants that change the body of a route with one. */
function bodyFamilies(shape: Shape, role: fc.Arbitrary<Role | 'public'>): Array<[fc.Arbitrary<Variant>, number]> {
  const target = shape.query ? `${shape.path}?${shape.query}` : shape.path;
  const base = baseBody(shape);
  const paths = pathsOf(shape.body);
  const nestedPaths = paths.filter((path) => path.length > 1);
  const variant = (family: string, body: fc.Arbitrary<Buffer>, headers: fc.Arbitrary<Array<[string, string]>> = fc.constant(JSON_HEADERS), extra: Partial<Variant> = {}) =>
    fc.record({ role, body, headers }).map((v): Variant => ({ family, method: shape.method, target, ...v, ...extra }));

  const fieldType = fc
    .tuple(base, fc.constantFrom(...paths), wrongValues, fc.boolean())
    .map(([make, path, value, sign]) => ({ body: json(make((b) => setAt(b, path, value))), sign }));
  const missing = fc.tuple(base, fc.subarray(paths, { minLength: 1 })).map(([make, gone]) => json(make((b) => [...gone].reverse().reduce((acc, path) => setAt(acc, path, REMOVE), b))));
  const extra = fc
    .tuple(base, fc.oneof(prototypeKeys, fc.dictionary(fc.string({ maxLength: 12 }), wrongValues, { minKeys: 1, maxKeys: 3 })), fc.option(nestedPaths.length > 0 ? fc.constantFrom(...nestedPaths) : fc.constant(undefined), { nil: undefined }))
    .map(([make, keys, nested]) =>
      json(
        make((b) => {
          const host = nested ? nested.slice(0, -1) : [];
          let result = b;
          for (const key of Object.keys(keys)) result = host.length === 0 ? setAt(result, [key], keys[key]) : setAt(result, [...host, key], keys[key]);
          return result;
        }),
      ),
    );
  // Whole bodies that are no object of the route: only nested objects, so no top-level field of a valid body appears.
  const shapes = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }).map((value) => json([value])),
    fc.constantFrom('null', '"text"', '1', 'true', '[]', '{}', '""', '-0', '1e400').map((text) => Buffer.from(text)),
    fc.constantFrom(31, 32, 33, 200, 100_000).map((depth) => Buffer.from(deepArray(depth))),
    fc.constantFrom(31, 32, 33, 5_000).map((depth) => Buffer.from(deepObject(depth))),
    base.map((make) => json([make()])),
    base.map((make) => json({ data: make() })),
  );
  const text = fc.tuple(base, fc.nat(), fc.string({ unit: 'binary', maxLength: 8 })).chain(([make, cut, noise]) => {
    const valid = JSON.stringify(make());
    const firstKey = Object.keys((shape.body ?? {}) as object)[0] ?? 'a';
    return fc.constantFrom<Buffer>(
      Buffer.from(valid.slice(0, cut % Math.max(1, valid.length))),
      Buffer.from(`${valid.slice(0, -1)},}`),
      Buffer.from(valid.replace(/"/g, "'")),
      Buffer.from(valid.replace(/"([^"]+)":/g, '$1:')),
      Buffer.from(`/* comment */${valid}`),
      Buffer.from(`${valid}${noise}`),
      Buffer.from(`${valid}${valid}`),
      Buffer.from(`{"${firstKey}":NaN,${valid.slice(1)}`),
      Buffer.from(`{"${firstKey}":1e400,${valid.slice(1)}`),
      // Duplicate keys: JSON.parse keeps the last, the base's own, so a poisoned base stays poisoned.
      Buffer.from(`{"${firstKey}":${JSON.stringify(noise)},"${firstKey}":[],${valid.slice(1)}`),
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(valid)]),
      Buffer.concat([Buffer.from('{"x":"'), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xc0, 0xaf, 0xed, 0xa0, 0x80]), Buffer.from(`",${valid.slice(1)}`)]),
      Buffer.from(valid, 'utf16le'),
      Buffer.from(`{"${firstKey}":"\\ud800\\u0000\\uZZZZ"}`),
      Buffer.from(`${' \t\r\n'.repeat(10_000)}${valid}`),
      Buffer.from(`{"${firstKey}":"${'x'.repeat(100_000)}`),
      Buffer.from('\u0000\u0000\u0000'),
      Buffer.from(noise || '\u0001'),
    );
  });
  const mediaTypes = fc.constantFrom<Array<[string, string]>>(
    [],
    [['Content-Type', 'text/plain']],
    [['Content-Type', 'application/x-www-form-urlencoded']],
    [['Content-Type', 'multipart/form-data; boundary=xyz']],
    [['Content-Type', 'application/xml']],
    [['Content-Type', 'text/csv']],
    [['Content-Type', 'application/json; charset=iso-8859-1']],
    [['Content-Type', 'application/json; charset=utf-16']],
    [['Content-Type', 'application/json; charset']],
    [['Content-Type', 'application/json; charset="utf-8"']],
    [['Content-Type', 'application/json;charset=UTF-8;;']],
    [['Content-Type', 'APPLICATION/JSON']],
    [['Content-Type', 'application/merge-patch+json']],
    [['Content-Type', 'application/json, text/plain']],
    [['Content-Type', 'application/']],
    [['Content-Type', '/json']],
    [['Content-Type', ';;;']],
    [['Content-Type', 'application/json'], ['Content-Type', 'text/plain']],
    [['Content-Type', 'application/json'], ['Content-Encoding', 'gzip']],
    [['Content-Type', 'application/json'], ['Content-Encoding', 'br']],
    [['Content-Type', 'application/json'], ['Content-Encoding', 'identity, gzip']],
    [['Content-Type', 'application/json'], ['Content-Encoding', '\u00ff\u00fe']],
    [['Content-Type', 'application/json'], ['Content-Length', '0']],
    [['Content-Type', 'application/json'], ['Content-Length', '-1']],
    [['Content-Type', 'application/json'], ['Content-Length', 'abc']],
    [['Content-Type', 'application/json'], ['Transfer-Encoding', 'gzip, chunked']],
  );
  const formBody = base.map((make) => {
    const body = make();
    const flat = body !== null && typeof body === 'object' ? Object.entries(body as object).map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : (JSON.stringify(v) ?? '')]) : [];
    return Buffer.from(new URLSearchParams(flat).toString());
  });
  const headerJunk = fc.constantFrom<Array<[string, string]>>(
    [['Idempotency-Key', '']],
    [['Idempotency-Key', 'k'.repeat(8_000)]],
    [['Idempotency-Key', '字\u0000']],
    [['Idempotency-Key', 'a'], ['Idempotency-Key', 'b']],
    [['X-Forwarded-For', '999.999.999.999, ::zz, garbage']],
    [['Accept', 'text/csv']],
    [['Accept', '*/*;q=garbage, application/json;q=-1']],
    [['Accept-Charset', 'utf-16']],
    [['Expect', '100-continue']],
    [['X-HTTP-Method-Override', 'DELETE']],
  );

  return [
    [fieldType.chain(({ body, sign }) => variant('field-type', fc.constant(body), undefined, { sign })), 10],
    [variant('field-missing', missing), 3],
    [variant('field-extra', extra), 4],
    [variant('body-shape', shapes), 4],
    [variant('json-text', text), 6],
    [fc.oneof(variant('media-type', base.map((make) => json(make())), mediaTypes), variant('media-type', formBody, fc.constant([['Content-Type', 'application/x-www-form-urlencoded']] as Array<[string, string]>))), 5],
    [variant('chunked', fc.oneof(base.map((make) => json(make())), shapes), fc.constant(JSON_HEADERS), { chunked: true }), 1],
    [variant('headers', base.map((make) => json(make())), headerJunk.map((junk) => [...JSON_HEADERS, ...junk])), 2],
    // A body one byte over the limit: declared (refused before it is read) or chunked (refused while read).
    [
      fc
        .tuple(variant('oversized', base.map((make) => json({ ...(make() as object), pad: 'x'.repeat(BODY_LIMIT) }).subarray(0, BODY_LIMIT + 1))), fc.boolean())
        .map(([v, chunked]) => ({ ...v, chunked })),
      1,
    ],
  ];
}

/** Path parameters that are no id: traversal, NUL, broken or overlong percent-encoding, prototype keys, other ids. */
function idGarbage(fixture: Fixture): fc.Arbitrary<(real: string) => string> {
  const replace = fc.constantFrom(
    '..', '.', '%2e%2e', '%2E%2E%2F%2E%2E', '..%2F..%2F..%2Fetc%2Fpasswd', '../../../../etc/passwd', '%00', 'a%00b',
    '%', '%zz', '%c0%af', '%ff%fe', '%E2%80%AE', '%F0%9F%98%80', '%ED%A0%80', '__proto__', 'constructor',
    'hasOwnProperty', 'toString', '0', '-1', '1e999', 'null', 'undefined', 'ak_', 'ak_AAAAAAAAAAAAAAAAAAAAAAAA', '*',
    '$', "'", '"', '<>', '字', '%20', 'x'.repeat(5_000), 'x'.repeat(9_000), ';x=1', '?x', '#x', fixture.messageId,
    fixture.signatureId, fixture.templateId,
  );
  return fc.oneof(
    replace.map((garbage) => () => garbage),
    fc.uuid().map((uuid) => () => uuid),
    fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 30 }).map((text) => () => encodeURIComponent(text)),
    fc.constantFrom(
      (real: string) => `${real}%20`, (real: string) => `${real}/`, (real: string) => `${real}//`,
      (real: string) => `${real}/..`, (real: string) => `${real}%2F..`, (real: string) => `${real}..`,
      (real: string) => `${real}%00`, (real: string) => real.toUpperCase(),
      (real: string) => real.slice(0, -1),
      (real: string) => `${real}${real}`,
      (real: string) => encodeURIComponent(encodeURIComponent(real)),
    ),
  );
}

const b64 = (text: string) => Buffer.from(text).toString('base64url');
/** Names of no route's query, and ones that the query parser turns into arrays or objects. */
const strayNames = fc.constantFrom('batchId', 'type', 'at', '__proto__', 'constructor', 'limit[]', 'limit[$gt]', 'accountId[]', 'accountId[__proto__]', '', '%00', '字');
const anyValues = fc.oneof(
  fc.constantFrom('-1', '0', '1e9', 'abc', '1.5', '', '%00', '%zz', '%', 'null', '[]', '9'.repeat(400), 'x'.repeat(5_000), '%E5%AD%97', '字', "'%20OR%201=1--", '%F0%9F%98%80', '%ED%A0%80'),
  fc.string({ unit: 'binary-ascii', maxLength: 20 }).map((text) => encodeURIComponent(text)),
);
const numberValues = fc.oneof(
  fc.constantFrom('-1', '0', '1', '1e3', '1e9', '1e400', '0x10', '1.5', '-0', 'NaN', 'Infinity', '9007199254740993', '99999999999999999999', ' 5', '5%20', '%2B5', '١٢', '1_0'),
  fc.integer().map(String),
);
const dateValues = fc
  .constantFrom(
    '2021-365', '2021-W52-7', '2021-02-29', '2021-02-31T23:59:59Z', '+275760-09-13T00:00:00.001Z',
    '-271821-04-19T23:59:59.999Z', '-000001-01-01T00:00:00Z', '2021-01-01T00:00:00+99:99', '2021-01-01T24:00:00Z',
    '2021-01-01T00:00:60Z', '2021-01-01T00:00:00.123456789Z', '9999-12-31T23:59:59.999Z', '0000-01-01T00:00:00Z',
    '0000-00-00', '20210101T000000Z', '2021-01-01 00:00:00', 'yesterday', '1700000000',
  )
  .chain((date) => fc.constantFrom(date, encodeURIComponent(date)));
const cursorValues = fc.oneof(
  fc.constantFrom(
    ...['{"after":-1}', '[1,2]', '["",""]', 'null', '[]', '"x"', '["2021-01-01T00:00:00Z","\' OR 1=1--"]', '["9999-99-99",""]', '[{},[]]', deepArray(5_000)].map(b64),
    '!!!', '====', '-1', '0', '1e999', '999999999999999',
    '9'.repeat(16),
    'x'.repeat(600),
  ),
  fc.base64String({ maxLength: 60 }).map((text) => encodeURIComponent(text)),
  fc.tuple(fc.string({ maxLength: 30 }), fc.string({ maxLength: 30 })).map((pair) => b64(JSON.stringify(pair))),
);

/** Query parameters the route declares in the served OpenAPI document. */
interface QueryParam {
  name: string;
  schema?: { type?: string; format?: string; enum?: string[] };
}

function valuesFor(param: QueryParam): fc.Arbitrary<string> {
  const specific: Array<fc.Arbitrary<string>> = [];
  if (param.schema?.type === 'number' || param.schema?.type === 'integer' || /limit|revision/i.test(param.name)) specific.push(numberValues);
  if (param.schema?.format === 'date-time' || /^(from|to|at)$/.test(param.name)) specific.push(dateValues);
  if (/cursor/i.test(param.name)) specific.push(cursorValues);
  if (param.schema?.enum) specific.push(fc.constantFrom(...param.schema.enum.flatMap((value) => [value.toLowerCase(), ` ${value}`, `${value},${value}`])));
  return specific.length > 0 ? fc.oneof({ weight: 3, arbitrary: fc.oneof(...specific) }, { weight: 1, arbitrary: anyValues }) : anyValues;
}

/** Variants of the target: path parameters and query strings. */
function targetFamilies(shape: Shape, role: fc.Arbitrary<Role | 'public'>, fixture: Fixture, withBody: boolean): Array<[fc.Arbitrary<Variant>, number]> {
  const base = withBody ? baseBody(shape).map((make) => json(make())) : fc.constant(undefined);
  const headers = fc.constant<Array<[string, string]>>(withBody ? JSON_HEADERS : []);
  const families: Array<[fc.Arbitrary<Variant>, number]> = [];
  const segments = shape.path.split('/');
  // Mostly the route's own parameters, one or two at a time over the table's query, so the values reach the
  // handler rather than the unknown-parameter check; sometimes a stray name, sometimes a parameter twice.
  const own = [...shape.queryParams, ...shape.query.split('&').filter(Boolean).map((pair) => ({ name: pair.split('=')[0] }))];
  const pair = own.length > 0
    ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...own).chain((param) => valuesFor(param).map((value): [string, string] => [param.name, value])) }, { weight: 1, arbitrary: fc.tuple(strayNames, anyValues) })
    : fc.tuple(fc.oneof(strayNames, fc.constantFrom('limit', 'cursor', 'from', 'at')), fc.oneof(anyValues, numberValues, dateValues));
  const query = fc.tuple(fc.array(pair, { minLength: 1, maxLength: 2 }), fc.nat(9)).map(([pairs, dice]) => {
    const table = new Map(shape.query.split('&').filter(Boolean).map((p): [string, string] => [p.split('=')[0], p.slice(p.indexOf('=') + 1)]));
    if (dice === 0) table.clear();
    const parts: string[] = [];
    for (const [name, value] of pairs) table.set(name, value);
    for (const [name, value] of table) parts.push(`${name}=${value}`);
    if (dice === 1) parts.push(`${pairs[0][0]}=${pairs[0][1]}`);
    return `${shape.path}?${parts.join('&')}`;
  });
  const oddQuery = fc.constantFrom('?', '?&&&', '?=&==&=x', '?%', '?a=%zz', '?limit', '?limit=&limit=', '?limit=1&limit=2&limit=3', '?cursor=&cursor=x').map((q) => `${shape.path}${q}`);
  families.push([fc.record({ role, target: fc.oneof({ weight: 6, arbitrary: query }, { weight: 1, arbitrary: oddQuery }), body: base, headers }).map((v) => ({ family: 'query', method: shape.method, ...v })), withBody ? 3 : 8 + 3 * shape.queryParams.length]);
  if (shape.params.length > 0) {
    const target = fc.tuple(fc.constantFrom(...shape.params), idGarbage(fixture)).map(([param, garbage]) => {
      const copy = [...segments];
      copy[param.index] = garbage(param.value);
      return `${copy.join('/')}${shape.query ? `?${shape.query}` : ''}`;
    });
    families.push([fc.record({ role, target, body: base, headers }).map((v) => ({ family: 'path-param', method: shape.method, ...v })), withBody ? 5 : 8]);
  }
  if (!withBody) {
    // A body where the route takes none: it must not matter.
    const stray = fc.record({ role, body: fc.oneof(fc.jsonValue({ maxDepth: 3 }).map((value) => json([value])), fc.constantFrom(Buffer.from('{"x":'), Buffer.from(deepArray(40)))), headers: fc.constantFrom<Array<[string, string]>>(JSON_HEADERS, [['Content-Type', 'text/plain']]) });
    families.push([stray.map((v) => ({ family: 'stray-body', method: shape.method, target: `${shape.path}${shape.query ? `?${shape.query}` : ''}`, ...v })), 2]);
    const accept = fc.constantFrom<Array<[string, string]>>([['Accept', 'text/csv']], [['Accept', 'application/xml']], [['Accept', 'text/csv; charset=utf-16']], [['Accept', '*/*;q=x'.repeat(500)]], [['Accept-Encoding', 'gzip;q=2, br;q=-1']], [['If-None-Match', '"' + 'x'.repeat(1_000)]], [['Range', 'bytes=9-1']]);
    families.push([fc.record({ role, headers: accept }).map((v) => ({ family: 'accept', method: shape.method, target: `${shape.path}${shape.query ? `?${shape.query}` : ''}`, ...v })), 3]);
  }
  return families;
}

/**
 * Malformed Authorization headers, on the decoy key only: a wrong secret counts towards a lockout of its key id from
 * this address (AUTH_LOCKOUT_FAILURES), which must not lock out the keys the rest of the fuzz uses.
 */
function authFamilies(shape: Shape, decoy: { keyId: string; secret: string; token: string }, withBody: boolean): Array<[fc.Arbitrary<Variant>, number]> {
  const body = withBody ? baseBody(shape).map((make) => json(make())) : fc.constant(undefined);
  const target = shape.query ? `${shape.path}?${shape.query}` : shape.path;
  const now = () => String(Math.floor(Date.now() / 1000));
  const hmac = (fields: string) => `SMS-HMAC-SHA256 ${fields}`;
  const headers: fc.Arbitrary<string[]> = fc.oneof(
    fc.nat({ max: decoy.token.length - 1 }).map((cut) => [`Bearer ${decoy.token.slice(0, cut)}`]),
    fc.nat({ max: E2E_ADMIN_TOKEN.length - 1 }).map((cut) => [`Bearer ${E2E_ADMIN_TOKEN.slice(0, cut)}`]),
    fc.constantFrom<string[]>(
      ['Bearer'], ['Bearer '], [`Bearer  ${decoy.token}`], [`Bearer ${decoy.token}x`], [`Bearer ${decoy.keyId}.`],
      [`Bearer .${decoy.secret}`], [`Bearer ${decoy.token}`, 'Bearer garbage'], [`bearer ${decoy.token}`],
      [`Basic ${Buffer.from(`${decoy.keyId}:${decoy.secret}`).toString('base64')}`],
      ['Digest username="x", realm="y"'], ['Token abc'], [`Bearer ${'x'.repeat(20_000)}`], ['Bearer \u00ff\u00fe'],
      ['SMS-HMAC-SHA256'], [hmac(`KeyId=${decoy.keyId}`)],
      [hmac(`KeyId=${decoy.keyId}, Timestamp=abc, Nonce=n, Signature=AAAA`)],
      [hmac(`KeyId=${decoy.keyId}, Timestamp=-1, Nonce=n, Signature=AAAA`)],
      [hmac(`KeyId=${decoy.keyId}, Timestamp=9999999999999, Nonce=n, Signature=AAAA`)],
      [hmac(`KeyId=${decoy.keyId}, Timestamp=0, Nonce=n, Signature=AAAA`)],
      [hmac(`KeyId=${decoy.keyId}, Timestamp=${now()}, Nonce=${'n'.repeat(129)}, Signature=AAAA`)],
      [hmac(`KeyId=${decoy.keyId}, Timestamp=${now()}, Nonce=n, Signature=!!!not-base64!!!`)],
      [hmac(`KeyId=${decoy.keyId}, Timestamp=${now()}, Nonce=n, Signature=`)],
      [hmac(`KeyId=, Timestamp=${now()}, Nonce=n, Signature=AAAA`)],
      [hmac(`KeyId=ak_nobody, Timestamp=${now()}, Nonce=n, Signature=AAAA`)],
      [hmac(`KeyId=${decoy.keyId}, KeyId=${decoy.keyId}, Timestamp=${now()}, Nonce=n, Signature=AAAA, Extra=1`)],
      [hmac(',,,')], [hmac('=====')],
      [hmac(`KeyId=${decoy.keyId}, Timestamp=${now()}, Nonce=${randomUUID()}, Signature=${signRequest(decoy.secret, shape.method, '/v1/elsewhere', now(), 'n', '')}`)],
    ),
  );
  return [[fc.record({ body, authorization: headers }).map((v) => ({ family: 'authorization', role: 'public' as const, method: shape.method, target, headers: withBody ? JSON_HEADERS : [], ...v })), withBody ? 2 : 3]];
}

/** Correctly signed requests (the role's signing key) with malformed targets: the signature must not be the weak spot. */
function signedFamily(shape: Shape, role: fc.Arbitrary<Role | 'public'>, fixture: Fixture, withBody: boolean): Array<[fc.Arbitrary<Variant>, number]> {
  const [query] = targetFamilies(shape, role, fixture, withBody);
  return [[query[0].map((v) => ({ ...v, family: 'signed-query', sign: true })), 2]];
}

// ---------------------------------------------------------------------------------------------------------------

interface Key {
  keyId: string;
  secret: string;
  token: string;
}
const keyOf = (token: string): Key => ({ keyId: token.slice(0, token.indexOf('.')), secret: token.slice(token.indexOf('.') + 1), token });

interface Offender {
  route: string;
  variant: Variant;
  response: RawResponse;
  why: string;
}

const shorten = (text: string, max = 300) => (text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text);

function describeOffender({ route, variant, response, why }: Offender): string {
  const body = variant.body ? shorten(JSON.stringify(variant.body.subarray(0, 400).toString('utf8'))) : '(none)';
  const headers = variant.headers.map(([n, v]) => `${n}: ${shorten(v, 80)}`).join(' | ');
  const answer = 'error' in response ? response.error : `${response.status} ${response.contentType} ${shorten(response.text, 400)}`;
  return [
    `${route} [${variant.family}, ${variant.sign ? 'signed ' : ''}${variant.authorization ? 'malformed auth' : variant.role}] — ${why}`,
    `  request:  ${variant.method} ${shorten(variant.target, 200)}${variant.chunked ? ' (chunked)' : ''}`,
    `  headers:  ${headers || '(none)'}${variant.authorization ? ` | Authorization: ${variant.authorization.map((a) => shorten(a, 80)).join(' / ')}` : ''}`,
    `  body:     ${body}`,
    `  response: ${answer}`,
  ].join('\n');
}

function judge(response: RawResponse): string | undefined {
  if ('error' in response) return 'no answer';
  if (response.status >= 500) return `status ${response.status}`;
  if (response.status >= 400) {
    if (!response.contentType.startsWith('application/problem+json')) return `4xx with content type "${response.contentType}"`;
    let problem: { code?: unknown };
    try {
      problem = JSON.parse(response.text);
    } catch {
      return '4xx problem that is not JSON';
    }
    if (typeof problem?.code !== 'string') return '4xx problem without a string code';
  }
  return undefined;
}

async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) await work(items[next++]);
  }));
}

/** gRPC statuses that are the server's failure: a fault (INTERNAL, UNKNOWN) or no answer at all (our deadline). */
const GRPC_FAILURES: Record<number, string> = { 2: 'UNKNOWN', 4: 'DEADLINE_EXCEEDED (no answer)', 13: 'INTERNAL' };

describe(`fuzz: malformed requests on every route (FUZZ_SEED=${SEED})`, () => {
  let platform: RunningProcess & { match: RegExpMatchArray };
  let url: string;
  let port: number;
  let grpcPort: number;
  let fixture: Fixture;
  let tokens: TableTokens;
  /** Per role, a key used only to sign requests, and a decoy the malformed Authorization headers aim at. */
  const signers: Partial<Record<Role, Key>> = {};
  let decoy: Key;
  let openapi: Parameters<typeof shapeOf>[2];
  const admin = auth(E2E_ADMIN_TOKEN);

  beforeAll(async () => {
    // No rate limit: a fuzz this fast would otherwise meet 429s and never reach the handlers. And no probing alarm:
    // the fuzz asks for hundreds of account ids that are not the customer key's, which would suspend tenant A for
    // security partway, and the rest would meet 403 ACCOUNT_SUSPENDED instead of the handlers.
    ({ platform, url, grpcPort } = await startTablePlatform('fuzz', { API_RATE_LIMIT: '0', SECURITY_PROBE_THRESHOLD: '1000000' }));
    port = Number(new URL(url).port);
    ({ fixture, tokens } = await buildTableFixture(url));
    signers.operator = keyOf((await expectStatus(201, 'POST', `${url}/v1/staff-keys`, { role: 'operator', label: 'fuzz signer' }, admin)).token);
    signers.reviewer = keyOf((await expectStatus(201, 'POST', `${url}/v1/staff-keys`, { role: 'reviewer', label: 'fuzz signer' }, admin)).token);
    signers.customer = keyOf((await expectStatus(201, 'POST', `${url}/v1/accounts/${fixture.accountId}/api-keys`, { label: 'fuzz signer' }, auth(tokens.customer))).token);
    openapi = await expectStatus(200, 'GET', `${url}/docs/openapi.json`);
    decoy = keyOf((await expectStatus(201, 'POST', `${url}/v1/staff-keys`, { role: 'operator', label: 'fuzz decoy' }, admin)).token);
  }, 120_000);
  afterAll(() => platform?.stop());

  const money = async () => {
    const read = async (accountId: string) => {
      // erasedAt: an erasure moves no money, but must not have happened either.
      const { status, balance, reserved, available, erasedAt } = await expectStatus(200, 'GET', `${url}/v1/accounts/${accountId}`, undefined, admin);
      return { status, balance, reserved, available, erasedAt: erasedAt ?? null };
    };
    const ledger = await expectStatus(200, 'GET', `${url}/v1/accounts/${fixture.accountId}/ledger`, undefined, admin);
    // The spare account's status is the table's to change (suspension); tenant A's stays ACTIVE throughout.
    const { status: _status, ...spare } = await read(fixture.spareAccountId);
    return { tenantA: await read(fixture.accountId), spare, ledger: ledger.entries };
  };

  const credentials = (variant: Variant): Array<[string, string]> => {
    if (variant.authorization) return variant.authorization.map((value) => ['Authorization', value]);
    if (variant.role === 'public') return [];
    if (!variant.sign) return [['Authorization', `Bearer ${tokens[variant.role]}`]];
    const key = signers[variant.role] as Key;
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = randomUUID();
    const signature = signRequest(key.secret, variant.method, variant.target, timestamp, nonce, variant.body ?? Buffer.alloc(0));
    return [['Authorization', `SMS-HMAC-SHA256 KeyId=${key.keyId}, Timestamp=${timestamp}, Nonce=${nonce}, Signature=${signature}`]];
  };

  it('answers at least 500 malformed requests across every route below 500, every 4xx as problem+json with a code, and moves no money', async () => {
    const before = await money();

    const plan: Array<{ route: string; variant: Variant }> = [];
    REST_ROUTES.forEach((route, index) => {
      const shape = shapeOf(route, fixture, openapi);
      const role = fc.constantFrom<Role | 'public'>(...route.roles);
      const withBody = shape.body !== undefined;
      const families = [
        ...(withBody ? bodyFamilies(shape, role) : []),
        ...targetFamilies(shape, role, fixture, withBody),
        ...authFamilies(shape, decoy, withBody),
        ...(route.roles.includes('public') ? [] : signedFamily(shape, role, fixture, withBody)),
      ];
      families.forEach(([arbitrary, numRuns], family) => {
        for (const variant of fc.sample(arbitrary, { seed: SEED + index * 101 + family, numRuns })) plan.push({ route: shape.id, variant });
      });
    });

    const offenders: Offender[] = [];
    const perRoute = new Map<string, number>();
    const started = Date.now();
    await pool(plan, CONCURRENCY, async ({ route, variant }) => {
      const request: RawRequest = { method: variant.method, target: variant.target, headers: [...variant.headers, ...credentials(variant)], body: variant.body, chunked: variant.chunked };
      const response = await sendRaw(port, request);
      perRoute.set(route, (perRoute.get(route) ?? 0) + 1);
      const why = judge(response);
      if (why) offenders.push({ route, variant, response, why });
    });

    const elapsed = Date.now() - started;

    // The platform still answers, and tenant A's money is where it was (a send would have reserved by now: give
    // the in-process consumers a moment, then compare).
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const after = await money();
    const moved = JSON.stringify(after) === JSON.stringify(before) ? '' : `\n\nMONEY MOVED:\n  before ${JSON.stringify(before)}\n  after  ${JSON.stringify(after)}`;
    const summary = `${plan.length} requests in ${elapsed} ms, seed ${SEED} (reproduce: FUZZ_SEED=${SEED} npx jest -c jest.config.js e2e/fuzz.e2e.spec.ts --selectProjects e2e)`;
    if (offenders.length > 0 || moved) throw new Error(`${offenders.length} offending answers; ${summary}${moved}\n\n${offenders.map(describeOffender).join('\n\n')}`);
    expect(plan.length).toBeGreaterThanOrEqual(500);
    expect(REST_ROUTES.filter((route) => (perRoute.get(`${route.method} ${route.path}`) ?? 0) < 15).map((route) => `${route.method} ${route.path}`)).toEqual([]);
    expect(after).toEqual(before);
  }, 90_000);

  it('answers malformed gRPC requests, never INTERNAL or UNKNOWN, and moves no money', async () => {
    const before = await money();
    const offenders: string[] = [];
    let sent = 0;
    for (const [index, method] of GRPC_METHODS.entries()) {
      const [qualified, rpc] = method.name.split('/');
      const definition = protoLoader.loadSync(protoFile(method.file), { keepCase: true, longs: String, enums: String, defaults: true });
      const serialize = (definition[qualified] as Record<string, protoLoader.MethodDefinition<object, object>>)[rpc].requestSerialize;
      const Client = grpc.makeGenericClientConstructor(definition[qualified] as grpc.ServiceDefinition, qualified.split('.').pop() as string);
      const client = new Client(`127.0.0.1:${grpcPort}`, grpc.credentials.createInsecure()) as unknown as Record<string, (...args: unknown[]) => void>;
      const requests = fc.sample(grpcRequest(method, fixture), { seed: SEED + 7_919 * (index + 1), numRuns: 16 });
      for (const { request, authorization } of requests) {
        try {
          serialize(request); // what protobuf cannot carry is no request: the client would refuse it
        } catch {
          continue;
        }
        const metadata = new grpc.Metadata();
        metadata.set('authorization', authorization ?? `Bearer ${tokens[method.roles[0]]}`);
        const code = await new Promise<number>((resolve) => client[rpc](request, metadata, { deadline: Date.now() + 5_000 }, (error: grpc.ServiceError | null) => resolve(error ? error.code : 0)));
        sent += 1;
        if (GRPC_FAILURES[code]) offenders.push(`${method.name} → ${GRPC_FAILURES[code]}: ${shorten(JSON.stringify(request), 300)}${authorization ? ` (authorization: ${authorization})` : ''}`);
      }
      (client as unknown as grpc.Client).close();
    }
    if (offenders.length > 0) throw new Error(`${offenders.length} gRPC calls failed (seed ${SEED}; reproduce: FUZZ_SEED=${SEED} npx jest -c jest.config.js e2e/fuzz.e2e.spec.ts --selectProjects e2e):\n${offenders.join('\n')}`);
    expect(sent).toBeGreaterThanOrEqual(GRPC_METHODS.length * 8);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await money()).toEqual(before);
  }, 60_000);
});

/** gRPC requests: the table's, with fields missing, of the wrong JS type (protobuf coerces what it can), huge or odd. */
function grpcRequest(method: GrpcMethod, fixture: Fixture): fc.Arbitrary<{ request: Record<string, unknown>; authorization?: string }> {
  const valid = method.request(fixture) as Record<string, unknown>;
  const fields = Object.keys(valid);
  const odd = fc.oneof(oddStrings, oddNumbers, fc.boolean(), fc.constant(null), fc.constantFrom('9223372036854775807', '-9223372036854775808', '-1', '1e400', huge('x', 1_000_000), huge('x', 5_000_000)), fc.constantFrom({}, { a: 1 }, [], ['x']));
  const mutated: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
    fc.constant({}),
    fc.subarray(fields).map((gone) => Object.fromEntries(Object.entries(valid).filter(([k]) => !gone.includes(k)))),
    fc.tuple(fc.constantFrom(...fields, 'limit', 'fromRevision', 'unknownField'), odd).map(([field, value]) => ({ ...valid, [field]: value })),
    fc.constant({ ...valid, documents: [{ kind: {}, reference: 5 }, null], params: { '': '', ['k'.repeat(1_000)]: 'x'.repeat(10_000) }, phoneNumbers: ['', 'x'.repeat(100_000), '+861'] }),
  );
  const poisoned = mutated.map((request) => {
    if (AMOUNT_POISONED_GRPC.has(method.name)) {
      const amount = typeof request.amount === 'string' ? request.amount : '';
      return { ...request, amount: amount === '' ? '' : `x${amount}` };
    }
    if (method.name === 'sms.dispatch.v1.DispatchService/SendMessages') return { ...request, phoneNumbers: [] };
    return request;
  });
  const request = MONEY_MOVING_GRPC.has(method.name) ? poisoned : mutated;
  return fc.record({
    request,
    // One in six with a malformed credential.
    authorization: fc.oneof(
      { weight: 5, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.constantFrom('Bearer', 'Bearer x.y', 'SMS-HMAC-SHA256 KeyId=, Nonce=', 'SMS-HMAC-SHA256 KeyId=ak_x, Timestamp=1, Nonce=n, Signature=AAAA', 'Basic Og==') },
    ),
  });
}
