export * from './socket-writer';
