import { deliveryOutcome, receiptTime, submissionOutcome } from './outcomes';

describe('submissionOutcome', () => {
  it('bills acknowledged segments only', () => {
    expect(submissionOutcome([{ seq: 1, operatorMessageId: 'a' }, { seq: 2, error: { code: 'SMPP_0x45' } }])).toEqual({
      status: 'SUBMITTED',
      segmentsSubmitted: 1,
      segmentsFailed: 1,
      operatorMessageIds: ['a'],
      errorCode: 'SMPP_0x45',
    });
  });

  it('fails a message no segment of which was acknowledged', () => {
    expect(submissionOutcome([{ seq: 1, error: { code: 'SMPP_0x58' } }])).toMatchObject({ status: 'FAILED', segmentsSubmitted: 0, errorCode: 'SMPP_0x58' });
  });
});

describe('deliveryOutcome', () => {
  it('waits for every segment', () => {
    expect(deliveryOutcome(2, [{ status: 'DELIVERED' }])).toBeUndefined();
  });

  it('is delivered when all segments are', () => {
    expect(deliveryOutcome(2, [{ status: 'DELIVERED' }, { status: 'DELIVERED' }])).toEqual({ status: 'DELIVERED' });
  });

  it('takes the failing segment status', () => {
    expect(deliveryOutcome(2, [{ status: 'DELIVERED' }, { status: 'UNDELIVERED', errorCode: '001' }])).toEqual({ status: 'UNDELIVERED', errorCode: '001' });
  });
});

describe('receiptTime', () => {
  const now = new Date('2026-11-23T20:36:26.639Z');
  it('times a receipt of this minute by its arrival', () => {
    expect(receiptTime(new Date('2026-11-23T20:36:00Z'), now)).toBe(now);
  });
  it("keeps the operator's time for an older receipt", () => {
    const done = new Date('2026-11-23T18:02:00Z');
    expect(receiptTime(done, now)).toBe(done);
  });
  it('uses the arrival when the receipt has no date', () => {
    expect(receiptTime(undefined, now)).toBe(now);
  });
});
