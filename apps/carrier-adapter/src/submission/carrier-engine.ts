import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ChannelControlConsumer } from './api/channel-control.consumer';
import { CarrierEventConsumers } from './api/event-consumers';
import { ChannelSupervisor } from './application/channel-supervisor';
import type { OperatorChannel } from './application/operator-channel.port';
import { OPERATOR_CHANNELS } from './application/tokens';
import { RecordOutcomesHandler } from './record-outcomes/handler';
import { RelayOutcomesHandler } from './relay-outcomes/handler';
import { ReportHealthHandler } from './report-health/handler';
import { SubmitQueuedHandler } from './submit-queued/handler';

/**
 * The carrier adapter's lifecycle, and nothing else: routed messages are queued durably before the bus offset moves
 * (queue-routed); the submit loop feeds them to operator channels (submit-queued); what operators answer is
 * recorded once (record-outcomes) and relayed to the bus from the outbox (relay-outcomes, ADR 0012).
 *
 * One provider drives the order because Nest runs a module's hooks concurrently. Stopping: leave the bus group (no
 * new work), end the submit loop (a submit its channel fails from now on is not a refusal: the message stays
 * queued), close the channels (no more answers), record what is buffered, publish what is recorded.
 */
@Injectable()
export class CarrierEngine implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('CarrierEngine');

  constructor(
    @Inject(OPERATOR_CHANNELS) private readonly channels: ReadonlyMap<string, OperatorChannel>,
    private readonly consumers: CarrierEventConsumers,
    private readonly submitQueued: SubmitQueuedHandler,
    private readonly recordOutcomes: RecordOutcomesHandler,
    private readonly relayOutcomes: RelayOutcomesHandler,
    private readonly supervisor: ChannelSupervisor,
    private readonly controls: ChannelControlConsumer,
    private readonly health: ReportHealthHandler,
  ) {}

  async onModuleInit(): Promise<void> {
    for (const channel of this.channels.values()) {
      this.consumers.listen(channel);
      // Its binds decide when its queue is handed back (ADR 0018): followed from before the first bind.
      this.supervisor.watch(channel);
      // A refused bind is retried with backoff; each refusal says why, so a wrong password is seen at once.
      channel.on('refused', (error: Error) => this.logger.error(`channel ${channel.id}: ${error.message}; retrying with backoff`));
      // start() rejects only with a refusal (logged above) or a close before the first bind (a stop, not a fault).
      void channel.start().catch(() => undefined);
    }
    await Promise.all([this.consumers.subscribe(), this.controls.subscribe()]);
  }

  onApplicationBootstrap(): void {
    this.submitQueued.start();
    // Outcomes recorded before a crash or stop and not yet published go out first.
    this.relayOutcomes.handle();
    this.health.start();
  }

  async onModuleDestroy(): Promise<void> {
    this.health.stop();
    await Promise.all([this.consumers.close(), this.controls.close()]);
    await this.submitQueued.stop();
    await Promise.all([...this.channels.values()].map((c) => c.close()));
    await this.recordOutcomes.flush().catch((error) => this.logger.error(`recording carrier outcomes at shutdown failed: ${message(error)}`));
    await this.relayOutcomes.stop();
  }
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
