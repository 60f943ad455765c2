import { accept, type Decider, type Decision, reject } from '@sms/use-case-kit/core';
import type { MaintenanceEvent } from './events';

export interface SetMaintenance {
  type: 'SetMaintenance';
  active: boolean;
  until?: string;
  reason?: string;
  at: string;
}

/** The maintenance stream folded. `active` as recorded: a window past its `until` is over without an event (effectiveAt). */
export interface MaintenanceState {
  active: boolean;
  until?: string;
  reason?: string;
  /** When the window started (active) or ended. */
  since?: string;
}

export const initialMaintenanceState = (): MaintenanceState => ({ active: false });

/** Whether maintenance is on at `now`: recorded active, and `until` (if any) not reached. */
export const maintenanceActiveAt = (state: Pick<MaintenanceState, 'active' | 'until'>, now: Date): boolean => state.active && (state.until === undefined || Date.parse(state.until) > now.getTime());

/**
 * The platform's maintenance window (DOMAIN §7, ADR 0018). Starting one (or changing its `until` or reason) records
 * it; `until` must be ahead. Ending one that is recorded active ends it, even past its `until`; ending when none is
 * on, or starting the same window again, changes nothing.
 */
export const maintenanceDecider: Decider<SetMaintenance, MaintenanceEvent, MaintenanceState, 'VALIDATION_FAILED'> = {
  initialState: initialMaintenanceState,
  decide(command, state): Decision<MaintenanceEvent, 'VALIDATION_FAILED'> {
    const now = new Date(command.at);
    if (!command.active) return state.active ? accept({ type: 'MaintenanceEnded', data: { endedAt: command.at } }) : accept();
    if (command.until !== undefined && Date.parse(command.until) <= now.getTime()) return reject('VALIDATION_FAILED', 'until must be in the future');
    if (maintenanceActiveAt(state, now) && state.until === command.until && state.reason === command.reason) return accept();
    return accept({
      type: 'MaintenanceStarted',
      data: { startedAt: command.at, ...(command.until !== undefined ? { until: command.until } : {}), ...(command.reason !== undefined ? { reason: command.reason } : {}) },
    });
  },
  evolve: evolveMaintenance,
};

export function evolveMaintenance(state: MaintenanceState, event: MaintenanceEvent): MaintenanceState {
  switch (event.type) {
    case 'MaintenanceStarted':
    {
      // A change of a window still on keeps the time it started.
      const stillOn = maintenanceActiveAt(state, new Date(event.data.startedAt));
      return {
        active: true,
        ...(event.data.until ? { until: event.data.until } : {}),
        ...(event.data.reason ? { reason: event.data.reason } : {}),
        since: stillOn ? (state.since ?? event.data.startedAt) : event.data.startedAt,
      };
    }
    case 'MaintenanceEnded':
      return { active: false, since: event.data.endedAt };
  }
}
