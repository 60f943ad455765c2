import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { INTERNAL_TOPICS } from '@sms/contracts';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@sms/event-store';
import { type IntegrationEvent, MESSAGE_BUS, type MessageBus } from '@sms/messaging';
import { SubscriptionPipelines } from '@sms/service-kit';
import type { ReadModelDatabase } from '@sms/use-case-kit';
import type { EventCodec } from '@sms/use-case-kit/core';
import { DISPATCH_CODEC, type DispatchEvent } from '../../dispatch.codec';
import { DISPATCH_DATABASE } from '../../messages/application/tokens';
import type { ChannelReadModel, ChannelRecord, MaintenanceRecord } from '../application/channel-read-model';
import { ChannelRegistry } from '../application/channel-registry';
import { channelRecordOf, type ChannelStreams, maintenanceRecordOf, type MaintenanceStreams } from '../application/channel-streams';
import { toChannelControl, toMaintenance } from '../application/outbox-mapping';
import { CHANNEL_READ_MODEL, CHANNEL_STREAMS, MAINTENANCE_STREAM_HANDLER } from '../application/tokens';
import { CHANNEL_EVENT_PREFIX, MAINTENANCE_EVENT_PREFIX, MAINTENANCE_STREAM } from '../domain/events';

/** How often the registry looks whether a channel's last health report went stale. */
const STALENESS_CHECK_MS = 1_000;
const CHANNEL_STREAM_PREFIX = 'dispatch-channel-';

/**
 * What follows from the committed channel and maintenance events (ADR 0018): the read model (and the registry of
 * this process — another dispatch process learns of a change here), and the control outbox on
 * `sms.internal.channel-control`, which carries each channel's state after the change (and the maintenance window's)
 * to the carrier adapter. Both read the stream's state through its command handler (cached), versioned by revision.
 */
@Injectable()
export class ChannelPipelines implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly pipelines = new SubscriptionPipelines('ChannelPipelines');
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(DISPATCH_DATABASE) private readonly db: ReadModelDatabase,
    @Inject(DISPATCH_CODEC) private readonly codec: EventCodec<DispatchEvent>,
    @Inject(CHANNEL_STREAMS) private readonly channels: ChannelStreams,
    @Inject(MAINTENANCE_STREAM_HANDLER) private readonly maintenance: MaintenanceStreams,
    @Inject(CHANNEL_READ_MODEL) private readonly model: ChannelReadModel,
    private readonly registry: ChannelRegistry,
  ) {}

  onApplicationBootstrap(): void {
    const filter = { eventTypePrefixes: [CHANNEL_EVENT_PREFIX, MAINTENANCE_EVENT_PREFIX] };
    this.pipelines.projection(
      {
        store: this.store,
        codec: this.codec,
        name: 'dispatch.channels',
        filter,
        db: this.db,
        project: async (events) => {
          for (const state of await this.statesOf(events.map((e) => e.recorded))) {
            if ('channelId' in state) {
              await this.model.saveChannel(state);
              this.registry.applyChannel(state);
            } else {
              await this.model.saveMaintenance(state);
              this.registry.applyMaintenance(state);
            }
          }
        },
      },
      'channel projection',
    );
    this.pipelines.run({
      store: this.store,
      checkpoints: this.db,
      name: 'dispatch.channel-control',
      filter,
      handle: async (events) => {
        const controls: IntegrationEvent[] = [];
        for (const recorded of events) {
          const [state] = await this.statesOf([recorded]);
          if (state) controls.push('channelId' in state ? toChannelControl(recorded, state) : toMaintenance(recorded, state));
        }
        if (controls.length > 0) await this.bus.publish(INTERNAL_TOPICS.channelControl, controls);
      },
    });
    this.timer = setInterval(() => this.registry.refresh(), STALENESS_CHECK_MS);
  }

  /** Resolves once every change committed so far is projected and published. */
  async caughtUp(): Promise<void> {
    await this.pipelines.caughtUp();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.pipelines.stop();
  }

  /** The current state of each stream the events are of (at least as new as the events), once per stream. */
  private async statesOf(events: RecordedEvent[]): Promise<Array<ChannelRecord | MaintenanceRecord>> {
    const streams = [...new Set(events.map((e) => e.streamName))];
    const states: Array<ChannelRecord | MaintenanceRecord> = [];
    for (const stream of streams) {
      if (stream === MAINTENANCE_STREAM) {
        const loaded = await this.maintenance.load(stream);
        states.push(maintenanceRecordOf(loaded.state, loaded.revision));
      } else if (stream.startsWith(CHANNEL_STREAM_PREFIX)) {
        const loaded = await this.channels.load(stream);
        if (loaded.state.attributes) states.push(channelRecordOf(stream.slice(CHANNEL_STREAM_PREFIX.length), loaded.state, loaded.revision));
      }
    }
    return states;
  }
}
