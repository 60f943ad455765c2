import { fold, WorkflowSpecification } from '@sms/use-case-kit/core';
import { BatchScreeningEvent, batchScreeningWorkflow, MessagesAccepted } from './batch-screening';
import { acceptedFindings, screen } from './screen';

const now = new Date('2026-03-01T08:00:00.000Z');
const message = (messageId: string, text: string) => ({ messageId, text, segments: 1, countryCode: 'CN', operator: 'CMCC' });

/** Given what the screening stream holds, when a batch is accepted, then these events (or nothing). */
const spec = WorkflowSpecification.for(batchScreeningWorkflow);

const input: MessagesAccepted = {
  type: 'MessagesAccepted',
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

const screened: BatchScreeningEvent = {
  type: 'BatchScreened',
  data: {
    batchId: 'batch-1',
    accountId: 'acc-1',
    kind: 'notification',
    screenedAt: now.toISOString(),
    cleared: [{ messageId: 'm1', segments: 1, countryCode: 'CN', operator: 'CMCC' }],
    blocked: [{ messageId: 'm2', category: 'gambling', terms: ['赌博', '百家乐', '首充送', '送彩金'] }],
    held: [{ messageId: 'm3', category: 'fraud', terms: ['加微信'], segments: 1, countryCode: 'CN', operator: 'CMCC' }],
  },
};

/** The single BatchScreened a decision yields. */
const screenedBy = (outputs: BatchScreeningEvent[]) => {
  expect(outputs).toHaveLength(1);
  return outputs[0].data;
};

describe('batch screening workflow', () => {
  it('puts every message in exactly one list: cleared with its routing facts, blocked or held with the category', () => {
    spec.given([]).when(input).then([screened]);
  });

  it('decides nothing for a batch already screened', () => {
    expect(fold(batchScreeningWorkflow, [screened])).toEqual({ screened: true, screenedAt: now.toISOString(), held: screened.data.held });
    spec.given([screened]).when(input).thenNothing();
    // Nor for the same batch accepted again (a re-published acceptance under a new event id).
    spec.given([input, screened]).when(input).thenNothing();
  });

  it('clears REVIEW findings the reviewer accepted in the approved template', () => {
    const accepted = acceptedFindings(screen('详情请加微信咨询', 'notification'));
    const data = screenedBy(spec.given([]).when({ ...input, accepted }).outputs);
    expect(data.cleared.map((c) => c.messageId)).toEqual(['m1', 'm3']);
    expect(data.blocked.map((b) => b.messageId)).toEqual(['m2']);
    expect(data.held).toEqual([]);
  });

  it('screens marketing batches for the opt-out instruction', () => {
    const data = screenedBy(
      spec
        .given([])
        .when({ ...input, kind: 'marketing', messages: [message('m1', '【商城】全场5折，拒收请回复R'), message('m2', '【商城】全场5折')] }).outputs,
    );
    expect(data.cleared.map((c) => c.messageId)).toEqual(['m1']);
    expect(data.held).toEqual([{ messageId: 'm2', category: 'missing-opt-out', terms: [], segments: 1, countryCode: 'CN', operator: 'CMCC' }]);
  });

  it('keeps what it held in its state, also from a screening stored before held entries carried segments (ADR 0036)', () => {
    const old = { ...screened, data: { ...screened.data, held: [{ messageId: 'm3', category: 'fraud', terms: ['加微信'] }] } };
    expect(fold(batchScreeningWorkflow, [old]).held).toEqual([{ messageId: 'm3', category: 'fraud', terms: ['加微信'] }]);
    expect(batchScreeningWorkflow.initialState()).toEqual({ screened: false, held: [] });
  });
});
