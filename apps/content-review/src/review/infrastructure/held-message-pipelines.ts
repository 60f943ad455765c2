import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DATA_KEY_RING, type DataKeyRing } from '@sms/data-protection';
import { EVENT_STORE, type EventStore } from '@sms/event-store';
import { SubscriptionPipelines } from '@sms/service-kit';
import type { ReadModelDatabase } from '@sms/use-case-kit';
import { heldMessageCodec } from '../../event-codec';
import { HELD_MESSAGE_STORE, READ_MODEL_DATABASE } from '../../tokens';
import type { HeldMessageStore } from '../application/held-messages';
import { HELD_MESSAGE_TYPE_PREFIXES } from '../domain/held-message';

/** Checkpoint name of the projection that takes decided messages out of the review queue. */
export const HELD_MESSAGE_PROJECTION = 'projection:content-review.held-messages';

/**
 * The held-message queue's projection (ADR 0036): a committed decision marks its message decided, so it leaves the
 * queue. Resumes from its checkpoint in the service's read-model database; the mark and the checkpoint commit in one
 * unit of work. (The decisions are published by the content-review outbox.)
 */
@Injectable()
export class HeldMessagePipelines implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly pipelines = new SubscriptionPipelines('HeldMessagePipelines');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DATABASE) private readonly db: ReadModelDatabase,
    @Inject(HELD_MESSAGE_STORE) private readonly held: HeldMessageStore,
    @Inject(DATA_KEY_RING) private readonly ring: DataKeyRing,
  ) {}

  onApplicationBootstrap(): void {
    this.pipelines.projection(
      {
        store: this.store,
        codec: heldMessageCodec(this.ring),
        name: HELD_MESSAGE_PROJECTION,
        filter: { eventTypePrefixes: HELD_MESSAGE_TYPE_PREFIXES },
        db: this.db,
        project: async (events) => {
          for (const { event } of events) await this.held.decided(event.data.messageId, event.data.decidedAt);
        },
      },
      'held-message projection',
    );
  }

  /** Resolves once every committed decision is projected (tests). */
  async caughtUp(): Promise<void> {
    await this.pipelines.caughtUp();
  }

  async onModuleDestroy(): Promise<void> {
    await this.pipelines.stop();
  }
}
