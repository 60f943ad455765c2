import { deterministicId } from '@sms/service-kit';
import { accept } from '@sms/use-case-kit/core';
import { channelsOfTable, type RoutingTable } from '../../messages/domain/routing';
import { channelDecider, SERVES_EVERYTHING } from '../domain/channel';
import { channelStream } from '../domain/events';
import type { ChannelRegistry } from './channel-registry';
import { channelRecordOf, type ChannelStreams } from './channel-streams';

/**
 * The first start configures the channels the platform's settings name (DISPATCH_ROUTES; by default one channel,
 * `smpp-default`, serving every operator, country and kind), so the embedded profile routes with zero setup. A channel
 * that exists is left as it is — operators manage it from then on. The event's id derives from the channel, so two
 * processes seeding at once write it once.
 */
export async function seedChannels(streams: ChannelStreams, registry: ChannelRegistry, table: RoutingTable, at: string): Promise<void> {
  for (const seed of channelsOfTable(table)) {
    if (registry.knows(seed.channelId)) continue;
    const result = await streams.handle(
      channelStream(seed.channelId),
      (state) =>
        state.attributes
          ? accept()
          : channelDecider.decide(
              {
                type: 'ConfigureChannel',
                channelId: seed.channelId,
                attributes: { protocol: seed.channelId.startsWith('cmpp') ? 'cmpp' : 'smpp', operators: seed.operators, ...SERVES_EVERYTHING, priority: seed.priority, tps: 0, enabled: true },
                at,
                seeded: true,
              },
              state,
            ),
      { eventId: () => deterministicId('dispatch', 'channel-seed', seed.channelId) },
    );
    if (!result.ok) throw new Error(`Seeding channel ${seed.channelId} was refused: ${result.rejection.detail}`);
    if (result.state.attributes) registry.applyChannel(channelRecordOf(seed.channelId, result.state, result.revision));
  }
}
