import { RpcException } from '@nestjs/microservices';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DomainError } from './errors';
import { toProblem } from './problem-details.filter';

/** gRPC status codes (grpc/status.h) our problems map to. */
export const GRPC_STATUS = {
  INVALID_ARGUMENT: 3,
  NOT_FOUND: 5,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
} as const;

const BY_HTTP_STATUS: Record<number, number> = {
  400: GRPC_STATUS.INVALID_ARGUMENT,
  401: GRPC_STATUS.UNAUTHENTICATED,
  402: GRPC_STATUS.FAILED_PRECONDITION,
  403: GRPC_STATUS.PERMISSION_DENIED,
  404: GRPC_STATUS.NOT_FOUND,
  409: GRPC_STATUS.ABORTED,
  422: GRPC_STATUS.FAILED_PRECONDITION,
  429: GRPC_STATUS.RESOURCE_EXHAUSTED,
  503: GRPC_STATUS.UNAVAILABLE,
};

/**
 * Longest status message, in UTF-16 units. The message travels in a trailer (`grpc-message`), and a detail that
 * quotes the request — `signature <id> not found` with an 80,000-character id — made a trailer the call never
 * completed with: the client waited for its deadline (found by e2e/fuzz).
 */
export const MAX_STATUS_MESSAGE_LENGTH = 1_000;

/**
 * The one gRPC error mapper: the same problem REST would answer (toProblem), as a gRPC status whose message starts
 * with the stable code — `TEMPLATE_NOT_APPROVED: …` — so clients of either API match on the same codes.
 */
export function toRpcException(error: unknown): RpcException {
  if (error instanceof RpcException) return error;
  const problem = toProblem(error);
  const code = BY_HTTP_STATUS[problem.status] ?? (problem.status >= 500 ? GRPC_STATUS.INTERNAL : GRPC_STATUS.FAILED_PRECONDITION);
  return new RpcException({ code, message: truncate(`${problem.code}: ${problem.detail}`, MAX_STATUS_MESSAGE_LENGTH) });
}

/** At most `max` UTF-16 units and an ellipsis, never half a surrogate pair. */
function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = /[\uD800-\uDBFF]$/.test(text.slice(0, max)) ? max - 1 : max;
  return `${text.slice(0, cut)}…`;
}

/** Runs a gRPC method's work, answering any failure through `toRpcException`. */
export async function grpcCall<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toRpcException(error);
  }
}

/** Validates a gRPC request with the REST DTO (class-validator), so both APIs refuse the same input the same way. */
export function validateGrpcRequest<T extends object>(cls: new () => T, plain: object): T {
  const instance = plainToInstance(cls, plain);
  const errors = validateSync(instance, { whitelist: true });
  if (errors.length > 0) {
    const detail = errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ') || 'invalid'}`).join(' | ');
    throw new DomainError('VALIDATION_FAILED', detail);
  }
  return instance;
}
