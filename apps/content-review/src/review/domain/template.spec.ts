import { REVIEW_EVENTS, TemplateEvent, TemplateScreening } from './events';
import { decideTemplate, evolveTemplate, initialTemplateState, TemplateCommand } from './template';

const now = new Date('2026-03-01T08:00:00.000Z');
const later = new Date('2026-03-02T09:30:00.000Z');
const CONTENT = '您的验证码为${code}，${minutes}分钟内有效。';
const PASS: TemplateScreening = { outcome: 'PASS', matches: [] };

function given(...events: TemplateEvent[]) {
  const state = events.reduce(evolveTemplate, initialTemplateState);
  return { when: (command: TemplateCommand) => decideTemplate(command, state), state };
}

const submit = (screening: TemplateScreening = PASS, content = CONTENT): TemplateCommand => ({
  type: 'SubmitTemplate',
  templateId: 'tpl-1',
  accountId: 'acc-1',
  name: 'otp',
  kind: 'verification',
  content,
  screening,
  now,
});

const submitted: TemplateEvent = {
  type: REVIEW_EVENTS.templateSubmitted,
  data: {
    templateId: 'tpl-1',
    accountId: 'acc-1',
    name: 'otp',
    kind: 'verification',
    content: CONTENT,
    variables: ['code', 'minutes'],
    screening: PASS,
    submittedAt: now.toISOString(),
  },
};
const snapshot = { templateId: 'tpl-1', accountId: 'acc-1', name: 'otp', kind: 'verification' as const, content: CONTENT };
const approved: TemplateEvent = { type: REVIEW_EVENTS.templateApproved, data: { ...snapshot, automatic: false, decidedAt: later.toISOString() } };

describe('template decider', () => {
  describe('SubmitTemplate', () => {
    it('records a screened-clean template pending human review, with its variables', () => {
      expect(given().when(submit())).toEqual({ ok: true, events: [submitted] });
    });

    it('leaves a REVIEW outcome to the human reviewer, noted on the submission', () => {
      const review: TemplateScreening = { outcome: 'REVIEW', category: 'FINANCIAL_PROMOTION', matches: [{ term: '贷款', category: 'FINANCIAL_PROMOTION', level: 'REVIEW', index: 2 }] };
      const decision = given().when(submit(review, '您的贷款已到账'));
      expect(decision.ok && decision.events.map((e) => e.type)).toEqual([REVIEW_EVENTS.templateSubmitted]);
      expect(decision.ok && decision.events[0].data).toMatchObject({ screening: review });
    });

    it('rejects a BLOCKed template automatically with the category as reason', () => {
      const block: TemplateScreening = { outcome: 'BLOCK', category: 'GAMBLING', matches: [{ term: '赌博', category: 'GAMBLING', level: 'BLOCK', index: 2 }] };
      const decision = given().when(submit(block, '网上赌博'));
      expect(decision).toEqual({
        ok: true,
        events: [
          expect.objectContaining({ type: REVIEW_EVENTS.templateSubmitted }),
          {
            type: REVIEW_EVENTS.templateRejected,
            data: { templateId: 'tpl-1', accountId: 'acc-1', name: 'otp', kind: 'verification', content: '网上赌博', reason: 'GAMBLING', automatic: true, decidedAt: now.toISOString() },
          },
        ],
      });
      const state = decision.ok ? decision.events.reduce(evolveTemplate, initialTemplateState) : null;
      expect(state).toMatchObject({ status: 'REJECTED', reason: 'GAMBLING' });
    });

    it.each([
      ['an unknown kind', { kind: 'fax' }],
      ['empty content', { content: '   ' }],
      ['content over 500 characters', { content: '字'.repeat(501) }],
      ['a malformed placeholder', { content: '验证码${1code}' }],
      ['an unclosed placeholder', { content: '验证码${code' }],
      ['a forged signature', { content: '【银行】您的验证码${code}' }],
      ['no name', { name: ' ' }],
      ['no account', { accountId: '' }],
    ])('rejects %s', (_what, change) => {
      expect(given().when({ ...submit(), ...change } as TemplateCommand)).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    });

    it('accepts exactly 500 characters', () => {
      expect(given().when(submit(PASS, '字'.repeat(500))).ok).toBe(true);
    });
  });

  describe('DecideTemplate', () => {
    it('approves a pending template, carrying kind and content', () => {
      expect(given(submitted).when({ type: 'DecideTemplate', templateId: 'tpl-1', approve: true, now: later })).toEqual({ ok: true, events: [approved] });
    });

    it('rejects with a reason, and needs one', () => {
      expect(given(submitted).when({ type: 'DecideTemplate', templateId: 'tpl-1', approve: false, reason: 'misleading', now: later })).toEqual({
        ok: true,
        events: [{ type: REVIEW_EVENTS.templateRejected, data: { ...snapshot, reason: 'misleading', automatic: false, decidedAt: later.toISOString() } }],
      });
      expect(given(submitted).when({ type: 'DecideTemplate', templateId: 'tpl-1', approve: false, now: later })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    });

    it('is refused once decided, including after an automatic rejection', () => {
      expect(given(submitted, approved).when({ type: 'DecideTemplate', templateId: 'tpl-1', approve: true, now: later })).toMatchObject({ ok: false, code: 'ALREADY_DECIDED' });
      const autoRejected: TemplateEvent = { type: REVIEW_EVENTS.templateRejected, data: { ...snapshot, reason: 'GAMBLING', automatic: true, decidedAt: now.toISOString() } };
      expect(given(submitted, autoRejected).when({ type: 'DecideTemplate', templateId: 'tpl-1', approve: true, now: later })).toMatchObject({
        ok: false,
        code: 'ALREADY_DECIDED',
      });
    });

    it('is refused for an unknown template', () => {
      expect(given().when({ type: 'DecideTemplate', templateId: 'nope', approve: true, now: later })).toMatchObject({ ok: false, code: 'TEMPLATE_NOT_FOUND' });
    });
  });

  describe('RevokeTemplate', () => {
    it('revokes an approved template and nothing else', () => {
      const decision = given(submitted, approved).when({ type: 'RevokeTemplate', templateId: 'tpl-1', reason: 'violation confirmed', now: later });
      expect(decision).toEqual({
        ok: true,
        events: [{ type: REVIEW_EVENTS.templateRevoked, data: { ...snapshot, reason: 'violation confirmed', automatic: false, decidedAt: later.toISOString() } }],
      });
      expect(given(submitted).when({ type: 'RevokeTemplate', templateId: 'tpl-1', reason: 'x', now: later })).toMatchObject({ ok: false, code: 'TEMPLATE_NOT_APPROVED' });
    });
  });

  it('replays to the current state', () => {
    expect(given(submitted, approved).state).toMatchObject({ status: 'APPROVED', content: CONTENT, variables: ['code', 'minutes'], decidedAt: later.toISOString() });
  });
});
