import { Injectable } from '@nestjs/common';
import { ChannelRegistry, type ChannelView } from '../application/channel-registry';

/** GET /v1/channels: every channel with its routing attributes, its state and the carrier's last health report. */
@Injectable()
export class ListChannelsHandler {
  constructor(private readonly registry: ChannelRegistry) {}

  handle(): ChannelView[] {
    return this.registry.views();
  }
}
