import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { INTERNAL_TOPICS } from '@sms/contracts';
import { EVENT_STORE, type EventStore, type RecordedEvent, type RunningSubscription } from '@sms/event-store';
import { type IntegrationEvent, MESSAGE_BUS, type MessageBus } from '@sms/messaging';
import { SubscriptionPipelines } from '@sms/service-kit';
import type { ReadModelDatabase } from '@sms/use-case-kit';
import type { EventCodec } from '@sms/use-case-kit/core';
import { DISPATCH_CODEC, type DispatchEvent } from '../../dispatch.codec';
import type { Batches } from '../application/batches';
import type { MessageProjection, MessageReadModel } from '../application/message-read-model';
import { toCancellationsRequested, toMessagesAccepted, toMessagesRouted, toMessagesWithdrawn } from '../application/outbox-mapping';
import type { ScheduledBatches } from '../application/scheduled-batches';
import type { SignatureExtensions } from '../application/signature-extensions';
import { BATCHES, DISPATCH_DATABASE, MESSAGE_READ_MODEL, SCHEDULED_BATCHES, SIGNATURE_EXTENSIONS } from '../application/tokens';
import { BATCH_ACCEPTED_PREFIX, BATCH_EVENT_TYPES, type BatchAccepted, batchStream } from '../domain/events';

/**
 * What follows from dispatch's committed batch events: the message projection (the kit's runner) and the outbox of
 * accepted and routed batches. Each its own subscription, so a slow hop (routing) never holds up accepting.
 */
