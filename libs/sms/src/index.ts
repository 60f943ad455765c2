export {};
export * from './smpp-receipt';
