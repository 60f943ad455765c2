export { INBOUND_CONTROLLERS, INBOUND_PROVIDERS } from './inbound.providers';
export { InboundStore } from './infrastructure/inbound-store';
export { INBOUND_ROUTING_WINDOW_MS, INBOUND_STORE } from './infrastructure/tokens';
export { InboundPipeline } from './application/inbound-pipeline';
