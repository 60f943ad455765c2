import { HttpException, type INestApplication } from '@nestjs/common';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { isUtf8 } from 'node:buffer';
import type { Duplex } from 'node:stream';
import { toProblem } from './problem-details.filter';

/**
 * The edges of the REST API (CONTRACTS.md "Conventions"): whatever a client sends — an oversized, malformed or too
 * deeply nested body, a wrong content type, charset or content encoding, a broken URL, a slow trickle of headers —
 * is answered 4xx application/problem+json with a stable code, never 5xx, and never holds the server.
 *
 * | case                                                          | status | code                      |
 * |---------------------------------------------------------------|--------|---------------------------|
 * | body over the limit (declared, chunked, or a lying length)    | 413    | PAYLOAD_TOO_LARGE         |
 * | malformed JSON, a top-level primitive                         | 400    | VALIDATION_FAILED         |
 * | objects/arrays nested deeper than `maxJsonDepth`              | 400    | VALIDATION_FAILED         |
 * | body bytes that are not UTF-8                                 | 400    | VALIDATION_FAILED         |
 * | body shorter than its Content-Length, aborted                 | 400    | VALIDATION_FAILED         |
 * | body without Content-Type, or a type the route does not take  | 415    | UNSUPPORTED_MEDIA_TYPE    |
 * | a charset other than UTF-8                                    | 415    | UNSUPPORTED_MEDIA_TYPE    |
 * | a Content-Encoding other than identity (gzip, br, …)          | 415    | UNSUPPORTED_MEDIA_TYPE    |
 * | a path that is not valid percent-encoding                     | 400    | VALIDATION_FAILED         |
 * | a URL longer than `maxUrlLength`                              | 414    | URI_TOO_LONG              |
 * | headers over Node's 16 KiB                                    | 431    | HEADERS_TOO_LARGE         |
 * | not HTTP at all (bad request line, header, chunk framing)     | 400    | VALIDATION_FAILED         |
 * | headers or request not complete within the timeouts           | 408    | REQUEST_TIMEOUT           |
 *
 * An empty body (`Content-Length: 0`, or none) needs no Content-Type: it reaches the DTO's validation. GET, HEAD
 * and OPTIONS are not checked for a content type.
 */

/** Routes that take a body other than JSON. Their bodies arrive as a UTF-8 string, under the same size limit. */
export interface BodyTypeRoute {
  method: string;
  /** Matched against the path (no query). */
  path: RegExp;
  /** Media types (`type/subtype`, lower case) the route takes besides JSON. */
  types: string[];
}

/** One place for every route that takes a body other than JSON, so production and the test harness agree. */
export const NON_JSON_BODY_ROUTES: BodyTypeRoute[] = [
  // An operator's statement for reconciliation (CONTRACTS.md account-billing).
  { method: 'POST', path: /^\/v1\/accounts\/[^/]+\/statements\/?$/, types: ['text/csv'] },
];

/**
 * Timeouts of the HTTP server against slow clients. Node checks them every `checkIntervalMs`, so a client is cut off
 * (408, connection closed) within timeout + interval.
 */
export interface HttpTimeouts {
  /** Request line and headers must arrive within this (slow-loris: headers trickled byte by byte). */
  headersTimeoutMs: number;
  /** The whole request, body included, must arrive within this; 2 MB in 30 s is a client at ~70 KB/s. */
  requestTimeoutMs: number;
  /**
   * An idle keep-alive connection is closed after this. Longer than the idle timeout of the proxies usually in front
   * (ingress-nginx and cloud load balancers: 60 s), so a proxy never reuses a connection the server is closing.
   */
  keepAliveTimeoutMs: number;
  /** How often Node looks for requests past the first two timeouts (its own default is 30 s). */
  checkIntervalMs: number;
}

export const HTTP_TIMEOUTS: Readonly<HttpTimeouts> = { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 65_000, checkIntervalMs: 1_000 };

export interface HttpHardeningOptions {
  /** Largest body accepted, in bytes. 2 MB: a send to 1,000 recipients with parameters fits well inside it. */
  bodyLimitBytes?: number;
  /** Deepest nesting of objects and arrays in a JSON body; `{}` is depth 1. */
  maxJsonDepth?: number;
  /** Longest request target (path and query) in characters. */
  maxUrlLength?: number;
  /** Routes that take a body other than JSON; default NON_JSON_BODY_ROUTES. */
  nonJsonRoutes?: BodyTypeRoute[];
  timeouts?: Partial<HttpTimeouts>;
}

