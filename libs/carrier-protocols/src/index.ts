export * from './concatenation';
export * from './smpp';
export * from './window';
export * from './cmpp';
export * from './operator-id';
export * from './wire';
