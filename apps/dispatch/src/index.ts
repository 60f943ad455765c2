import { protoFile } from '@sms/contracts';
import type { ServiceDefinition } from '@sms/service-kit';
import { DispatchConfig } from './dispatch.config';
import { DispatchModule } from './dispatch.module';

export { DispatchConfig } from './dispatch.config';
export { DispatchModule } from './dispatch.module';

export const DISPATCH_SERVICE: ServiceDefinition = {
  name: 'dispatch',
  module: DispatchModule,
  grpc: [{ package: 'sms.dispatch.v1', protoPath: protoFile('dispatch.proto') }],
  settings: [DispatchConfig],
};
