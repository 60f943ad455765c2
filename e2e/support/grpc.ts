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

export function unary<T>(client: any, method: string, request: unknown): Promise<T> {
  return new Promise((resolve, reject) => client[method](request, (error: Error | null, response: T) => (error ? reject(error) : resolve(response))));
}
