export * from './gsm7';
export * from './ucs2';
export * from './udh';
export * from './segment';
