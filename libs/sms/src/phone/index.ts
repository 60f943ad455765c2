export * from './parse';
export * from './mask';
