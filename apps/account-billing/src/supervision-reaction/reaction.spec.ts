import { VIOLATION_RECORDED_V1, VIOLATION_RESOLVED_V1 } from '@sms/contracts';
import { parseViolationNotice, reactToViolation } from './reaction';

const at = new Date('2026-11-26T10:00:00.000Z');
const recorded = { violationId: 'v-1', accountId: 'acc-1', category: 'fraud', origin: 'REVIEWER' as const, rectifyBy: '2026-12-03T10:00:00.000Z', recordedBy: 'key-r', recordedAt: at.toISOString() };
const resolved = (outcome: 'reinstate' | 'terminate') => ({ violationId: 'v-1', accountId: 'acc-1', outcome, reason: 'rectified', resolvedBy: 'key-o', resolvedAt: at.toISOString() });

describe('reactToViolation (ADR 0034)', () => {
  it('suspends for breach (terms §7.3.2) with the violation as the reason', () => {
    expect(reactToViolation({ type: VIOLATION_RECORDED_V1, data: recorded }, at)).toEqual({
      type: 'SuspendAccount',
      kind: 'BREACH',
      reason: 'violation v-1 (fraud); rectify by 2026-12-03T10:00:00.000Z',
      by: 'violation:v-1',
      at,
    });
  });

  it('lifts the suspension on reinstatement and terminates by notice (§7.3.5) otherwise', () => {
    expect(reactToViolation({ type: VIOLATION_RESOLVED_V1, data: resolved('reinstate') }, at)).toEqual({ type: 'LiftSuspension', reason: 'violation v-1 resolved: rectified', by: 'key-o', at });
    expect(reactToViolation({ type: VIOLATION_RESOLVED_V1, data: resolved('terminate') }, at)).toEqual({
      type: 'RequestTermination',
      basis: 'notice',
      reason: 'violation v-1 resolved: rectified',
      by: 'key-o',
      at,
    });
  });

  it('accepts only well-formed payloads of the two types', () => {
    expect(parseViolationNotice(VIOLATION_RECORDED_V1, recorded)).toEqual({ type: VIOLATION_RECORDED_V1, data: recorded });
    expect(parseViolationNotice(VIOLATION_RESOLVED_V1, resolved('terminate'))?.type).toBe(VIOLATION_RESOLVED_V1);
    expect(parseViolationNotice(VIOLATION_RECORDED_V1, { ...recorded, accountId: '' })).toBeUndefined();
    expect(parseViolationNotice(VIOLATION_RESOLVED_V1, { ...resolved('reinstate'), outcome: 'pardon' })).toBeUndefined();
    expect(parseViolationNotice('sms.other.v1', recorded)).toBeUndefined();
    expect(parseViolationNotice(VIOLATION_RECORDED_V1, null)).toBeUndefined();
  });
});
