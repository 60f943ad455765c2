import type { ServiceDefinition } from '@sms/service-kit';
import { CarrierAdapterConfig } from './carrier-adapter.config';
import { CarrierAdapterModule } from './carrier-adapter.module';

export { CarrierAdapterModule } from './carrier-adapter.module';
export { CarrierAdapterConfig, type ChannelConnection } from './carrier-adapter.config';
/** One operator channel from its connection settings, as the service builds it (benches and tools drive a channel alone). */
export { createOperatorChannel } from './submission/infrastructure/operator-channels';

/** The carrier adapter has no public API of its own: it speaks to operators and to the bus. */
export const CARRIER_ADAPTER_SERVICE: ServiceDefinition = { name: 'carrier-adapter', module: CarrierAdapterModule, settings: [CarrierAdapterConfig] };
