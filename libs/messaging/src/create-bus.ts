import type { MessageBus } from './bus.port';
import { InProcessBus, type InProcessBusOptions } from './in-process/in-process-bus';
import { KafkaBus, type KafkaBusOptions } from './kafka/kafka-bus';

export type BusConfig = ({ kind: 'in-process' } & InProcessBusOptions) | ({ kind: 'kafka' } & KafkaBusOptions);

/** Picks the adapter for the profile; Kafka connects lazily, on the first publish or subscribe. */
export function createBus(config: BusConfig): MessageBus {
  switch (config.kind) {
    case 'in-process':
      return new InProcessBus(config);
    case 'kafka':
      return new KafkaBus(config);
  }
}
