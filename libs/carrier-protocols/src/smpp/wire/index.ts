export * from './pdu-codec';
export * from './pdu-framer';
export * from './smpp-connection';
