export * from './topics';
export * from './money';
export * from './events/common';
export * from './events/account.v1';
export * from './events/review.v1';
export * from './events/dispatch.v1';
export * from './events/carrier.v1';
export * from './events/public.v1';
