import { InMemoryEventStore } from '@sms/event-store';
import { deterministicId } from '@sms/service-kit';
import { dispatchCodec } from '../../dispatch.codec';
import { ChannelRegistry } from '../application/channel-registry';
import { channelStreams } from '../application/channel-streams';
import { seedChannels } from '../application/seed-channels';
import { channelStream } from '../domain/events';
import { ConfigureChannelHandler } from './handler';

const clock = { now: () => new Date('2026-11-23T10:00:00.000Z') };
const attributes = { protocol: 'smpp' as const, operators: ['CMCC' as const], countries: ['*'], kinds: ['notification' as const], priority: 5, tps: 100, enabled: true };

describe('ConfigureChannelHandler (PUT /v1/channels/{id}) and the first start’s seeding', () => {
  let store: InMemoryEventStore;
  let registry: ChannelRegistry;
  let handler: ConfigureChannelHandler;

  beforeEach(() => {
    store = new InMemoryEventStore();
    registry = new ChannelRegistry(clock, 10_000);
    handler = new ConfigureChannelHandler(channelStreams(store, dispatchCodec), registry, clock);
  });

  afterEach(() => store.close());

  it('records the attributes on the channel’s stream and routes by them at once; the same again appends nothing', async () => {
    const view = await handler.handle('smpp-a', attributes);
    expect(view).toMatchObject({ channelId: 'smpp-a', version: 0, attributes, paused: false, state: 'UNKNOWN', changedAt: '2026-11-23T10:00:00.000Z' });
    expect(registry.route('CMCC', 'notification', 'CN')).toBe('smpp-a');
    expect(registry.route('CUCC', 'notification', 'CN')).toBeUndefined();
    await handler.handle('smpp-a', attributes);
    expect((await store.readStream(channelStream('smpp-a'))).map((e) => e.type)).toEqual(['dispatch.ChannelConfigured.v1']);
    await handler.handle('smpp-a', { ...attributes, operators: ['CMCC', 'CUCC'] });
    expect(registry.route('CUCC', 'notification', 'CN')).toBe('smpp-a');
  });

  it('answers bad attributes VALIDATION_FAILED, appending nothing', async () => {
    await expect(handler.handle('smpp-a', { ...attributes, countries: ['XX'] })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(store.readStream(channelStream('smpp-a'))).rejects.toThrow();
  });

  it('seeds the channels of DISPATCH_ROUTES once: a second process (or start) appends nothing and leaves an operator’s changes alone', async () => {
    await seedChannels(channelStreams(store, dispatchCodec), registry, { '*': 'smpp-default' }, clock.now().toISOString());
    expect(registry.view('smpp-default')).toMatchObject({ attributes: { operators: ['CMCC', 'CUCC', 'CTCC', 'CBN', 'INTERNATIONAL', 'UNKNOWN'], countries: ['*'], priority: 0 } });
    const [seed] = await store.readStream(channelStream('smpp-default'));
    expect(seed.id).toBe(deterministicId('dispatch', 'channel-seed', 'smpp-default'));
    expect(seed.data).toMatchObject({ seeded: true });

    await handler.handle('smpp-default', { ...attributes, priority: 7 });
    const elsewhere = new ChannelRegistry(clock, 10_000);
    await seedChannels(channelStreams(store, dispatchCodec), elsewhere, { '*': 'smpp-default' }, clock.now().toISOString());
    expect(await store.readStream(channelStream('smpp-default'))).toHaveLength(2);
    expect(elsewhere.view('smpp-default')).toMatchObject({ version: 1, attributes: { priority: 7 } });
  });
});
