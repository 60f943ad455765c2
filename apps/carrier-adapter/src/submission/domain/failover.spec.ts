import { gateOf, inMaintenance, supersedesControl } from './failover';

const now = Date.parse('2026-11-23T10:00:00.000Z');
const open = { channelId: 'a', enabled: true, paused: false, tps: 0, version: 1 };

describe('gateOf (which channels the submit loop feeds, which queues it hands back)', () => {
  it('feeds an open channel, with its TPS cap', () => {
    expect(gateOf({ control: { ...open, tps: 50 }, nowMs: now, graceMs: 10_000 })).toEqual({ hold: false, tps: 50 });
    expect(gateOf({ nowMs: now, graceMs: 10_000 })).toEqual({ hold: false, tps: 0 });
  });

  it('holds a paused or disabled channel and hands its queue back', () => {
    expect(gateOf({ control: { ...open, paused: true }, nowMs: now, graceMs: 10_000 })).toEqual({ hold: true, handBack: 'CHANNEL_PAUSED', tps: 0 });
    expect(gateOf({ control: { ...open, enabled: false, paused: true }, nowMs: now, graceMs: 10_000 })).toEqual({ hold: true, handBack: 'CHANNEL_DISABLED', tps: 0 });
  });

  it('keeps feeding a channel down for less than the grace period; holds it and hands back after', () => {
    expect(gateOf({ control: open, downSinceMs: now - 9_999, nowMs: now, graceMs: 10_000 })).toEqual({ hold: false, tps: 0 });
    expect(gateOf({ control: open, downSinceMs: now - 10_000, nowMs: now, graceMs: 10_000 })).toEqual({ hold: true, handBack: 'CHANNEL_DOWN', tps: 0 });
  });

  it('holds every channel in maintenance without handing anything back, until `until`', () => {
    const maintenance = { active: true, untilMs: now + 1, version: 1 };
    expect(gateOf({ control: open, maintenance, nowMs: now, graceMs: 10_000 })).toEqual({ hold: true, tps: 0 });
    expect(gateOf({ control: open, maintenance, nowMs: now + 1, graceMs: 10_000 })).toEqual({ hold: false, tps: 0 });
    expect(inMaintenance({ active: true, version: 1 }, now)).toBe(true);
    expect(inMaintenance({ active: false, untilMs: now + 10, version: 2 }, now)).toBe(false);
    expect(inMaintenance(undefined, now)).toBe(false);
  });

  it('takes only newer versions', () => {
    expect(supersedesControl({ version: 2 }, { version: 1 })).toBe(true);
    expect(supersedesControl({ version: 1 }, { version: 1 })).toBe(false);
    expect(supersedesControl({ version: 0 }, undefined)).toBe(true);
  });
});