@Injectable()
export class DispatchPipelines implements MessageProjection, OnApplicationBootstrap, OnModuleDestroy {
  private readonly outboxes = new SubscriptionPipelines('DispatchPipelines');
  // Its own set: the accepted outbox waits for it, so it stops after the outboxes.
  private readonly projections = new SubscriptionPipelines('DispatchPipelines');
  private projection?: RunningSubscription;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(DISPATCH_DATABASE) private readonly db: ReadModelDatabase,
    @Inject(MESSAGE_READ_MODEL) private readonly messages: MessageReadModel,
    @Inject(BATCHES) private readonly batches: Batches,
    @Inject(DISPATCH_CODEC) private readonly codec: EventCodec<DispatchEvent>,
    @Inject(SIGNATURE_EXTENSIONS) private readonly extensions: SignatureExtensions,
    @Inject(SCHEDULED_BATCHES) private readonly scheduled: ScheduledBatches,
  ) {}

  onApplicationBootstrap(): void {
    this.projection = this.projections.projection(
      {
        store: this.store,
        codec: this.codec,
        name: 'dispatch.messages',
        filter: { eventTypePrefixes: [BATCH_ACCEPTED_PREFIX] },
        db: this.db,
        project: async (events) => {
          const accepted = events.flatMap(({ event }) => (event.type === 'BatchAccepted' ? [event.data] : []));
          await this.messages.insertBatches(accepted);
          await this.scheduled.plan(accepted.flatMap((b) => (b.scheduledAt !== undefined ? [{ batchId: b.batchId, accountId: b.accountId, dueAt: b.scheduledAt }] : [])));
        },
      },
      'message projection',
    );
    this.outbox('dispatch.accepted', BATCH_ACCEPTED_PREFIX, async (events) => {
      // Rows first, then the batch downstream: screening, funds and receipts only ever come back for messages the
      // read model holds.
      await this.caughtUp();
      const accepted: IntegrationEvent[] = [];
      for (const { recorded, event } of this.decoded(events)) {
        // A scheduled batch goes downstream when its time comes (the released outbox).
        if (event.type === 'BatchAccepted' && event.data.scheduledAt === undefined) accepted.push(toMessagesAccepted(recorded, event.data));
      }
      if (accepted.length > 0) await this.bus.publish(INTERNAL_TOPICS.messagesAccepted, accepted);
    });
    this.outbox('dispatch.released', BATCH_EVENT_TYPES.batchReleased, async (events) => {
      const released: IntegrationEvent[] = [];
      for (const { recorded, event } of this.decoded(events)) {
        if (event.type !== 'BatchReleased' || event.data.messageIds.length === 0) continue;
        released.push(toMessagesAccepted(recorded, await this.batch(event.data.batchId), new Set(event.data.messageIds)));
      }
      if (released.length > 0) await this.bus.publish(INTERNAL_TOPICS.messagesAccepted, released);
    });
    // Reservations to release: routing withdrew the messages (cancelled, account halted) or found no channel.
    this.outbox('dispatch.withdrawn', [BATCH_EVENT_TYPES.messagesWithdrawn, BATCH_EVENT_TYPES.batchRoutingFailed], async (events) => {
      const withdrawn: IntegrationEvent[] = [];
      for (const { recorded, event } of this.decoded(events)) {
        if (event.type === 'MessagesWithdrawn' || event.type === 'BatchRoutingFailed') withdrawn.push(toMessagesWithdrawn(recorded, event.data));
      }
      if (withdrawn.length > 0) await this.bus.publish(INTERNAL_TOPICS.messagesWithdrawn, withdrawn);
    });
    this.outbox('dispatch.cancellations', BATCH_EVENT_TYPES.messagesCancelled, async (events) => {
      const requests: IntegrationEvent[] = [];
      for (const { recorded, event } of this.decoded(events)) {
        if (event.type === 'MessagesCancelled' && event.data.requested.length > 0) requests.push(toCancellationsRequested(recorded, event.data));
      }
      if (requests.length > 0) await this.bus.publish(INTERNAL_TOPICS.messageCancellations, requests);
    });
    this.outbox('dispatch.routed', BATCH_EVENT_TYPES.batchRouted, async (events) => {
      const routed: IntegrationEvent[] = [];
      for (const { recorded, event } of this.decoded(events)) {
        if (event.type !== 'BatchRouted') continue;
        const batch = await this.batch(event.data.batchId);
        // A code never changes once allocated, so publishing the same batch again after a crash carries the same one.
        routed.push(toMessagesRouted(recorded, event.data, batch, await this.extensions.extensionOf(batch.signatureId)));
      }
      if (routed.length > 0) await this.bus.publish(INTERNAL_TOPICS.messagesRouted, routed);
    });
  }

  async caughtUp(): Promise<void> {
    await this.projection?.caughtUp();
  }

  async onModuleDestroy(): Promise<void> {
    // The accepted outbox may be waiting for the projection: stop it first.
    await this.outboxes.stop();
    await this.projections.stop();
  }

  private outbox(name: string, typePrefix: string | string[], handle: (events: RecordedEvent[]) => Promise<void>): void {
    // The outboxes' checkpoints live in the read-model file, under the names they always had.
    this.outboxes.run({ store: this.store, checkpoints: this.db, name, filter: { eventTypePrefixes: Array.isArray(typePrefix) ? typePrefix : [typePrefix] }, handle });
  }

  /** The accepted batch a routed one belongs to: the batch stream's state, cached by the command handler. */
  private async batch(batchId: string): Promise<BatchAccepted> {
    // BatchAccepted is the stream's first event and never changes: a cached state holding it needs no read.
    const { state } = await this.batches.load(batchStream(batchId), { atLeast: 0n });
    if (!state.accepted) throw new Error(`Batch ${batchId} was routed but never accepted`);
    return state.accepted;
  }

  /** Every read of the batch streams passes through the codec (retired versions upcast, personal fields opened). */
  private decoded(events: RecordedEvent[]): Array<{ recorded: RecordedEvent; event: DispatchEvent }> {
    const out: Array<{ recorded: RecordedEvent; event: DispatchEvent }> = [];
    for (const recorded of events) {
      const event = this.codec.decode(recorded);
      if (event !== undefined) out.push({ recorded, event });
    }
    return out;
  }
}
