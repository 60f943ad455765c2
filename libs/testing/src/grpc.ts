import { Metadata } from '@grpc/grpc-js';
import { TEST_ADMIN_TOKEN } from './service-harness';

/** One unary gRPC call with a bearer token in the `authorization` metadata (the test admin key unless another is given; `null` = none). */
export function grpcUnary<T = any>(client: any, method: string, request: unknown, token: string | null = TEST_ADMIN_TOKEN): Promise<T> {
  const metadata = new Metadata();
  if (token) metadata.set('authorization', `Bearer ${token}`);
  return new Promise((resolve, reject) => client[method](request, metadata, (error: Error | null, response: T) => (error ? reject(error) : resolve(response))));
}
