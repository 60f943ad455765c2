import type { Provider, Type } from '@nestjs/common';
import { InboundEventConsumers } from './api/event-consumers';
import { InboundMessagesController } from './api/inbound-messages.controller';
import { OptOutsController } from './api/opt-outs.controller';
import { ManageOptOutsHandler } from './manage-opt-outs/handler';
import { INBOUND_INFRASTRUCTURE } from './infrastructure/providers';
import { ListInboundMessagesHandler } from './list-inbound-messages/handler';
import { RouteInboundHandler } from './route-inbound/handler';

/** What DispatchModule registers for MO handling. */
export const INBOUND_PROVIDERS: Provider[] = [...INBOUND_INFRASTRUCTURE, RouteInboundHandler, ListInboundMessagesHandler, ManageOptOutsHandler, InboundEventConsumers];
export const INBOUND_CONTROLLERS: Type[] = [InboundMessagesController, OptOutsController];
