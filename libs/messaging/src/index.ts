export * from './bus.port';
export * from './cloudevents';
export * from './errors';
export * from './logger';
export { DEFAULT_MAX_RETRIES, DEFAULT_RETRY_BACKOFF_MS, defaultDeadLetterTopic } from './delivery';
export * from './in-process/in-process-bus';
export * from './kafka/kafka-bus';
export * from './create-bus';
export * from './thread/thread-bus';
