import { CHANNEL_CONTROL_V1, MAINTENANCE_V1 } from '@sms/contracts';
import { consumed, InMemoryChannelControls } from '../../test-support';
import { ChannelSupervisor } from '../application/channel-supervisor';
import { ApplyControlHandler } from './handler';

const clock = { now: () => new Date('2026-11-23T10:00:00.000Z') };
const control = (version: number, paused: boolean) =>
  consumed(CHANNEL_CONTROL_V1, { channelId: 'a', enabled: true, paused, tps: 30, version, changedAt: '2026-11-23T09:59:00.000Z' });

describe('ApplyControlHandler (dispatch’s channel controls and maintenance)', () => {
  let store: InMemoryChannelControls;
  let supervisor: ChannelSupervisor;
  let handler: ApplyControlHandler;

  beforeEach(() => {
    store = new InMemoryChannelControls();
    supervisor = new ChannelSupervisor(clock, 10_000);
    handler = new ApplyControlHandler(store, supervisor);
  });

  it('keeps a control and applies it: a pause holds the channel and hands its queue back; a redelivered older one changes nothing', async () => {
    await handler.handle(control(2, true));
    expect(supervisor.gate('a')).toEqual({ hold: true, handBack: 'CHANNEL_PAUSED', tps: 30 });
    await handler.handle(control(1, false));
    expect(supervisor.gate('a').hold).toBe(true);
    // What was kept is applied after a restart, before anything reads it.
    const restarted = new ChannelSupervisor(clock, 10_000, await store.reopen().load());
    expect(restarted.gate('a')).toEqual({ hold: true, handBack: 'CHANNEL_PAUSED', tps: 30 });
    await handler.handle(control(3, false));
    expect(supervisor.gate('a')).toEqual({ hold: false, tps: 30 });
  });

  it('applies the maintenance window to every channel, until `until`', async () => {
    await handler.handle(consumed(MAINTENANCE_V1, { active: true, until: '2026-11-23T10:30:00.000Z', reason: 'upgrade', version: 1, changedAt: '2026-11-23T09:59:00.000Z' }));
    expect(supervisor.inMaintenance()).toBe(true);
    expect(supervisor.gate('any')).toEqual({ hold: true, tps: 0 });
    expect((await store.load()).maintenance).toEqual({ active: true, untilMs: Date.parse('2026-11-23T10:30:00.000Z'), version: 1 });
    await handler.handle(consumed(MAINTENANCE_V1, { active: false, version: 2, changedAt: '2026-11-23T10:01:00.000Z' }));
    expect(supervisor.inMaintenance()).toBe(false);
  });

  it('refuses a malformed payload (the bus retries it, then dead-letters it), and ignores other types', async () => {
    await expect(handler.handle(consumed(CHANNEL_CONTROL_V1, { channelId: 'a', paused: 'yes' }))).rejects.toThrow(/enabled must be a boolean; paused must be a boolean/);
    await expect(handler.handle(consumed(MAINTENANCE_V1, { active: true, until: 'soon', version: 1, changedAt: '2026-11-23T10:00:00.000Z' }))).rejects.toThrow(/until must be/);
    await handler.handle(consumed('sms.something-else.v1', { active: true }));
    expect(await store.load()).toEqual({ channels: [] });
  });
});
