import type { Provider } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@sms/event-store';
import { CLOCK, type Clock } from '@sms/service-kit';
import type { EventCodec } from '@sms/use-case-kit/core';
import { DISPATCH_CODEC, type DispatchEvent } from '../../dispatch.codec';
import { DispatchConfig } from '../../dispatch.config';
import type { DispatchSqlite } from '../../messages/infrastructure/dispatch-database';
import { DISPATCH_SQLITE } from '../../messages/infrastructure/providers';
import type { ChannelReadModel } from '../application/channel-read-model';
import { ChannelRegistry } from '../application/channel-registry';
import { channelStreams, type ChannelStreams, maintenanceStreams } from '../application/channel-streams';
import { seedChannels } from '../application/seed-channels';
import { CHANNEL_READ_MODEL, CHANNEL_ROUTER, CHANNEL_STREAMS, MAINTENANCE_STREAM_HANDLER } from '../application/tokens';
import { ChannelPipelines } from './channel-pipelines';
import { SqliteChannelReadModel } from './sqlite-channel-read-model';

/**
 * The channels context's adapters (ADR 0018): its tables in dispatch's file, its streams' command handlers, the
 * registry — loaded from the read model and seeded from the settings before anything routes — and its pipelines.
 */
export const CHANNEL_INFRASTRUCTURE: Provider[] = [
  { provide: CHANNEL_READ_MODEL, inject: [DISPATCH_SQLITE], useFactory: (sqlite: DispatchSqlite) => new SqliteChannelReadModel(sqlite.db) },
  { provide: CHANNEL_STREAMS, inject: [EVENT_STORE, DISPATCH_CODEC], useFactory: (store: EventStore, codec: EventCodec<DispatchEvent>) => channelStreams(store, codec) },
  { provide: MAINTENANCE_STREAM_HANDLER, inject: [EVENT_STORE, DISPATCH_CODEC], useFactory: (store: EventStore, codec: EventCodec<DispatchEvent>) => maintenanceStreams(store, codec) },
  {
    provide: ChannelRegistry,
    inject: [CLOCK, DispatchConfig, CHANNEL_READ_MODEL, CHANNEL_STREAMS],
    useFactory: async (clock: Clock, config: DispatchConfig, model: ChannelReadModel, streams: ChannelStreams) => {
      const registry = new ChannelRegistry(clock, config.DISPATCH_CHANNEL_HEALTH_STALE_MS);
      const { channels, maintenance } = await model.load();
      for (const channel of channels) registry.applyChannel(channel);
      if (maintenance) registry.applyMaintenance(maintenance);
      await seedChannels(streams, registry, config.routingTable, clock.now().toISOString());
      return registry;
    },
  },
  { provide: CHANNEL_ROUTER, useExisting: ChannelRegistry },
  ChannelPipelines,
];
