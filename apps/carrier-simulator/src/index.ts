export * from './smsc/smpp-simulator';
export * from './http/control-server';
export * from './smsc/cmpp-simulator';
