import { RpcException } from '@nestjs/microservices';
import { WrongExpectedVersionError } from '@sms/event-store';
import { IsString, MinLength } from 'class-validator';
import { DomainError } from './errors';
import { grpcCall, GRPC_STATUS, toRpcException, validateGrpcRequest } from './grpc-errors';

const status = (e: RpcException) => e.getError() as { code: number; message: string };

describe('toRpcException', () => {
  it.each([
    ['VALIDATION_FAILED', GRPC_STATUS.INVALID_ARGUMENT],
    ['ACCOUNT_NOT_FOUND', GRPC_STATUS.NOT_FOUND],
    ['ALREADY_DECIDED', GRPC_STATUS.ABORTED],
    ['TEMPLATE_NOT_APPROVED', GRPC_STATUS.FAILED_PRECONDITION],
    ['ACCOUNT_FROZEN', GRPC_STATUS.PERMISSION_DENIED],
    ['RATE_LIMITED', GRPC_STATUS.RESOURCE_EXHAUSTED],
  ])('maps %s to gRPC status %d with the code in front of the message', (code, grpc) => {
    expect(status(toRpcException(new DomainError(code, 'why')))).toEqual({ code: grpc, message: `${code}: why` });
  });

  it('maps a concurrency conflict to ABORTED and anything unexpected to INTERNAL without details', () => {
    expect(status(toRpcException(new WrongExpectedVersionError('s', 1n, 2n)))).toMatchObject({ code: GRPC_STATUS.ABORTED, message: expect.stringMatching(/^CONCURRENCY_CONFLICT: /) });
    expect(status(toRpcException(new Error('secret internals')))).toEqual({ code: GRPC_STATUS.INTERNAL, message: 'INTERNAL: An unexpected error occurred.' });
  });

  it('grpcCall passes results through and maps failures', async () => {
    await expect(grpcCall(() => 1)).resolves.toBe(1);
    await expect(grpcCall(() => Promise.reject(new DomainError('MESSAGE_NOT_FOUND', 'x')))).rejects.toBeInstanceOf(RpcException);
  });
});

class Dto {
  @IsString() @MinLength(2) name!: string;
}

describe('validateGrpcRequest', () => {
  it('returns the instance or a VALIDATION_FAILED domain error naming the field', () => {
    expect(validateGrpcRequest(Dto, { name: 'ok' }).name).toBe('ok');
    expect(() => validateGrpcRequest(Dto, { name: 'x' })).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', detail: expect.stringContaining('name') }));
  });
});
