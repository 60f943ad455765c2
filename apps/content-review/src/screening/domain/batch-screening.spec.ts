import { decideScreenBatch, evolveBatchScreening, initialBatchScreeningState, SCREENING_EVENTS, ScreenBatch } from './batch-screening';
import { acceptedFindings, screen } from './screen';

const now = new Date('2026-03-01T08:00:00.000Z');
const message = (messageId: string, text: string) => ({ messageId, text, segments: 1, countryCode: 'CN', operator: 'CMCC' });

const command: ScreenBatch = {
  batchId: 'batch-1',
  accountId: 'acc-1',
  kind: 'notification',
  messages: [
    message('m1', '【阿里云】您的验证码为123456，5分钟内有效。'),
    message('m2', '【阿里云】网上赌 博，百家乐首充送彩金'),
    message('m3', '【阿里云】详情请加微信咨询'),
  ],
  now,
};

describe('batch screening decider', () => {
  it('puts every message in exactly one list: cleared with its routing facts, blocked or held with the category', () => {
    expect(decideScreenBatch(command, initialBatchScreeningState)).toEqual([
      {
        type: SCREENING_EVENTS.batchScreened,
        data: {
          batchId: 'batch-1',
          accountId: 'acc-1',
          kind: 'notification',
          screenedAt: now.toISOString(),
          cleared: [{ messageId: 'm1', segments: 1, countryCode: 'CN', operator: 'CMCC' }],
          blocked: [{ messageId: 'm2', category: 'GAMBLING', terms: ['赌博', '百家乐'] }],
          held: [{ messageId: 'm3', category: 'CONTACT_DIVERSION', terms: ['加微信'] }],
        },
      },
    ]);
  });

  it('decides nothing for a batch already screened', () => {
    const [screened] = decideScreenBatch(command, initialBatchScreeningState);
    const state = evolveBatchScreening(initialBatchScreeningState, screened);
    expect(state).toEqual({ screened: true });
    expect(decideScreenBatch(command, state)).toEqual([]);
  });

  it('clears REVIEW findings the reviewer accepted in the approved template', () => {
    const accepted = acceptedFindings(screen('详情请加微信咨询', 'notification'));
    const [event] = decideScreenBatch({ ...command, accepted }, initialBatchScreeningState);
    expect(event.data.cleared.map((c) => c.messageId)).toEqual(['m1', 'm3']);
    expect(event.data.blocked.map((b) => b.messageId)).toEqual(['m2']);
    expect(event.data.held).toEqual([]);
  });

  it('screens marketing batches for the opt-out instruction', () => {
    const [event] = decideScreenBatch(
      { ...command, kind: 'marketing', messages: [message('m1', '【商城】全场5折，拒收请回复R'), message('m2', '【商城】全场5折')] },
      initialBatchScreeningState,
    );
    expect(event.data.cleared.map((c) => c.messageId)).toEqual(['m1']);
    expect(event.data.held).toEqual([{ messageId: 'm2', category: 'MISSING_OPT_OUT', terms: [] }]);
  });
});
