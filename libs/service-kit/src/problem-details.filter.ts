import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { WrongExpectedVersionError } from '@sms/event-store';
import { DomainError, ERROR_STATUS } from './errors';

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  /** The request path this occurrence answered (RFC 9457 §3.1.5); set by the filter. */
  instance?: string;
  [extension: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/**
 * Codes of refusals that are not domain errors: Nest's exceptions, and what http-hardening.ts answers at the edges.
 * A malformed JSON body is VALIDATION_FAILED like any other body the DTO would refuse (no separate code): the
 * client's fix is the same, and the detail says which it was without quoting the body.
 */
const HTTP_CODES: Record<number, string> = {
  400: 'VALIDATION_FAILED',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  408: 'REQUEST_TIMEOUT',
  413: 'PAYLOAD_TOO_LARGE',
  414: 'URI_TOO_LONG',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  431: 'HEADERS_TOO_LARGE',
};

export function toProblem(error: unknown): ProblemDetails {
  if (error instanceof DomainError) {
    return problem(error.status, error.code, error.detail, error.extra);
  }
  if (error instanceof WrongExpectedVersionError) {
    return problem(409, 'CONCURRENCY_CONFLICT', 'The resource was changed concurrently; retry the request.');
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const body = error.getResponse();
    // Body-parser failures (malformed JSON, oversized bodies) arrive as HttpExceptions without our codes.
    const detail = typeof body === 'string' ? body : String((body as { message?: unknown }).message ?? error.message);
    return problem(status, HTTP_CODES[status] ?? `HTTP_${status}`, detail);
  }
  if (isClientHttpError(error)) {
    // body-parser's own refusals (oversized body 413, unsupported charset or encoding 415): the client's fault,
    // and http-errors marks their messages safe to show (`expose`).
    return problem(error.status, HTTP_CODES[error.status] ?? `HTTP_${error.status}`, error.message);
  }
  return problem(500, 'INTERNAL', 'An unexpected error occurred.');
}

/**
 * The problem a code is answered with, built by the same rules as `toProblem` — the OpenAPI document declares
 * each code under this status, so the document and the answers cannot drift apart.
 */
export function problemOf(code: string, detail: string, extra: Record<string, unknown> = {}): ProblemDetails {
  const httpStatus = Object.keys(HTTP_CODES).map(Number).find((status) => HTTP_CODES[status] === code);
  return code in ERROR_STATUS || httpStatus === undefined ? toProblem(new DomainError(code, detail, extra)) : problem(httpStatus, code, detail, extra);
}

function isClientHttpError(error: unknown): error is Error & { status: number } {
  if (!(error instanceof Error)) return false;
  const { status, expose } = error as { status?: unknown; expose?: unknown };
  return typeof status === 'number' && status >= 400 && status < 500 && expose === true;
}

function problem(status: number, code: string, detail: string, extra: Record<string, unknown> = {}): ProblemDetails {
  return { type: `urn:sms-platform:problem:${code.toLowerCase().replace(/_/g, '-')}`, title: TITLES[status] ?? 'Error', status, detail, code, ...extra };
}

/** The one place that turns errors into RFC 9457 problem+json responses. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error;
    const body = toProblem(error);
    if (body.status >= 500) this.logger.error(error instanceof Error ? error.stack ?? error.message : String(error));
    const request = host.switchToHttp().getRequest<{ originalUrl?: string; url?: string }>();
    // The path only: a query string may carry what the caller filtered by (phone numbers).
    const instance = (request?.originalUrl ?? request?.url)?.split('?')[0];
    const response = host.switchToHttp().getResponse();
    // A refusal that names when to come back (`retryAfter`, seconds: a 429 or 503) says it in the header too (RFC 9110 §10.2.3).
    if (typeof body.retryAfter === 'number') response.setHeader('Retry-After', String(body.retryAfter));
    response.status(body.status).type('application/problem+json').send(JSON.stringify(instance ? { ...body, instance } : body));
  }
}
