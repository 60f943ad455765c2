export * from './authenticator';
export * from './constants';
export * from './errors';
export * from './frame-decoder';
export * from './message-text';
export * from './msg-id';
export * from './pdu-codec';
