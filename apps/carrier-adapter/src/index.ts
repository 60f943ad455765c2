import type { ServiceDefinition } from '@sms/service-kit';
import { CarrierAdapterModule } from './carrier-adapter.module';

export { CarrierAdapterModule } from './carrier-adapter.module';

/** The carrier adapter has no public API of its own: it speaks to operators and to the bus. */
export const CARRIER_ADAPTER_SERVICE: ServiceDefinition = { name: 'carrier-adapter', module: CarrierAdapterModule };
