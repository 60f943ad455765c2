import { InMemoryEventStore } from '@sms/event-store';
import { dispatchCodec } from '../../dispatch.codec';
import { ChannelRegistry } from '../application/channel-registry';
import { channelStreams } from '../application/channel-streams';
import { ConfigureChannelHandler } from '../configure-channel/handler';
import { channelStream } from '../domain/events';
import { PauseChannelHandler } from './handler';

const clock = { now: () => new Date('2026-11-23T10:00:00.000Z') };
const attributes = { protocol: 'smpp' as const, operators: ['CMCC' as const], countries: ['*'], kinds: ['notification' as const], priority: 5, tps: 0, enabled: true };

describe('PauseChannelHandler (POST /v1/channels/{id}/pause|resume)', () => {
  let store: InMemoryEventStore;
  let registry: ChannelRegistry;
  let pauses: PauseChannelHandler;

  beforeEach(async () => {
    store = new InMemoryEventStore();
    registry = new ChannelRegistry(clock, 10_000);
    const streams = channelStreams(store, dispatchCodec);
    await new ConfigureChannelHandler(streams, registry, clock).handle('a', { ...attributes, priority: 9 });
    await new ConfigureChannelHandler(streams, registry, clock).handle('b', attributes);
    pauses = new PauseChannelHandler(streams, registry, clock);
  });

  afterEach(() => store.close());

  it('pauses a channel — routed around from then on — and resumes it; repeats append nothing', async () => {
    expect(registry.route('CMCC', 'notification', 'CN')).toBe('a');
    expect(await pauses.pause('a', 'trunk work')).toMatchObject({ paused: true, pausedReason: 'trunk work', state: 'PAUSED', version: 1 });
    expect(registry.route('CMCC', 'notification', 'CN')).toBe('b');
    await pauses.pause('a');
    expect(await pauses.resume('a')).toMatchObject({ paused: false, state: 'UNKNOWN', version: 2 });
    await pauses.resume('a');
    expect((await store.readStream(channelStream('a'))).map((e) => e.type)).toEqual(['dispatch.ChannelConfigured.v1', 'dispatch.ChannelPaused.v1', 'dispatch.ChannelResumed.v1']);
    expect(registry.route('CMCC', 'notification', 'CN')).toBe('a');
  });

  it('answers an unknown channel CHANNEL_NOT_FOUND', async () => {
    await expect(pauses.pause('nope')).rejects.toMatchObject({ code: 'CHANNEL_NOT_FOUND' });
    await expect(pauses.resume('nope')).rejects.toMatchObject({ code: 'CHANNEL_NOT_FOUND' });
  });
});
