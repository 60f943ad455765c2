export * from './address';
export * from './command-status';
export * from './message-content';
export * from './pdu-fields';
export * from './receipt-pdu';
export * from './smpp-lib';
export * from './text-parts';
export * from './wire';
