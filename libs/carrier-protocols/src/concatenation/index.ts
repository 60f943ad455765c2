export * from './concatenation-buffer';
