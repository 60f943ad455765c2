export * from './data-erasure';
export * from './data-erasure.module';
