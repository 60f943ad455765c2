/** Injection tokens of the inbound context. */

/** `CommandHandler<DispatchEvent, InboundStreamState>`: the inbound streams' one write path. */
export const INBOUND_STREAMS = Symbol('INBOUND_STREAMS');
/** `ReadModelDatabase` of inbound's own file. */
export const INBOUND_DATABASE = Symbol('INBOUND_DATABASE');
/** `InboundRepository` */
export const INBOUND_REPOSITORY = Symbol('INBOUND_REPOSITORY');
/** `LastOutboundLookup` (implemented by the message read model). */
export const LAST_OUTBOUND = Symbol('LAST_OUTBOUND');
/** `ExtensionOwners` (implemented by the messages context's SignatureExtensions). */
export const EXTENSION_OWNERS = Symbol('EXTENSION_OWNERS');
