import fc from 'fast-check';
import { PassThrough } from 'node:stream';
import { answerClientError, HTTP_LIMITS, isJsonType, jsonDepthExceeds, parseMediaType, translateBodyError } from './http-hardening';

function depthOf(value: unknown): number {
  if (Array.isArray(value)) return 1 + Math.max(0, ...value.map(depthOf));
  if (value !== null && typeof value === 'object') return 1 + Math.max(0, ...Object.values(value).map(depthOf));
  return 0;
}

describe('jsonDepthExceeds', () => {
  it('agrees with the depth of any JSON value, whatever its strings hold', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 12 }), fc.integer({ min: 0, max: 14 }), (value, max) => {
        const text = Buffer.from(JSON.stringify(value));
        expect(jsonDepthExceeds(text, max)).toBe(depthOf(value) > max);
      }),
      { numRuns: 500 },
    );
  });

  it('counts objects and arrays alike, and no brackets in strings or after escapes', () => {
    expect(jsonDepthExceeds(Buffer.from('{"a":[{"b":[]}]}'), 4)).toBe(false);
    expect(jsonDepthExceeds(Buffer.from('{"a":[{"b":[]}]}'), 3)).toBe(true);
    expect(jsonDepthExceeds(Buffer.from('["[[[[", "\\"[[[[", "\\\\", []]'), 2)).toBe(false);
  });

  it('stops at the first level too deep, in a megabyte of brackets, without recursion', () => {
    expect(jsonDepthExceeds(Buffer.alloc(1024 * 1024, '['), 32)).toBe(true);
    expect(jsonDepthExceeds(Buffer.alloc(1024 * 1024, ']'), 32)).toBe(false);
  });
});

describe('parseMediaType', () => {
  it('reads type, subtype and parameters as RFC 9110 writes them', () => {
    expect(parseMediaType('Application/JSON; Charset="UTF-8"')).toEqual({ type: 'application/json', parameters: new Map([['charset', 'UTF-8']]) });
    expect(parseMediaType('text/csv;charset=utf-8 ; header=present')).toEqual({ type: 'text/csv', parameters: new Map([['charset', 'utf-8'], ['header', 'present']]) });
    expect(parseMediaType('application/json;;')?.type).toBe('application/json');
    expect(parseMediaType('multipart/form-data; boundary="a \\"b\\""')?.parameters.get('boundary')).toBe('a "b"');
  });

  it('is undefined for what is not a media type', () => {
    for (const header of ['json', 'application/', '/json', 'a/b/c', 'application/json; charset', 'application/json; =x', 'application/json; charset="open', 'text/ plain', 'app lication/json']) {
      expect([header, parseMediaType(header)]).toEqual([header, undefined]);
    }
  });

  it('never throws and stays linear on hostile headers', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (header) => void parseMediaType(header)));
    const started = Date.now();
    parseMediaType(`a/b; x="${'\\"'.repeat(8_000)}`);
    parseMediaType(`a/b${'; x=y'.repeat(2_000)}`);
    expect(Date.now() - started).toBeLessThan(200);
  });
});

describe('isJsonType', () => {
  it('takes application/json and the +json suffix only', () => {
    expect(['application/json', 'application/problem+json', 'application/merge-patch+json'].every(isJsonType)).toBe(true);
    expect(['text/json', 'application/jsonp', 'application/x-json', 'application/+json'].some(isJsonType)).toBe(false);
  });
});

describe('translateBodyError', () => {
  const httpError = (status: number, type: string, message: string) => Object.assign(new Error(message), { status, expose: status < 500, type, body: '{"phone":"+8613812345678"' });

  it.each([
    ['entity.too.large', 413],
    ['entity.parse.failed', 400],
    ['entity.too.deep', 400],
    ['entity.charset.invalid', 400],
    ['entity.verify.failed', 400],
    ['charset.unsupported', 415],
    ['encoding.unsupported', 415],
    ['request.aborted', 400],
    ['request.size.invalid', 400],
  ])('answers %s %i in its own words, never the body', (type, status) => {
    const translated = translateBodyError(httpError(status === 400 && type === 'entity.verify.failed' ? 403 : status, type, `Unexpected token in JSON: {"phone":"+8613812345678"`), HTTP_LIMITS) as {
      getStatus(): number;
      message: string;
    };
    expect(translated.getStatus()).toBe(status);
    expect(translated.message).not.toMatch(/8613812345678/);
  });

  it('leaves server faults and unknown errors alone', () => {
    const fault = httpError(500, 'stream.encoding.set', 'stream encoding should not be set');
    expect(translateBodyError(fault)).toBe(fault);
    expect(translateBodyError(undefined)).toBeUndefined();
  });
});

describe('answerClientError', () => {
  function answer(code: string | undefined, inFlight?: { headersSent: boolean }) {
    const socket = new PassThrough();
    if (inFlight) Object.assign(socket, { _httpMessage: inFlight });
    const written: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => written.push(chunk));
    answerClientError(Object.assign(new Error('x'), { code }), socket);
    return new Promise<string>((resolve) => setImmediate(() => resolve(Buffer.concat(written).toString())));
  }

  it.each([
    ['HPE_INVALID_METHOD', 400, 'VALIDATION_FAILED'],
    ['ERR_HTTP_REQUEST_TIMEOUT', 408, 'REQUEST_TIMEOUT'],
    ['HPE_HEADER_OVERFLOW', 431, 'HEADERS_TOO_LARGE'],
    ['HPE_CHUNK_EXTENSIONS_OVERFLOW', 413, 'PAYLOAD_TOO_LARGE'],
  ])('answers %s %i problem+json and closes', async (code, status, problemCode) => {
    const text = await answer(code);
    expect(text).toMatch(new RegExp(`^HTTP/1\\.1 ${status} [A-Za-z ]+\\r\\nContent-Type: application/problem\\+json\\r\\nContent-Length: \\d+\\r\\nConnection: close\\r\\n\\r\\n`));
    const body = JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4));
    expect(body).toMatchObject({ status, code: problemCode });
    expect(Buffer.byteLength(text.slice(text.indexOf('\r\n\r\n') + 4))).toBe(Number(/Content-Length: (\d+)/.exec(text)?.[1]));
  });

  it('writes nothing over a response already under way, or to a reset connection', async () => {
    expect(await answer('HPE_INVALID_METHOD', { headersSent: true })).toBe('');
    expect(await answer('ECONNRESET')).toBe('');
  });
});
