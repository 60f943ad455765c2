import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock, DomainError } from '@sms/service-kit';
import { ChannelRegistry, type ChannelView } from '../application/channel-registry';
import { channelRecordOf, type ChannelStreams } from '../application/channel-streams';
import { CHANNEL_STREAMS } from '../application/tokens';
import { channelDecider } from '../domain/channel';
import { channelStream } from '../domain/events';

/**
 * POST /v1/channels/{id}/pause|resume (ADR 0018). A paused channel gets new messages only when no other serves them;
 * the carrier adapter, told by the control outbox, stops submitting on it and hands back what waits there, which is
 * routed again. Resuming opens it again. A repeat changes nothing; an unknown channel is CHANNEL_NOT_FOUND.
 */
@Injectable()
export class PauseChannelHandler {
  constructor(
    @Inject(CHANNEL_STREAMS) private readonly streams: ChannelStreams,
    private readonly registry: ChannelRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  pause(channelId: string, reason?: string): Promise<ChannelView> {
    return this.run(channelId, (at) => ({ type: 'PauseChannel', channelId, at, ...(reason ? { reason } : {}) }));
  }

  resume(channelId: string): Promise<ChannelView> {
    return this.run(channelId, (at) => ({ type: 'ResumeChannel', channelId, at }));
  }

  private async run(channelId: string, command: (at: string) => Parameters<typeof channelDecider.decide>[0]): Promise<ChannelView> {
    const at = this.clock.now().toISOString();
    const result = await this.streams.handle(channelStream(channelId), (state) => channelDecider.decide(command(at), state));
    if (!result.ok) throw new DomainError(result.rejection.code, result.rejection.detail);
    this.registry.applyChannel(channelRecordOf(channelId, result.state, result.revision));
    return this.registry.view(channelId) as ChannelView;
  }
}
