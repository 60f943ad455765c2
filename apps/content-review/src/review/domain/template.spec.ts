import { DeciderSpecification, fold } from '@sms/use-case-kit/core';
import type { TemplateEvent, TemplateScreening, TemplateSubmitted } from './events';
import { TemplateCommand, templateDecider } from './template';

const now = new Date('2026-03-01T08:00:00.000Z');
const later = new Date('2026-03-02T09:30:00.000Z');
const CONTENT = '您的验证码为${code}，${minutes}分钟内有效。';
const PASS: TemplateScreening = { outcome: 'PASS', matches: [] };

/** Given past events, when a command is decided, then these events (or this rejection). */
const spec = DeciderSpecification.for(templateDecider);

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

const submittedData: TemplateSubmitted = {
  templateId: 'tpl-1',
  accountId: 'acc-1',
  name: 'otp',
  kind: 'verification',
  content: CONTENT,
  variables: ['code', 'minutes'],
  screening: PASS,
  submittedAt: now.toISOString(),
};
const submitted: TemplateEvent = { type: 'TemplateSubmitted', data: submittedData };
/** The submission of `content` (no placeholders) screened as `screening`. */
const submittedWith = (content: string, screening: TemplateScreening): TemplateEvent => ({
  type: 'TemplateSubmitted',
  data: { ...submittedData, content, variables: [], screening },
});
const snapshot = { templateId: 'tpl-1', accountId: 'acc-1', name: 'otp', kind: 'verification' as const, content: CONTENT };
const approved: TemplateEvent = { type: 'TemplateApproved', data: { ...snapshot, automatic: false, decidedAt: later.toISOString() } };

describe('template decider', () => {
  describe('SubmitTemplate', () => {
    it('records a screened-clean template pending human review, with its variables', () => {
      spec.given([]).when(submit()).then([submitted]);
    });

    it('leaves a REVIEW outcome to the human reviewer, noted on the submission', () => {
      const review: TemplateScreening = { outcome: 'REVIEW', category: 'FINANCIAL_PROMOTION', matches: [{ term: '贷款', category: 'FINANCIAL_PROMOTION', level: 'REVIEW', index: 2 }] };
      const state = spec
        .given([])
        .when(submit(review, '您的贷款已到账'))
        .then([submittedWith('您的贷款已到账', review)]);
      expect(state).toMatchObject({ status: 'PENDING_REVIEW', screening: review });
    });

    it('rejects a BLOCKed template automatically with the category as reason', () => {
      const block: TemplateScreening = { outcome: 'BLOCK', category: 'GAMBLING', matches: [{ term: '赌博', category: 'GAMBLING', level: 'BLOCK', index: 2 }] };
      const state = spec
        .given([])
        .when(submit(block, '网上赌博'))
        .then([
          submittedWith('网上赌博', block),
          {
            type: 'TemplateRejected',
            data: { templateId: 'tpl-1', accountId: 'acc-1', name: 'otp', kind: 'verification', content: '网上赌博', reason: 'GAMBLING', automatic: true, decidedAt: now.toISOString() },
          },
        ]);
      expect(state).toMatchObject({ status: 'REJECTED', reason: 'GAMBLING' });
    });

    it.each([
      ['an unknown kind', { kind: 'fax' }],
      ['empty content', { content: '   ' }],
      ['content over 500 characters', { content: '字'.repeat(501) }],
      ['a malformed placeholder', { content: '验证码${1code}' }],
      ['an unclosed placeholder', { content: '验证码${code' }],
      ['a forged signature', { content: '【银行】您的验证码${code}' }],
      // DOMAIN §2 typed variables: a type the platform cannot check at send time is refused at submission.
      ['a variable of an unknown type (DOMAIN §2)', { content: '您的订单${order:sku}已发货' }],
      ['a variable given two types (DOMAIN §2)', { content: '${due:date} 或 ${due:text}' }],
      ['no name', { name: ' ' }],
      ['no account', { accountId: '' }],
    ])('rejects %s', (_what, change) => {
      spec
        .given([])
        .when({ ...submit(), ...change } as TemplateCommand)
        .thenRejects('VALIDATION_FAILED');
    });

    it('records typed variables by name, written types included (DOMAIN §2: code, name, amount, date, url)', () => {
      const content = '${name}您好，${amount}元将于${due:date}扣款，详情${url}，验证码${code}，订单${order}';
      const state = spec
        .given([])
        .when(submit(PASS, content))
        .then([{ type: 'TemplateSubmitted', data: { ...submittedData, content, variables: ['name', 'amount', 'due', 'url', 'code', 'order'] } }]);
      expect(state?.variables).toEqual(['name', 'amount', 'due', 'url', 'code', 'order']);
    });

    it('accepts exactly 500 characters', () => {
      spec
        .given([])
        .when(submit(PASS, '字'.repeat(500)))
        .then([submittedWith('字'.repeat(500), PASS)]);
    });
  });

  describe('DecideTemplate', () => {
    it('approves a pending template, carrying kind and content', () => {
      spec.given([submitted]).when({ type: 'DecideTemplate', templateId: 'tpl-1', approve: true, now: later }).then([approved]);
    });

    it('rejects with a reason, and needs one', () => {
      spec
        .given([submitted])
        .when({ type: 'DecideTemplate', templateId: 'tpl-1', approve: false, reason: 'misleading', now: later })
        .then([{ type: 'TemplateRejected', data: { ...snapshot, reason: 'misleading', automatic: false, decidedAt: later.toISOString() } }]);
      spec.given([submitted]).when({ type: 'DecideTemplate', templateId: 'tpl-1', approve: false, now: later }).thenRejects('VALIDATION_FAILED');
    });

    it('is refused once decided, including after an automatic rejection', () => {
      spec.given([submitted, approved]).when({ type: 'DecideTemplate', templateId: 'tpl-1', approve: true, now: later }).thenRejects('ALREADY_DECIDED');
      const autoRejected: TemplateEvent = { type: 'TemplateRejected', data: { ...snapshot, reason: 'GAMBLING', automatic: true, decidedAt: now.toISOString() } };
      spec.given([submitted, autoRejected]).when({ type: 'DecideTemplate', templateId: 'tpl-1', approve: true, now: later }).thenRejects('ALREADY_DECIDED');
    });

    it('is refused for an unknown template', () => {
      spec.given([]).when({ type: 'DecideTemplate', templateId: 'nope', approve: true, now: later }).thenRejects('TEMPLATE_NOT_FOUND');
    });
  });

  describe('RevokeTemplate', () => {
    it('revokes an approved template and nothing else', () => {
      spec
        .given([submitted, approved])
        .when({ type: 'RevokeTemplate', templateId: 'tpl-1', reason: 'violation confirmed', now: later })
        .then([{ type: 'TemplateRevoked', data: { ...snapshot, reason: 'violation confirmed', automatic: false, decidedAt: later.toISOString() } }]);
      spec.given([submitted]).when({ type: 'RevokeTemplate', templateId: 'tpl-1', reason: 'x', now: later }).thenRejects('TEMPLATE_NOT_APPROVED');
    });
  });

  it('replays to the current state', () => {
    expect(fold(templateDecider, [submitted, approved])).toMatchObject({ status: 'APPROVED', content: CONTENT, variables: ['code', 'minutes'], decidedAt: later.toISOString() });
  });
});
