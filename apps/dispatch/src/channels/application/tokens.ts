/** Injection tokens of the channels context (ADR 0018). */

/** `CommandHandler<DispatchEvent, ChannelState>`: the channel streams' one write path. */
export const CHANNEL_STREAMS = Symbol('CHANNEL_STREAMS');
/** `CommandHandler<DispatchEvent, MaintenanceState>`: the maintenance stream's. */
export const MAINTENANCE_STREAM_HANDLER = Symbol('MAINTENANCE_STREAM_HANDLER');
/** `ChannelReadModel` */
export const CHANNEL_READ_MODEL = Symbol('CHANNEL_READ_MODEL');
/** `ChannelRegistry`, seen as the messages context's `Router`. */
export const CHANNEL_ROUTER = Symbol('CHANNEL_ROUTER');