export const HTTP_LIMITS = { bodyLimitBytes: 2 * 1024 * 1024, maxJsonDepth: 32, maxUrlLength: 8 * 1024 };

/**
 * A refused body declared up to this size is read off and dropped after the answer, so the client, still sending,
 * gets to read it (closing under a sender can lose the answer to a TCP reset) and the connection stays usable. A
 * larger or chunked one is answered with `Connection: close`. Either way requestTimeoutMs bounds the reading.
 */
const DRAIN_AT_MOST_BYTES = 16 * 1024 * 1024;
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const JSON_TYPES = ['application/json', 'application/*+json'];

/** The request as the parser's `verify` hook sees it; `rawBody` keeps the bytes as received (an HMAC signature is over them). */
interface BodyRequest extends IncomingMessage {
  rawBody?: Buffer;
  originalUrl?: string;
}

/**
 * Installs the edges on an app before it listens: the HTTP server's timeouts and malformed-request answers, the
 * checks on URL and body headers, the JSON (and non-JSON route) body parsers with the limits, and the translation of
 * the parsers' errors into problems. Called by `startServices` and by the test harness, so tests meet the same edges.
 * Call it right after creating the app (its middleware must run first); errors reach ProblemDetailsFilter.
 * `request.rawBody` holds the bytes of every JSON or text body as received (the HMAC signature covers them), so
 * Nest's own `rawBody` option is not needed.
 */
export function hardenHttp(app: INestApplication, options: HttpHardeningOptions = {}): void {
  const limits = { ...HTTP_LIMITS, ...definedOnly(options) };
  const routes = options.nonJsonRoutes ?? NON_JSON_BODY_ROUTES;
  hardenServer(app.getHttpServer() as Server, { ...HTTP_TIMEOUTS, ...definedOnly(options.timeouts ?? {}) });

  app.use(checkRequestHeaders(limits, routes));

  const adapter = app.getHttpAdapter();
  if (!adapter.useBodyParser) throw new Error('hardenHttp needs the express adapter');
  // Through the adapter with rawBody=false: Nest's own rawBody option would replace `verify`, and with it the depth check.
  adapter.useBodyParser('json', false, {
    type: JSON_TYPES,
    limit: limits.bodyLimitBytes,
    strict: true,
    inflate: false,
    verify: (request: BodyRequest, _response: ServerResponse, body: Buffer) => verifyJson(request, body, limits.maxJsonDepth),
  });
  const textTypes = [...new Set(routes.flatMap((route) => route.types))];
  if (textTypes.length > 0) {
    adapter.useBodyParser('text', false, {
      type: textTypes,
      limit: limits.bodyLimitBytes,
      inflate: false,
      defaultCharset: 'utf-8',
      verify: (request: BodyRequest, _response: ServerResponse, body: Buffer) => verifyText(request, body),
    });
  }
  app.use(translateBodyErrors(limits));
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'object')) as Partial<T>;
}

// ---------------------------------------------------------------------------------------------------------------
// The server: timeouts and the answers to what never becomes a request

function hardenServer(server: Server, timeouts: HttpTimeouts): void {
  if (timeouts.headersTimeoutMs > timeouts.requestTimeoutMs) throw new Error('headersTimeoutMs must not exceed requestTimeoutMs');
  server.headersTimeout = timeouts.headersTimeoutMs;
  server.requestTimeout = timeouts.requestTimeoutMs;
  server.keepAliveTimeout = timeouts.keepAliveTimeoutMs;
  // Read when the server starts listening (Node's setupConnectionsTracking), so setting it here takes effect.
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = timeouts.checkIntervalMs;
  server.on('clientError', answerClientError);
}

