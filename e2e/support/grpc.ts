import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { protoFile } from '@sms/contracts';

/** A plain gRPC client of a service, from the .proto files we publish. */
export function grpcClient(address: string, file: string, pkg: string, service: string): any {
  const definition = protoLoader.loadSync(protoFile(file), { keepCase: true, longs: String, enums: String, defaults: true });
  const loaded: any = grpc.loadPackageDefinition(definition);
  const Client = pkg.split('.').reduce((node, part) => node[part], loaded)[service];
  return new Client(address, grpc.credentials.createInsecure());
}

/** One unary call, with the token as `authorization` metadata when given. */
export function unary<T>(client: any, method: string, request: unknown, token?: string): Promise<T> {
  const metadata = new grpc.Metadata();
  if (token) metadata.set('authorization', `Bearer ${token}`);
  return new Promise((resolve, reject) => client[method](request, metadata, (error: Error | null, response: T) => (error ? reject(error) : resolve(response))));
}
