import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DATA_KEY_RING, type DataKeyRing } from '@sms/data-protection';
import { EVENT_STORE, type EventStore } from '@sms/event-store';
import { MESSAGE_BUS, type MessageBus } from '@sms/messaging';
import { SubscriptionPipelines } from '@sms/service-kit';
import type { ReadModelDatabase } from '@sms/use-case-kit';
import { READ_MODEL_DATABASE } from '../../tokens';
import { screeningCodec } from '../../event-codec';
import { SCREENING_EVENTS } from '../../screening/domain/batch-screening';
import type { ComplaintRepository } from '../application/complaints';
import { COMPLAINT_REPOSITORY, VIOLATION_REPOSITORY } from '../application/tokens';
import { projectViolationEvents, VIOLATION_PROJECTION } from '../application/violation-projection';
import type { ViolationRepository } from '../application/violations';
import { CheckBlockedContentHandler } from '../check-blocked-content/handler';
import { SUPERVISION_TYPE_PREFIXES } from '../domain/events';
import { supervisionCodec } from '../supervision.codec';
import { violationOutboxMapper } from './supervision-outbox';

/** Checkpoint name of the blocked-content rule's subscription to BatchScreened (ADR 0034 "Blocked content"). */
export const BLOCKED_CONTENT_SUBSCRIPTION = 'content-review.blocked-content';

/** Checkpoint name of the cleared-messages-per-batch projection the complaint rate reads. */
export const SCREENED_COUNTS_PROJECTION = 'projection:content-review.screened-counts';

/**
 * What follows from committed violation events: their integration events on `sms.internal.violations` (an outbox
 * with its own checkpoint) and the violations read model. Both resume from checkpoints in the service's read-model
 * database; started once every module has subscribed its consumers.
 */
@Injectable()
export class SupervisionPipelines implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly pipelines = new SubscriptionPipelines('SupervisionPipelines');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(READ_MODEL_DATABASE) private readonly db: ReadModelDatabase,
    @Inject(VIOLATION_REPOSITORY) private readonly violations: ViolationRepository,
    @Inject(DATA_KEY_RING) private readonly ring: DataKeyRing,
    @Inject(COMPLAINT_REPOSITORY) private readonly complaints: ComplaintRepository,
    private readonly blockedContent: CheckBlockedContentHandler,
  ) {}

  onApplicationBootstrap(): void {
    const codec = supervisionCodec.protectedBy(this.ring);
    this.pipelines.outbox({
      name: 'content-review.supervision',
      store: this.store,
      checkpoints: this.db,
      bus: this.bus,
      filter: { eventTypePrefixes: SUPERVISION_TYPE_PREFIXES },
      map: violationOutboxMapper(codec),
    });
    this.pipelines.projection(
      {
        store: this.store,
        codec,
        name: VIOLATION_PROJECTION,
        filter: { eventTypePrefixes: SUPERVISION_TYPE_PREFIXES },
        db: this.db,
        project: (events) => projectViolationEvents(this.violations, events),
      },
      'violations projection',
    );
    // The complaint rate's denominator: the messages each screened batch cleared, per account (ADR 0034 "Complaints").
    this.pipelines.projection(
      {
        store: this.store,
        codec: screeningCodec,
        name: SCREENED_COUNTS_PROJECTION,
        filter: { eventTypePrefixes: [SCREENING_EVENTS.batchScreened] },
        db: this.db,
        project: async (events) => {
          for (const { event } of events) {
            const b = event.data;
            await this.complaints.screened({ batchId: b.batchId, accountId: b.accountId, cleared: b.cleared.length, screenedAt: b.screenedAt });
          }
        },
      },
      'screened message counts projection',
    );
    // The blocked-content rule: counts each screened batch (idempotent on batch id) and judges the account's window;
    // it appends violations, so it is a subscription of its own rather than a projection's unit of work.
    this.pipelines.run(
      {
        store: this.store,
        checkpoints: this.db,
        name: BLOCKED_CONTENT_SUBSCRIPTION,
        filter: { eventTypePrefixes: [SCREENING_EVENTS.batchScreened] },
        handle: async (events) => {
          for (const recorded of events) {
            const event = screeningCodec.decode(recorded);
            if (event?.type === 'BatchScreened') await this.blockedContent.handle(event.data);
          }
        },
      },
      'blocked-content rule',
    );
  }

  /** Resolves once everything committed so far is published and projected (tests). */
  async caughtUp(): Promise<void> {
    await this.pipelines.caughtUp();
  }

  async onModuleDestroy(): Promise<void> {
    await this.pipelines.stop();
  }
}
