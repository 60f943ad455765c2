import type { Provider, Type } from '@nestjs/common';
import { InboundEventConsumers } from './api/event-consumers';
import { InboundMessagesController } from './api/inbound-messages.controller';
import { INBOUND_INFRASTRUCTURE } from './infrastructure/providers';
import { ListInboundMessagesHandler } from './list-inbound-messages/handler';
import { RouteInboundHandler } from './route-inbound/handler';

/** What DispatchModule registers for MO handling. */
export const INBOUND_PROVIDERS: Provider[] = [...INBOUND_INFRASTRUCTURE, RouteInboundHandler, ListInboundMessagesHandler, InboundEventConsumers];
export const INBOUND_CONTROLLERS: Type[] = [InboundMessagesController];