/**
 * What Node's parser refuses (not HTTP, headers too large, too slow) never reaches express; Node would answer a bare
 * 400/408/431. The same answer, as problem+json, as Node itself decides when it is safe to write one.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const [status, detail] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'The request did not arrive in time.']
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'The request headers are too large.']
        : error.code === 'HPE_CHUNK_EXTENSIONS_OVERFLOW'
          ? [413, 'The chunk extensions are too large.']
          : [400, 'The request is not valid HTTP/1.1.'];
  const body = JSON.stringify(toProblem(new HttpException(detail, status)));
  const head = [`HTTP/1.1 ${status} ${STATUS_TEXT[status]}`, 'Content-Type: application/problem+json', `Content-Length: ${Buffer.byteLength(body)}`, 'Connection: close'];
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`, () => socket.destroy());
}

const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 413: 'Payload Too Large', 431: 'Request Header Fields Too Large' };

// ---------------------------------------------------------------------------------------------------------------
// Before the body is read: URL, media type, charset, encoding, declared length

type Next = (error?: unknown) => void;

function checkRequestHeaders(limits: typeof HTTP_LIMITS, routes: BodyTypeRoute[]) {
  return function checkRequestHeaders(request: BodyRequest, response: ServerResponse, next: Next): void {
    const url = request.originalUrl ?? request.url ?? '/';
    const reject = (status: number, detail: string) => {
      if (unreadBodyTooLargeToDrain(request)) response.setHeader('Connection', 'close');
      next(new HttpException(detail, status));
    };
    if (url.length > limits.maxUrlLength) return reject(414, `The request URL is longer than ${limits.maxUrlLength} characters.`);
    const query = url.indexOf('?');
    const path = query === -1 ? url : url.slice(0, query);
    try {
      decodeURIComponent(path);
    } catch {
      return reject(400, 'The request path is not valid percent-encoding (RFC 3986).');
    }

    const method = (request.method ?? 'GET').toUpperCase();
    if (!BODY_METHODS.has(method) || !hasBody(request)) return next();

    const length = request.headers['content-length'];
    if (length !== undefined && Number(length) > limits.bodyLimitBytes) return reject(413, `The request body is larger than ${limits.bodyLimitBytes} bytes.`);
    const encoding = (request.headers['content-encoding'] ?? '').trim().toLowerCase();
    if (encoding !== '' && encoding !== 'identity') return reject(415, 'Content-Encoding is not accepted: send the body uncompressed (identity).');

    const header = request.headers['content-type'];
    const extra = routes.filter((route) => route.method === method && route.path.test(path)).flatMap((route) => route.types);
    const expected = ['application/json', ...extra].join(' or ');
    if (!header) return reject(415, `A request body needs a Content-Type: ${expected}.`);
    const media = parseMediaType(header);
    if (!media) return reject(415, 'The Content-Type header is not a valid media type.');
    if (!isJsonType(media.type) && !extra.includes(media.type)) return reject(415, `Content-Type ${media.type} is not accepted here; send ${expected}.`);
    const charset = media.parameters.get('charset');
    if (charset !== undefined && charset.toLowerCase() !== 'utf-8') return reject(415, 'The request body must be UTF-8 (charset=utf-8).');
    next();
  };
}

/** A body follows the headers: chunked, or a Content-Length above 0 (type-is counts `Content-Length: 0` as a body). */
function hasBody(request: IncomingMessage): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && Number(length) > 0);
}

function unreadBodyTooLargeToDrain(request: IncomingMessage): boolean {
  if (request.readableEnded || !hasBody(request)) return false;
  const length = request.headers['content-length'];
  return length === undefined || Number(length) > DRAIN_AT_MOST_BYTES;
}

