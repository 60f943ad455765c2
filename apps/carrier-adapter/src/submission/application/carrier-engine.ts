import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import {
  DELIVERY_REPORTED_V1,
  DeliveryReportedV1,
  INBOUND_RECEIVED_V1,
  InboundReceivedV1,
  INTERNAL_TOPICS,
  MESSAGES_SUBMITTED_V1,
  MessagesRoutedV1,
  MessagesSubmittedV1,
  SOURCES,
} from '@sms/contracts';
import { CheckpointStore, EVENT_STORE, EventStore, RecordedEvent } from '@sms/event-store';
import { BusSubscription, MESSAGE_BUS, MessageBus } from '@sms/messaging';
import { CLOCK, Clock, deterministicId, integrationEvent, newId, OutboxMessage, startOutbox, transaction } from '@sms/service-kit';
import {
  CARRIER_EVENTS,
  carrierStream,
  DeliveriesRecorded,
  DeliveryResult,
  InboundRecorded,
  SubmissionResult,
  SubmissionsRecorded,
} from '../domain/events';
import { receiptTime, submissionOutcome } from '../domain/outcomes';
import { CarrierStore, OutboundRow, PendingKind, Receipt } from '../infrastructure/carrier-store';
import { CARRIER_CHECKPOINTS, CARRIER_STORE, OPERATOR_CHANNELS, OperatorChannel } from '../infrastructure/channel';

const STREAM_KIND: Record<PendingKind, 'submissions' | 'deliveries' | 'inbound'> = {
  submission: 'submissions',
  delivery: 'deliveries',
  inbound: 'inbound',
};
const EVENT_TYPE: Record<PendingKind, string> = {
  submission: CARRIER_EVENTS.submissionsRecorded,
  delivery: CARRIER_EVENTS.deliveriesRecorded,
  inbound: CARRIER_EVENTS.inboundRecorded,
};
/** How long a receipt whose submit acknowledgement we have not recorded yet is retried before it is dropped as unknown. */
const ORPHAN_RECEIPT_MS = 60_000;

/**
 * Submits routed messages to operator channels and records what operators answer. Accepted work is durable at each
 * step: routed messages are queued in SQLite before the bus offset moves; acknowledgements and receipts land in
 * SQLite in one transaction with the results awaiting the event store; the event store feeds the outbox.
 */
