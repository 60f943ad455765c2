export * from './kafka-mock';
export * from './service-harness';
export * from './wait';
export * from './recording-bus';
export * from './credentials';
export * from './grpc';
export * from './prometheus-text';
