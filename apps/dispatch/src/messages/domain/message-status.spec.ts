import { advanceStatus, type MessageProgress, statusRank } from './message-status';

describe('message status', () => {
  // The read model moves a message only to a higher rank (its contract suite shows the SQL does the same).
  it('ranks the lifecycle so that it only moves forward and final statuses stay final', () => {
    expect(statusRank('ACCEPTED')).toBeLessThan(statusRank('QUEUED'));
    expect(statusRank('QUEUED')).toBeLessThan(statusRank('SUBMITTED'));
    expect(statusRank('SUBMITTED')).toBeLessThan(statusRank('DELIVERED'));
    for (const final of ['DELIVERED', 'UNDELIVERED', 'EXPIRED', 'FAILED', 'BLOCKED', 'REJECTED', 'CANCELLED'] as const) {
      expect(statusRank(final)).toBe(statusRank('DELIVERED'));
    }
  });
});

describe('advanceStatus', () => {
  const accepted: MessageProgress = { status: 'ACCEPTED' };

  it('moves forward and records the details of each step', () => {
    const queued = advanceStatus(accepted, { status: 'QUEUED', channelId: 'smpp-default' });
    const submitted = advanceStatus(queued, { status: 'SUBMITTED', operatorMessageIds: ['op-1', 'op-2'], submittedAt: '2026-11-23T10:00:01.000Z' });
    expect(submitted).toEqual({ status: 'SUBMITTED', channelId: 'smpp-default', operatorMessageIds: ['op-1', 'op-2'], submittedAt: '2026-11-23T10:00:01.000Z' });
    expect(advanceStatus(accepted, { status: 'REJECTED', errorCode: 'INSUFFICIENT_BALANCE', errorDetail: 'not enough' })).toMatchObject({
      status: 'REJECTED',
      errorCode: 'INSUFFICIENT_BALANCE',
      errorDetail: 'not enough',
    });
  });

  it('ends DELIVERED when the receipt overtakes the submit acknowledgement, and keeps the submit time the acknowledgement brings', () => {
    const delivered = advanceStatus(accepted, { status: 'DELIVERED', doneAt: '2026-11-23T10:00:02.000Z' });
    const late = advanceStatus(delivered, { status: 'SUBMITTED', operatorMessageIds: ['op-1'], submittedAt: '2026-11-23T10:00:01.000Z', errorCode: 'LATE' });
    expect(late).toEqual({
      status: 'DELIVERED',
      doneAt: '2026-11-23T10:00:02.000Z',
      submittedAt: '2026-11-23T10:00:01.000Z',
      operatorMessageIds: ['op-1'],
    });
  });

  it('keeps a final status final, with the error that explains it', () => {
    const blocked = advanceStatus(accepted, { status: 'BLOCKED', errorCode: 'CONTENT_BLOCKED' });
    expect(advanceStatus(blocked, { status: 'QUEUED', channelId: 'smpp-default' })).toMatchObject({ status: 'BLOCKED', errorCode: 'CONTENT_BLOCKED' });
    expect(advanceStatus(blocked, { status: 'FAILED', errorCode: 'NO_ROUTE' })).toMatchObject({ status: 'BLOCKED', errorCode: 'CONTENT_BLOCKED' });
  });

  it('is idempotent: the same news twice changes nothing more', () => {
    const update = { status: 'SUBMITTED' as const, submittedAt: '2026-11-23T10:00:01.000Z', operatorMessageIds: ['op-1'] };
    const once = advanceStatus(accepted, update);
    expect(advanceStatus(once, update)).toEqual(once);
  });

  it('keeps an earlier error when the step forward brings none', () => {
    const noted = { status: 'QUEUED' as const, errorCode: 'CANCEL_REQUESTED', errorDetail: 'too late' };
    expect(advanceStatus(noted, { status: 'SUBMITTED' })).toMatchObject({ status: 'SUBMITTED', errorCode: 'CANCEL_REQUESTED', errorDetail: 'too late' });
  });

  it("drops the hold's note once a released message moves on: a DELIVERED message does not read HELD_FOR_REVIEW (ADR 0036)", () => {
    const held = { status: 'HELD' as const, errorCode: 'HELD_FOR_REVIEW', errorDetail: 'released by a reviewer' };
    const queued = advanceStatus(held, { status: 'QUEUED', channelId: 'c' });
    expect(queued).toMatchObject({ status: 'QUEUED', channelId: 'c' });
    expect(queued.errorCode).toBeUndefined();
    expect(queued.errorDetail).toBeUndefined();
  });

  it('puts HELD (waiting for a reviewer, ADR 0036) after ACCEPTED and before QUEUED, below every final status', () => {
    expect(advanceStatus(accepted, { status: 'HELD', errorCode: 'HELD_FOR_REVIEW' })).toMatchObject({ status: 'HELD' });
    const held = { status: 'HELD' as const, errorCode: 'HELD_FOR_REVIEW' };
    expect(advanceStatus(held, { status: 'ACCEPTED' }).status).toBe('HELD');
    expect(advanceStatus(held, { status: 'BLOCKED', errorCode: 'CONTENT_BLOCKED' })).toMatchObject({ status: 'BLOCKED', errorCode: 'CONTENT_BLOCKED' });
    const cancelled = { status: 'CANCELLED' as const, errorCode: 'ACCOUNT_SUSPENDED' };
    expect(advanceStatus(cancelled, { status: 'HELD', errorCode: 'HELD_FOR_REVIEW' })).toEqual(cancelled);
    expect(advanceStatus({ status: 'QUEUED' }, { status: 'HELD' }).status).toBe('QUEUED');
  });
});
