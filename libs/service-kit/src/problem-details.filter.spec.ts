import { ArgumentsHost, BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import { DomainError } from './errors';
import { ProblemDetailsFilter, toProblem } from './problem-details.filter';

/** http-errors as body-parser throws them: a status, `expose` for client errors, a type. */
function bodyParserError(status: number, message: string, type: string): Error {
  return Object.assign(new Error(message), { status, statusCode: status, expose: status < 500, type });
}

describe('toProblem', () => {
  it('answers body-parser refusals with their 4xx status and code, not 500', () => {
    expect(toProblem(bodyParserError(413, 'request entity too large', 'entity.too.large'))).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE', detail: 'request entity too large' });
    expect(toProblem(bodyParserError(415, 'unsupported charset "LATIN1"', 'charset.unsupported'))).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
    expect(toProblem(bodyParserError(400, 'request size did not match content length', 'request.size.invalid'))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
  });

  it('keeps anything else that is not ours a 500 without its message', () => {
    const hidden = Object.assign(new Error('db password is hunter2'), { status: 503, expose: false });
    expect(toProblem(hidden)).toEqual({ type: 'urn:sms-platform:problem:internal', title: 'Internal Server Error', status: 500, detail: 'An unexpected error occurred.', code: 'INTERNAL' });
    expect(toProblem(Object.assign(new Error('x'), { status: 404 }))).toMatchObject({ status: 500 }); // not marked safe to show
    expect(toProblem(undefined)).toMatchObject({ status: 500 });
  });

  it('maps domain errors and Nest exceptions as before', () => {
    expect(toProblem(new DomainError('ACCOUNT_NOT_FOUND', 'No such account.'))).toEqual({
      type: 'urn:sms-platform:problem:account-not-found',
      title: 'Not Found',
      status: 404,
      detail: 'No such account.',
      code: 'ACCOUNT_NOT_FOUND',
    });
    expect(toProblem(new BadRequestException('Unexpected token'))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(toProblem(new NotFoundException())).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('gives the refusals at the HTTP edges (http-hardening.ts) their codes and titles', () => {
    const codes = [400, 408, 413, 414, 415, 431].map((status) => toProblem(new HttpException('x', status)));
    expect(codes.map(({ status, code, title }) => [status, code, title])).toEqual([
      [400, 'VALIDATION_FAILED', 'Bad Request'],
      [408, 'REQUEST_TIMEOUT', 'Request Timeout'],
      [413, 'PAYLOAD_TOO_LARGE', 'Payload Too Large'],
      [414, 'URI_TOO_LONG', 'URI Too Long'],
      [415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported Media Type'],
      [431, 'HEADERS_TOO_LARGE', 'Request Header Fields Too Large'],
    ]);
  });
});

describe('ProblemDetailsFilter', () => {
  function answer(error: unknown, url: string) {
    const sent: { status?: number; type?: string; body?: any; headers?: Record<string, string> } = {};
    const response = {
      setHeader: (name: string, value: string) => (sent.headers = { ...sent.headers, [name]: value }),
      status: (status: number) => ((sent.status = status), response),
      type: (type: string) => ((sent.type = type), response),
      send: (body: string) => (sent.body = JSON.parse(body)),
    };
    const host = { getType: () => 'http', switchToHttp: () => ({ getRequest: () => ({ originalUrl: url, url }), getResponse: () => response }) } as unknown as ArgumentsHost;
    new ProblemDetailsFilter().catch(error, host);
    return sent;
  }

  it('writes problem+json with the request path as instance, never the query', () => {
    const sent = answer(new DomainError('MESSAGE_NOT_FOUND', 'Message m-1 not found'), '/v1/messages/m-1?phoneNumber=%2B8613812345678');
    expect(sent).toEqual({
      status: 404,
      type: 'application/problem+json',
      body: { type: 'urn:sms-platform:problem:message-not-found', title: 'Not Found', status: 404, detail: 'Message m-1 not found', code: 'MESSAGE_NOT_FOUND', instance: '/v1/messages/m-1' },
    });
  });

  it('says when to come back in Retry-After when the refusal names it', () => {
    const sent = answer(new DomainError('RATE_LIMITED', 'This account may make 1 send requests a second.', { retryAfter: 3 }), '/v1/messages');
    expect(sent).toMatchObject({ status: 429, headers: { 'Retry-After': '3' }, body: { code: 'RATE_LIMITED', retryAfter: 3 } });
    expect(answer(new DomainError('MESSAGE_NOT_FOUND', 'x'), '/v1/messages/x').headers).toBeUndefined();
  });
});