@Injectable()
export class CarrierEngine implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('CarrierEngine');
  private subscription?: BusSubscription;
  private outbox?: ReturnType<typeof startOutbox>;
  private running = false;
  private cursor = 0;
  private inFlight = 0;
  private readonly completed: Array<{ channelId: string; result: SubmissionResult }> = [];
  private receipts: Array<Receipt & { firstSeenAt: number }> = [];
  private readonly inbound: Array<{ channelId: string; message: InboundRecorded['messages'][number] }> = [];
  private flushScheduled = false;
  private wake?: () => void;
  private appending?: Promise<void>;
  private appendAgain = false;
  private readonly loops: Promise<void>[] = [];

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CARRIER_STORE) private readonly carrier: CarrierStore,
    @Inject(CARRIER_CHECKPOINTS) private readonly checkpoints: CheckpointStore,
    @Inject(OPERATOR_CHANNELS) private readonly channels: Map<string, OperatorChannel>,
  ) {}

  async onModuleInit(): Promise<void> {
    for (const channel of this.channels.values()) {
      channel.on('receipt', (r: { operatorMessageId: string; status: string; err?: string; doneDate?: Date }) => {
        // Intermediate states (ENROUTE, ACCEPTD) are not final; the operator sends another receipt later.
        if (r.status === 'ENROUTE') return;
        this.receipts.push({
          channelId: channel.id,
          operatorMessageId: r.operatorMessageId,
          status: r.status as Receipt['status'],
          ...(r.status !== 'DELIVERED' && r.err ? { errorCode: r.err } : {}),
          doneAt: receiptTime(r.doneDate, this.clock.now()).toISOString(),
          firstSeenAt: Date.now(),
        });
        this.scheduleFlush();
      });
      channel.on('inbound', (mo: { from: string; to: string; text: string; receivedAt?: Date }) => {
        this.inbound.push({
          channelId: channel.id,
          message: { inboundId: newId(), from: mo.from, to: mo.to, content: mo.text, receivedAt: (mo.receivedAt ?? this.clock.now()).toISOString() },
        });
        this.scheduleFlush();
      });
      void channel.start().catch((error) => this.logger.error(`channel ${channel.id} failed to start: ${error instanceof Error ? error.message : error}`));
    }
    this.subscription = await this.bus.subscribe({
      groupId: 'carrier-adapter.routed',
      topics: [INTERNAL_TOPICS.messagesRouted],
      handler: async (event) => {
        if (this.carrier.enqueue(event.id, event.data as MessagesRoutedV1)) this.wake?.();
      },
    });
  }

  onApplicationBootstrap(): void {
    this.running = true;
    this.loops.push(this.submitLoop());
    this.outbox = startOutbox({
      name: 'carrier-adapter',
      store: this.store,
      checkpoints: this.checkpoints,
      bus: this.bus,
      filter: { eventTypePrefixes: ['carrier-adapter.'] },
      map: toIntegrationEvents,
      onError: (error) => this.logger.error(`outbox failed, retrying: ${error instanceof Error ? error.message : error}`),
    });
    this.kickAppender();
  }

  async onModuleDestroy(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.subscription?.close();
    await Promise.all(this.loops);
    await Promise.all([...this.channels.values()].map((c) => c.close()));
    this.flush();
    await this.appending;
    await this.outbox?.stop();
  }

  private maxInFlight(): number {
    return [...this.channels.values()].reduce((sum, c) => sum + c.capacity, 0);
  }

  private async submitLoop(): Promise<void> {
    while (this.running) {
      const room = this.maxInFlight() - this.inFlight;
      const rows = room > 0 ? this.carrier.pendingAfter(this.cursor, room) : [];
      if (rows.length === 0) {
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          setTimeout(resolve, room > 0 ? 200 : 5);
        });
        continue;
      }
      this.cursor = rows[rows.length - 1].seq;
      for (const row of rows) this.submit(row);
    }
  }

  private submit(row: OutboundRow): void {
    const channel = this.channels.get(row.channel_id);
    if (!channel) {
      this.complete(row, [{ seq: 1, error: { code: 'UNKNOWN_CHANNEL' } }]);
      return;
    }
    this.inFlight++;
    channel
      .submit({ to: row.phone_number, text: row.text, registeredDelivery: true })
      .then(
        (outcome) => this.complete(row, outcome.parts.map((p) => ({ seq: p.seq, operatorMessageId: p.operatorMessageId, error: p.error && { code: p.error.code } }))),
        (error) => {
          // Closing the channel aborts what it still had queued: those messages stay pending for the next start
          // instead of failing, since the operator never refused them.
          if (this.running) this.complete(row, [{ seq: 1, error: { code: error?.code ?? 'SUBMIT_ERROR' } }]);
        },
      )
      .finally(() => {
        this.inFlight--;
        this.wake?.();
      });
  }

  private complete(row: OutboundRow, parts: Array<{ seq: number; operatorMessageId?: string; error?: { code: string } }>): void {
    this.completed.push({
      channelId: row.channel_id,
      result: { messageId: row.message_id, batchId: row.batch_id, accountId: row.account_id, submittedAt: this.clock.now().toISOString(), ...submissionOutcome(parts) },
    });
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  /** Writes buffered acknowledgements, receipts and inbound messages in one transaction, then wakes the appender. */
  private flush(): void {
    if (this.completed.length === 0 && this.receipts.length === 0 && this.inbound.length === 0) return;
    const completed = this.completed.splice(0);
    const receipts = this.receipts;
    this.receipts = [];
    const inbound = this.inbound.splice(0);
    const unknown = transaction(this.carrier.db, () => {
      for (const [channelId, results] of groupBy(completed, (c) => c.channelId)) this.carrier.recordSubmissions(channelId, results.map((c) => c.result));
      for (const [channelId, list] of groupBy(inbound, (i) => i.channelId)) this.carrier.recordInbound(channelId, list.map((i) => i.message));
      return this.carrier.applyReceipts(receipts);
    }) as Array<Receipt & { firstSeenAt: number }>;
    const now = Date.now();
    const retry = unknown.filter((r) => now - r.firstSeenAt < ORPHAN_RECEIPT_MS);
    if (retry.length < unknown.length) this.logger.warn(`${unknown.length - retry.length} receipt(s) for unknown operator message ids dropped`);
    if (retry.length > 0) {
      this.receipts.push(...retry);
      setTimeout(() => this.scheduleFlush(), 50);
    }
    this.kickAppender();
  }

  private kickAppender(): void {
    if (this.appending) {
      this.appendAgain = true;
      return;
    }
    this.appending = this.appendPending()
      .catch((error) => {
        this.logger.error(`appending carrier results failed, retrying: ${error instanceof Error ? error.message : error}`);
        return new Promise<void>((resolve) => setTimeout(resolve, 500)).then(() => {
          this.appendAgain = true;
        });
      })
      .finally(() => {
        this.appending = undefined;
        if (this.appendAgain) {
          this.appendAgain = false;
          this.kickAppender();
        }
      });
  }

  /** Moves results from SQLite into the event store, one event per kind and channel per round. */
  private async appendPending(): Promise<void> {
    for (;;) {
      const pending = this.carrier.takePending(200);
      if (pending.length === 0) return;
      for (const [key, rows] of groupBy(pending, (p) => `${p.kind}\u0000${p.channel_id}`)) {
        const [kind, channelId] = key.split('\u0000') as [PendingKind, string];
        const items = rows.flatMap((r) => JSON.parse(r.payload));
        const data =
          kind === 'submission'
            ? ({ channelId, results: items } satisfies SubmissionsRecorded)
            : kind === 'delivery'
              ? ({ channelId, results: items } satisfies DeliveriesRecorded)
              : ({ channelId, messages: items } satisfies InboundRecorded);
        await this.store.appendToStream(carrierStream(STREAM_KIND[kind], channelId), {
          // The same pending rows always produce the same id, so a crash before the delete appends nothing twice.
          id: deterministicId('carrier', kind, channelId, ...rows.map((r) => String(r.seq))),
          type: EVENT_TYPE[kind],
          data,
        });
      }
      this.carrier.deletePendingUpTo(pending[pending.length - 1].seq);
    }
  }
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** One integration event per account, since consumers key their work (and Kafka its partitions) by account. */
export function toIntegrationEvents(recorded: RecordedEvent): OutboxMessage[] {
  if (recorded.type === CARRIER_EVENTS.submissionsRecorded) {
    const { channelId, results } = recorded.data as SubmissionsRecorded;
    return [...groupBy(results, (r) => r.accountId)].map(([accountId, list], index) => ({
      topic: INTERNAL_TOPICS.submissions,
      event: integrationEvent<MessagesSubmittedV1>(recorded, MESSAGES_SUBMITTED_V1, SOURCES.carrierAdapter, accountId, {
        accountId,
        channelId,
        results: list.map(({ accountId: _a, ...r }) => r),
      }, index),
    }));
  }
  if (recorded.type === CARRIER_EVENTS.deliveriesRecorded) {
    const { channelId, results } = recorded.data as DeliveriesRecorded;
    return [...groupBy(results, (r: DeliveryResult) => r.accountId)].map(([accountId, list], index) => ({
      topic: INTERNAL_TOPICS.deliveryReports,
      event: integrationEvent<DeliveryReportedV1>(recorded, DELIVERY_REPORTED_V1, SOURCES.carrierAdapter, accountId, {
        accountId,
        channelId,
        reports: list.map(({ accountId: _a, ...r }) => r),
      }, index),
    }));
  }
  if (recorded.type === CARRIER_EVENTS.inboundRecorded) {
    const { channelId, messages } = recorded.data as InboundRecorded;
    return messages.map((m, index) => ({
      topic: INTERNAL_TOPICS.inboundReceived,
      event: integrationEvent<InboundReceivedV1>(recorded, INBOUND_RECEIVED_V1, SOURCES.carrierAdapter, m.to, { ...m, channelId }, index),
    }));
  }
  return [];
}
