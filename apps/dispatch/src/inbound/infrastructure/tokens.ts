export const INBOUND_STORE = Symbol('INBOUND_STORE');
/** Milliseconds a send keeps claiming replies from its recipient (DEFAULT_ROUTING_WINDOW_MS unless overridden). */
export const INBOUND_ROUTING_WINDOW_MS = Symbol('INBOUND_ROUTING_WINDOW_MS');
