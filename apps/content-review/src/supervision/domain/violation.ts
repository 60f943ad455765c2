import { accept, type Decider, type Decision, reject } from '@sms/use-case-kit/core';
import {
  type SupervisionRejectionCode,
  VIOLATION_CATEGORIES,
  VIOLATION_OUTCOMES,
  type ViolationCategory,
  type ViolationEvent,
  type ViolationOrigin,
  type ViolationOutcome,
} from './events';

export type ViolationStatus = 'OPEN' | 'REINSTATED' | 'TERMINATED';

export interface Violation {
  violationId: string;
  accountId: string;
  category: ViolationCategory;
  origin: ViolationOrigin;
  evidence: string;
  rectifyBy: string;
  recordedBy: string;
  recordedAt: string;
  status: ViolationStatus;
  resolution?: { outcome: ViolationOutcome; reason: string; resolvedBy: string; resolvedAt: string };
}

/** Null until the violation is recorded. */
export type ViolationState = Violation | null;

/** The rectification period when the reviewer names no deadline (terms §7.3.2: "rectify within a reasonable period"). */
export const DEFAULT_RECTIFICATION_DAYS = 7;
export const MAX_RECTIFICATION_DAYS = 90;
export const MAX_EVIDENCE = 4000;
export const MAX_REASON = 500;
const DAY_MS = 24 * 3600 * 1000;

export interface RecordViolation {
  type: 'RecordViolation';
  violationId: string;
  accountId: string;
  category: string;
  origin: ViolationOrigin;
  evidence: string;
  /** RFC 3339; default now + DEFAULT_RECTIFICATION_DAYS. */
  rectifyBy?: string;
  by: string;
  now: Date;
}

export interface ResolveViolation {
  type: 'ResolveViolation';
  violationId: string;
  outcome: string;
  reason: string;
  by: string;
  now: Date;
}

export type ViolationCommand = RecordViolation | ResolveViolation;
export type ViolationDecision = Decision<ViolationEvent, SupervisionRejectionCode>;

export function decideViolation(command: ViolationCommand, state: ViolationState): ViolationDecision {
  return command.type === 'RecordViolation' ? record(command, state) : resolve(command, state);
}

/**
 * A confirmed violation (terms §3.1, §3.5–3.7) with its evidence and a rectification deadline; the account is
 * suspended for it (§7.3.2). Recording the same violation again (a retried request, a redelivered complaint) changes
 * nothing.
 */
function record(command: RecordViolation, state: ViolationState): ViolationDecision {
  if (state) return accept();
  if (!command.accountId?.trim()) return reject('VALIDATION_FAILED', 'accountId is required');
  if (!(VIOLATION_CATEGORIES as readonly string[]).includes(command.category)) return reject('VALIDATION_FAILED', `category must be one of ${VIOLATION_CATEGORIES.join(', ')}`);
  const evidence = command.evidence?.trim() ?? '';
  if (!evidence) return reject('VALIDATION_FAILED', 'a violation needs evidence');
  if ([...evidence].length > MAX_EVIDENCE) return reject('VALIDATION_FAILED', `evidence must be at most ${MAX_EVIDENCE} characters`);
  const now = command.now.getTime();
  let rectifyBy = new Date(now + DEFAULT_RECTIFICATION_DAYS * DAY_MS);
  if (command.rectifyBy !== undefined) {
    rectifyBy = new Date(command.rectifyBy);
    if (Number.isNaN(rectifyBy.getTime())) return reject('VALIDATION_FAILED', 'rectifyBy must be an RFC 3339 time');
    if (rectifyBy.getTime() <= now) return reject('VALIDATION_FAILED', 'rectifyBy must be in the future');
    if (rectifyBy.getTime() > now + MAX_RECTIFICATION_DAYS * DAY_MS) return reject('VALIDATION_FAILED', `rectifyBy must be within ${MAX_RECTIFICATION_DAYS} days`);
  }
  return accept<ViolationEvent>({
    type: 'ViolationRecorded',
    data: {
      violationId: command.violationId,
      accountId: command.accountId.trim(),
      category: command.category as ViolationCategory,
      origin: command.origin,
      evidence,
      rectifyBy: rectifyBy.toISOString(),
      recordedBy: command.by,
      recordedAt: command.now.toISOString(),
    },
  });
}

/** Reinstatement or termination follows a violation (DOMAIN §3); either is final. */
function resolve(command: ResolveViolation, state: ViolationState): ViolationDecision {
  if (!state) return reject('VIOLATION_NOT_FOUND', `violation ${command.violationId} does not exist`);
  if (state.status !== 'OPEN') return reject('ALREADY_DECIDED', `violation ${state.violationId} is already ${state.status}`);
  if (!(VIOLATION_OUTCOMES as readonly string[]).includes(command.outcome)) return reject('VALIDATION_FAILED', `outcome must be one of ${VIOLATION_OUTCOMES.join(', ')}`);
  const reason = command.reason?.trim() ?? '';
  if (!reason) return reject('VALIDATION_FAILED', 'a resolution needs a reason');
  if ([...reason].length > MAX_REASON) return reject('VALIDATION_FAILED', `reason must be at most ${MAX_REASON} characters`);
  return accept<ViolationEvent>({
    type: 'ViolationResolved',
    data: { violationId: state.violationId, accountId: state.accountId, outcome: command.outcome as ViolationOutcome, reason, resolvedBy: command.by, resolvedAt: command.now.toISOString() },
  });
}

export function evolveViolation(state: ViolationState, event: ViolationEvent): ViolationState {
  switch (event.type) {
    case 'ViolationRecorded':
      return { ...event.data, status: 'OPEN' };
    case 'ViolationResolved': {
      const { outcome, reason, resolvedBy, resolvedAt } = event.data;
      return state && { ...state, status: outcome === 'reinstate' ? 'REINSTATED' : 'TERMINATED', resolution: { outcome, reason, resolvedBy, resolvedAt } };
    }
    default:
      return state;
  }
}

/** One stream per violation (`violationStream`). */
export const violationDecider: Decider<ViolationCommand, ViolationEvent, ViolationState, SupervisionRejectionCode> = {
  decide: decideViolation,
  evolve: evolveViolation,
  initialState: () => null,
};
