import { RpcException } from '@nestjs/microservices';
import { WrongExpectedVersionError } from '@sms/event-store';
import { IsString, MinLength } from 'class-validator';
import { DomainError } from './errors';
import { grpcCall, GRPC_STATUS, MAX_STATUS_MESSAGE_LENGTH, toRpcException, validateGrpcRequest } from './grpc-errors';

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

  it('cuts a long message, which travels in a trailer, without splitting a surrogate pair', () => {
    const long = status(toRpcException(new DomainError('SIGNATURE_NOT_FOUND', `signature ${'x'.repeat(80_000)} not found`)));
    expect(long.message).toMatch(/^SIGNATURE_NOT_FOUND: signature x+…$/);
    expect(long.message.length).toBe(MAX_STATUS_MESSAGE_LENGTH + 1);
    const emoji = status(toRpcException(new DomainError('X', '😀'.repeat(1_000)))).message;
    expect(emoji.endsWith('😀…')).toBe(true);
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
