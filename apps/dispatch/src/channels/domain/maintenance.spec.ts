import { DeciderSpecification } from '@sms/use-case-kit/core';
import type { MaintenanceEvent } from './events';
import { maintenanceActiveAt, maintenanceDecider, type SetMaintenance } from './maintenance';

const at = '2026-11-23T10:00:00.000Z';
const set = (active: boolean, extra: Partial<SetMaintenance> = {}): SetMaintenance => ({ type: 'SetMaintenance', active, at, ...extra });
const started: MaintenanceEvent = { type: 'MaintenanceStarted', data: { startedAt: at, until: '2026-11-23T11:00:00.000Z', reason: 'database upgrade' } };
const spec = DeciderSpecification.for(maintenanceDecider);

describe('the maintenance window', () => {
  it('given none, when started, then MaintenanceStarted; the same again changes nothing, a new `until` is recorded keeping when it started', () => {
    const state = spec.given([]).when(set(true, { until: '2026-11-23T11:00:00.000Z', reason: 'database upgrade' })).then([started]);
    expect(state).toEqual({ active: true, until: '2026-11-23T11:00:00.000Z', reason: 'database upgrade', since: at });
    spec.given([started]).when(set(true, { until: '2026-11-23T11:00:00.000Z', reason: 'database upgrade' })).thenNothing();
    const later = spec
      .given([started])
      .when(set(true, { until: '2026-11-23T12:00:00.000Z', reason: 'database upgrade', at: '2026-11-23T10:30:00.000Z' }))
      .then([{ type: 'MaintenanceStarted', data: { startedAt: '2026-11-23T10:30:00.000Z', until: '2026-11-23T12:00:00.000Z', reason: 'database upgrade' } }]);
    expect(later.since).toBe(at);
  });

  it('refuses an `until` that is not ahead', () => {
    spec.given([]).when(set(true, { until: at })).thenRejects('VALIDATION_FAILED', /future/);
  });

  it('ends a window recorded active (even past its until); ending none changes nothing', () => {
    spec.given([started]).when(set(false, { at: '2026-11-23T12:00:00.000Z' })).then([{ type: 'MaintenanceEnded', data: { endedAt: '2026-11-23T12:00:00.000Z' } }]);
    spec.given([]).when(set(false)).thenNothing();
  });

  it('is on from its start until its `until`', () => {
    const state = { active: true, until: '2026-11-23T11:00:00.000Z' };
    expect(maintenanceActiveAt(state, new Date('2026-11-23T10:59:59.999Z'))).toBe(true);
    expect(maintenanceActiveAt(state, new Date('2026-11-23T11:00:00.000Z'))).toBe(false);
    expect(maintenanceActiveAt({ active: true }, new Date('2030-01-01T00:00:00.000Z'))).toBe(true);
    expect(maintenanceActiveAt({ active: false }, new Date(at))).toBe(false);
  });
});
