import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { INTERNAL_TOPICS, MESSAGES_ROUTED_V1, type MessagesRoutedV1 } from '@sms/contracts';
import { type BusSubscription, MESSAGE_BUS, type MessageBus } from '@sms/messaging';
import { CLOCK, type Clock, newId } from '@sms/service-kit';
import type { SegmentReceipt } from '../domain/receipt-correlation';
import { receiptTime } from '../domain/outcomes';
import { OPERATOR_CHANNELS, type OperatorChannel } from './operator-channel.port';
import { CARRIER_STATE, type CarrierState } from './carrier-state.port';
import { OutboxRelay } from './outbox-relay';
import { OutcomeRecorder } from './outcome-recorder';
import { SubmitLoop } from './submit-loop';

export const ROUTED_CONSUMER_GROUP = 'carrier-adapter.routed';

/**
 * The carrier adapter's lifecycle: routed messages are queued durably before the bus offset moves; the submit loop
 * feeds them to operator channels; what operators answer is recorded once (outcome recorder) and relayed to the
 * bus from the outbox (ADR 0012). The decisions — submission outcome per message, receipt correlation — are pure
 * functions in domain/.
 */
@Injectable()
export class CarrierEngine implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('CarrierEngine');
  private readonly relay: OutboxRelay;
  private readonly recorder: OutcomeRecorder;
  private readonly submitter: SubmitLoop;
  private subscription?: BusSubscription;

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CARRIER_STATE) private readonly state: CarrierState,
    @Inject(OPERATOR_CHANNELS) private readonly channels: Map<string, OperatorChannel>,
  ) {
    const now = () => this.clock.now();
    this.relay = new OutboxRelay(state, bus, now, (error) => this.logger.error(`publishing carrier outcomes failed, retrying: ${message(error)}`));
    this.recorder = new OutcomeRecorder(state, () => this.relay.kick(), (text) => this.logger.warn(text));
    this.submitter = new SubmitLoop(state, channels, (channelId, result) => this.recorder.submission(channelId, result), now);
  }

  async onModuleInit(): Promise<void> {
    for (const channel of this.channels.values()) {
      channel.on('receipt', (r: { operatorMessageId: string; status: string; err?: string; doneDate?: Date }) => {
        // Intermediate states (ENROUTE, ACCEPTD) are not final; the operator sends another receipt later.
        if (r.status === 'ENROUTE') return;
        this.recorder.receipt({
          channelId: channel.id,
          operatorMessageId: r.operatorMessageId,
          status: r.status as SegmentReceipt['status'],
          ...(r.status !== 'DELIVERED' && r.err ? { errorCode: r.err } : {}),
          doneAt: receiptTime(r.doneDate, this.clock.now()).toISOString(),
        });
      });
      channel.on('inbound', (mo: { from: string; to: string; text: string; receivedAt?: Date }) => {
        this.recorder.inboundMessage(channel.id, {
          inboundId: newId(),
          from: mo.from,
          to: mo.to,
          content: mo.text,
          receivedAt: (mo.receivedAt ?? this.clock.now()).toISOString(),
        });
      });
      void channel.start().catch((error) => this.logger.error(`channel ${channel.id} failed to start: ${message(error)}`));
    }
    this.subscription = await this.bus.subscribe({
      groupId: ROUTED_CONSUMER_GROUP,
      topics: [INTERNAL_TOPICS.messagesRouted],
      handler: async (event) => {
        if (event.type !== MESSAGES_ROUTED_V1) return;
        if (await this.state.enqueue(event.id, event.data as MessagesRoutedV1)) this.submitter.wake();
      },
    });
  }

  onApplicationBootstrap(): void {
    this.submitter.start();
    // Outcomes recorded before a crash or stop and not yet published go out first.
    this.relay.kick();
  }

  async onModuleDestroy(): Promise<void> {
    await this.subscription?.close();
    await this.submitter.stop();
    await Promise.all([...this.channels.values()].map((c) => c.close()));
    await this.recorder.flush().catch((error) => this.logger.error(`recording carrier outcomes at shutdown failed: ${message(error)}`));
    await this.relay.stop();
  }
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
