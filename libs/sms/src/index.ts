export * from './encoding';
export * from './phone';
export * from './smpp-receipt';
