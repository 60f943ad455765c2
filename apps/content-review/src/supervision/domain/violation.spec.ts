import { DeciderSpecification } from '@sms/use-case-kit/core';
import type { ViolationEvent } from './events';
import { DEFAULT_RECTIFICATION_DAYS, type RecordViolation, violationDecider } from './violation';

const spec = DeciderSpecification.for(violationDecider);
const now = new Date('2026-11-26T10:00:00.000Z');
const later = new Date('2026-11-27T09:00:00.000Z');
const record = (over: Partial<RecordViolation> = {}): RecordViolation => ({
  type: 'RecordViolation',
  violationId: 'v-1',
  accountId: 'acc-1',
  category: 'fraud',
  origin: 'REVIEWER',
  evidence: ' 冒充银行：您的银行卡已冻结，请点击链接 ',
  by: 'key-reviewer',
  now,
  ...over,
});
const recorded: ViolationEvent = {
  type: 'ViolationRecorded',
  data: {
    violationId: 'v-1',
    accountId: 'acc-1',
    category: 'fraud',
    origin: 'REVIEWER',
    evidence: '冒充银行：您的银行卡已冻结，请点击链接',
    rectifyBy: '2026-12-03T10:00:00.000Z',
    recordedBy: 'key-reviewer',
    recordedAt: now.toISOString(),
  },
};

describe('violation decider (terms §3.1, §3.5–3.7; §7.3.2)', () => {
  it('records a confirmed violation with its evidence and a default rectification deadline of 7 days (§7.3.2)', () => {
    expect(DEFAULT_RECTIFICATION_DAYS).toBe(7);
    spec.given().when(record()).then([recorded]);
  });

  it('keeps a reviewer-given deadline, which must lie in the future and within 90 days', () => {
    const rectifyBy = '2026-12-10T00:00:00.000Z';
    spec.given().when(record({ rectifyBy })).then([{ ...recorded, data: { ...recorded.data, rectifyBy } }] as ViolationEvent[]);
    spec.given().when(record({ rectifyBy: '2026-11-25T00:00:00Z' })).thenRejects('VALIDATION_FAILED', /future/);
    spec.given().when(record({ rectifyBy: '2027-06-01T00:00:00Z' })).thenRejects('VALIDATION_FAILED', /90 days/);
    spec.given().when(record({ rectifyBy: 'next week' })).thenRejects('VALIDATION_FAILED', /RFC 3339/);
  });

  it('refuses a violation without evidence, account or known category (§3.5: what was breached must be shown)', () => {
    spec.given().when(record({ evidence: '   ' })).thenRejects('VALIDATION_FAILED', /evidence/);
    spec.given().when(record({ accountId: '' })).thenRejects('VALIDATION_FAILED', /accountId/);
    spec.given().when(record({ category: 'RUDENESS' })).thenRejects('VALIDATION_FAILED', /category/);
    spec.given().when(record({ evidence: '字'.repeat(4001) })).thenRejects('VALIDATION_FAILED', /4000/);
  });

  it('records the same violation once (a retried request or a redelivered complaint breach)', () => {
    spec.given([recorded]).when(record({ evidence: 'other' })).thenNothing();
  });

  it('reinstates or terminates an open violation (§7.3.2: rectified, or terminated)', () => {
    const state = spec
      .given([recorded])
      .when({ type: 'ResolveViolation', violationId: 'v-1', outcome: 'reinstate', reason: ' rectified ', by: 'key-op', now: later })
      .then([{ type: 'ViolationResolved', data: { violationId: 'v-1', accountId: 'acc-1', outcome: 'reinstate', reason: 'rectified', resolvedBy: 'key-op', resolvedAt: later.toISOString() } }]);
    expect(state?.status).toBe('REINSTATED');
    const terminated = spec
      .given([recorded])
      .when({ type: 'ResolveViolation', violationId: 'v-1', outcome: 'terminate', reason: 'not rectified by the deadline', by: 'key-op', now: later })
      .then([{ type: 'ViolationResolved', data: { violationId: 'v-1', accountId: 'acc-1', outcome: 'terminate', reason: 'not rectified by the deadline', resolvedBy: 'key-op', resolvedAt: later.toISOString() } }]);
    expect(terminated?.status).toBe('TERMINATED');
  });

  it('answers stable codes for illegal transitions: unknown violation, second resolution, bad outcome or reason', () => {
    const resolve = (outcome: string, reason = 'because') => ({ type: 'ResolveViolation' as const, violationId: 'v-1', outcome, reason, by: 'key-op', now: later });
    spec.given().when(resolve('reinstate')).thenRejects('VIOLATION_NOT_FOUND');
    const resolvedEvent: ViolationEvent = { type: 'ViolationResolved', data: { violationId: 'v-1', accountId: 'acc-1', outcome: 'reinstate', reason: 'ok', resolvedBy: 'k', resolvedAt: later.toISOString() } };
    spec.given([recorded, resolvedEvent]).when(resolve('terminate')).thenRejects('ALREADY_DECIDED', /REINSTATED/);
    spec.given([recorded]).when(resolve('pardon')).thenRejects('VALIDATION_FAILED', /outcome/);
    spec.given([recorded]).when(resolve('reinstate', ' ')).thenRejects('VALIDATION_FAILED', /reason/);
  });
});
