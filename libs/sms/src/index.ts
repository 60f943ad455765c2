export * from './encoding';
export * from './phone';
export * from './smpp-receipt';
export * from './operators';
export * from './message';
export * from './pricing';
