import { InMemoryEventStore } from '@sms/event-store';
import { dispatchCodec } from '../../dispatch.codec';
import { ChannelRegistry } from '../application/channel-registry';
import { maintenanceStreams } from '../application/channel-streams';
import { MAINTENANCE_STREAM } from '../domain/events';
import { SetMaintenanceHandler } from './handler';

let now = Date.parse('2026-11-23T10:00:00.000Z');
const clock = { now: () => new Date(now) };

describe('SetMaintenanceHandler (PUT /v1/maintenance)', () => {
  let store: InMemoryEventStore;
  let registry: ChannelRegistry;
  let handler: SetMaintenanceHandler;

  beforeEach(() => {
    now = Date.parse('2026-11-23T10:00:00.000Z');
    store = new InMemoryEventStore();
    registry = new ChannelRegistry(clock, 10_000);
    handler = new SetMaintenanceHandler(maintenanceStreams(store, dispatchCodec), registry, clock);
  });

  afterEach(() => store.close());

  it('starts a window: sends are refused with the seconds left until it ends; it ends by itself at `until`', async () => {
    expect(await handler.handle({ active: true, until: '2026-11-23T10:10:00.000Z', reason: 'upgrade' })).toEqual({ active: true, until: '2026-11-23T10:10:00.000Z', reason: 'upgrade', since: '2026-11-23T10:00:00.000Z' });
    expect(registry.retryAfterSeconds(60)).toBe(600);
    now = Date.parse('2026-11-23T10:10:00.000Z');
    expect(handler.current().active).toBe(false);
    expect(registry.retryAfterSeconds(60)).toBeUndefined();
  });

  it('ends a window when told; ending none appends nothing; an `until` in the past is VALIDATION_FAILED', async () => {
    await handler.handle({ active: false });
    await expect(store.readStream(MAINTENANCE_STREAM)).rejects.toThrow();
    await handler.handle({ active: true });
    expect(registry.retryAfterSeconds(45)).toBe(45);
    now += 1_000;
    expect(await handler.handle({ active: false })).toEqual({ active: false, since: '2026-11-23T10:00:01.000Z' });
    expect((await store.readStream(MAINTENANCE_STREAM)).map((e) => e.type)).toEqual(['dispatch.MaintenanceStarted.v1', 'dispatch.MaintenanceEnded.v1']);
    await expect(handler.handle({ active: true, until: '2026-11-23T09:00:00.000Z' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
