import type { Provider, Type } from '@nestjs/common';
import { DispatchStore } from '../messages/infrastructure/dispatch-store';
import { DISPATCH_STORE } from '../messages/infrastructure/tokens';
import { InboundMessagesController } from './api/inbound-messages.controller';
import { InboundConsumer } from './application/inbound-consumer';
import { InboundPipeline } from './application/inbound-pipeline';
import { DEFAULT_ROUTING_WINDOW_MS } from './domain/decide-inbound';
import { InboundStore } from './infrastructure/inbound-store';
import { INBOUND_ROUTING_WINDOW_MS, INBOUND_STORE } from './infrastructure/tokens';

/** What DispatchModule registers for MO handling. */
export const INBOUND_PROVIDERS: Provider[] = [
  // Built from DispatchStore so the messages table it reads already exists, on the same connection.
  { provide: INBOUND_STORE, inject: [DISPATCH_STORE], useFactory: (dispatch: DispatchStore) => new InboundStore(dispatch.db) },
  { provide: INBOUND_ROUTING_WINDOW_MS, useValue: DEFAULT_ROUTING_WINDOW_MS },
  InboundConsumer,
  InboundPipeline,
];

export const INBOUND_CONTROLLERS: Type[] = [InboundMessagesController];
