import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { WrongExpectedVersionError } from '@sms/event-store';
import { DomainError } from './errors';

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  [extension: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const HTTP_CODES: Record<number, string> = {
  400: 'VALIDATION_FAILED',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
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
  return problem(500, 'INTERNAL', 'An unexpected error occurred.');
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
    const response = host.switchToHttp().getResponse();
    response.status(body.status).type('application/problem+json').send(JSON.stringify(body));
  }
}
