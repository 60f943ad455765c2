export * from './backoff';
export * from './submit-window';
export * from './throttle';
