import type { Provider } from '@nestjs/common';
import { DATA_KEY_RING, type DataKeyRing } from '@sms/data-protection';
import { EVENT_STORE, type EventStore } from '@sms/event-store';
import type { ReadModelDatabase } from '@sms/use-case-kit';
import type { DatabaseSync } from 'node:sqlite';
import { CONTENT_REVIEW_DB, HELD_MESSAGE_STORE, HELD_MESSAGES, READ_MODEL_DATABASE } from '../../tokens';
import { HeldMessagesController } from '../api/held-messages.controller';
import { createHeldMessages } from '../application/held-messages';
import { DecideHeldMessageHandler } from '../decide-held-message/handler';
import { ListHeldMessagesHandler } from '../list-held-messages/handler';
import { HeldMessagePipelines } from './held-message-pipelines';
import { SqliteHeldMessageStore } from './sqlite-held-message-store';

/** Held-message review (ADR 0036): registered in content-review.module.ts by these two lists. */
export const HELD_MESSAGE_CONTROLLERS = [HeldMessagesController];

export const HELD_MESSAGE_PROVIDERS: Provider[] = [
  {
    provide: HELD_MESSAGE_STORE,
    inject: [CONTENT_REVIEW_DB, DATA_KEY_RING, READ_MODEL_DATABASE],
    useFactory: (db: DatabaseSync, ring: DataKeyRing, units: ReadModelDatabase) => new SqliteHeldMessageStore(db, ring, units),
  },
  { provide: HELD_MESSAGES, inject: [EVENT_STORE, DATA_KEY_RING], useFactory: (store: EventStore, ring: DataKeyRing) => createHeldMessages(store, ring) },
  DecideHeldMessageHandler,
  ListHeldMessagesHandler,
  HeldMessagePipelines,
];
