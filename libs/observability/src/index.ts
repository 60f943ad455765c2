export * from './logger';
export * from './metrics';
export * from './nest-logger';
export * from './pretty';
export * from './redact';
export * from './tracing';
