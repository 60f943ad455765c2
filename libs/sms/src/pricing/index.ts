export * from './price-lookup';
