export * from './smsc/smpp-simulator';
