export * from './kafka-mock';
export * from './service-harness';
export * from './wait';