export function isJsonType(type: string): boolean {
  return type === 'application/json' || /^application\/[^/]+\+json$/.test(type);
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** RFC 9110 §8.3.1 media-type: `type/subtype *( OWS ";" OWS name=value )`; undefined when it is not one. */
export function parseMediaType(header: string): { type: string; parameters: Map<string, string> } | undefined {
  const semicolon = header.indexOf(';');
  const type = (semicolon === -1 ? header : header.slice(0, semicolon)).trim().toLowerCase();
  const [main, sub, ...more] = type.split('/');
  if (more.length > 0 || !main || !sub || !TOKEN.test(main) || !TOKEN.test(sub)) return undefined;
  const parameters = new Map<string, string>();
  let rest = semicolon === -1 ? '' : header.slice(semicolon + 1);
  while (rest.trim() !== '') {
    const match = /^[ \t]*([!#$%&'*+.^_`|~0-9A-Za-z-]+)=("(?:[^"\\]|\\.)*"|[!#$%&'*+.^_`|~0-9A-Za-z-]+)[ \t]*(?:;|$)/.exec(rest);
    if (!match) {
      // Empty parameters (`;;`) are allowed; anything else is not a media type.
      const empty = /^[ \t]*;/.exec(rest);
      if (!empty) return undefined;
      rest = rest.slice(empty[0].length);
      continue;
    }
    const name = match[1].toLowerCase();
    const value = match[2].startsWith('"') ? match[2].slice(1, -1).replace(/\\(.)/g, '$1') : match[2];
    if (!parameters.has(name)) parameters.set(name, value);
    rest = rest.slice(match[0].length);
  }
  return { type, parameters };
}

// ---------------------------------------------------------------------------------------------------------------
// The body as read, before it is parsed

/** An error the parser passes on with its status (http-errors keeps `status`) and `type`. */
function bodyError(type: string, message: string): Error {
  return Object.assign(new Error(message), { status: 400, type });
}

function verifyJson(request: BodyRequest, body: Buffer, maxDepth: number): void {
  request.rawBody = body;
  if (!isUtf8(body)) throw bodyError('entity.charset.invalid', 'body is not UTF-8');
  if (jsonDepthExceeds(body, maxDepth)) throw bodyError('entity.too.deep', 'body nests too deeply');
}

function verifyText(request: BodyRequest, body: Buffer): void {
  request.rawBody = body;
  if (!isUtf8(body)) throw bodyError('entity.charset.invalid', 'body is not UTF-8');
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

/**
 * Whether objects and arrays nest deeper than `max` in JSON text, found by one pass over the bytes before JSON.parse
 * runs: no recursion and no allocation, so `[[[[…` a megabyte deep costs a loop and stops at depth max + 1. Bracket
 * characters inside strings do not count; whether the text is JSON at all is JSON.parse's to say.
 */
export function jsonDepthExceeds(bytes: Uint8Array, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      if (++depth > max) return true;
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      depth--;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------------------
// The parsers' errors, as problems with our wording: their own messages may quote the body

function translateBodyErrors(limits: typeof HTTP_LIMITS) {
  // Four parameters: express calls it with errors only.
  return function translateBodyErrors(error: unknown, _request: IncomingMessage, _response: ServerResponse, next: Next): void {
    next(translateBodyError(error, limits));
  };
}

/**
 * body-parser's refusals (http-errors with a `type`) as HttpExceptions the filter answers with a stable code.
 * Server faults (`stream.encoding.set`, `stream.not.readable`: something read the body before the parser) stay
 * errors, answered 500 and logged: they are bugs here, not the client's doing.
 */
export function translateBodyError(error: unknown, limits: Pick<typeof HTTP_LIMITS, 'bodyLimitBytes' | 'maxJsonDepth'> = HTTP_LIMITS): unknown {
  const { type } = (error ?? {}) as { type?: unknown };
  const detail = typeof type === 'string' ? BODY_ERRORS[type]?.(limits) : undefined;
  return detail ? new HttpException(detail[1], detail[0]) : error;
}

const BODY_ERRORS: Record<string, (limits: Pick<typeof HTTP_LIMITS, 'bodyLimitBytes' | 'maxJsonDepth'>) => [number, string]> = {
  'entity.too.large': (limits) => [413, `The request body is larger than ${limits.bodyLimitBytes} bytes.`],
  'entity.parse.failed': () => [400, 'The request body is not valid JSON (RFC 8259; an object or an array at the top).'],
  'entity.too.deep': (limits) => [400, `The request body nests objects and arrays deeper than ${limits.maxJsonDepth} levels.`],
  'entity.charset.invalid': () => [400, 'The request body is not valid UTF-8.'],
  'entity.verify.failed': () => [400, 'The request body was refused.'],
  'charset.unsupported': () => [415, 'The request body must be UTF-8 (charset=utf-8).'],
  'encoding.unsupported': () => [415, 'Content-Encoding is not accepted: send the body uncompressed (identity).'],
  'request.aborted': () => [400, 'The request body ended before it was complete.'],
  'request.size.invalid': () => [400, 'The request body does not match its Content-Length.'],
  'parameters.too.many': () => [413, 'The request body has too many parameters.'],
};
