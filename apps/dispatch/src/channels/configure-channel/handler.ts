import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock, DomainError } from '@sms/service-kit';
import { ChannelRegistry, type ChannelView } from '../application/channel-registry';
import { channelRecordOf, type ChannelStreams } from '../application/channel-streams';
import { CHANNEL_STREAMS } from '../application/tokens';
import { channelDecider } from '../domain/channel';
import { type ChannelAttributes, channelStream } from '../domain/events';

/**
 * PUT /v1/channels/{id}: creates a channel or replaces its routing attributes (ADR 0018). Answered once the change is
 * durable, with the registry already routing by it; the carrier adapter learns of it from the control outbox.
 */
@Injectable()
export class ConfigureChannelHandler {
  constructor(
    @Inject(CHANNEL_STREAMS) private readonly streams: ChannelStreams,
    private readonly registry: ChannelRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(channelId: string, attributes: ChannelAttributes): Promise<ChannelView> {
    const at = this.clock.now().toISOString();
    const result = await this.streams.handle(channelStream(channelId), (state) => channelDecider.decide({ type: 'ConfigureChannel', channelId, attributes, at }, state));
    if (!result.ok) throw new DomainError(result.rejection.code, result.rejection.detail);
    this.registry.applyChannel(channelRecordOf(channelId, result.state, result.revision));
    return this.registry.view(channelId) as ChannelView;
  }
}
