import { DeciderSpecification, fold } from '@sms/use-case-kit/core';
import type { SignatureEvent, SignatureSubmitted } from './events';
import { SignatureCommand, signatureDecider } from './signature';

const now = new Date('2026-03-01T08:00:00.000Z');
const later = new Date('2026-03-02T09:30:00.000Z');

/** Given past events, when a command is decided, then these events (or this rejection). */
const spec = DeciderSpecification.for(signatureDecider);

const submit: SignatureCommand = {
  type: 'SubmitSignature',
  signatureId: 'sig-1',
  accountId: 'acc-1',
  name: ' 阿里云 ',
  purpose: 'company',
  documents: [{ kind: 'business-licence', reference: 'BL-91330100' }],
  now,
};

const submittedData: SignatureSubmitted = {
  signatureId: 'sig-1',
  accountId: 'acc-1',
  name: '阿里云',
  purpose: 'company',
  documents: [{ kind: 'business-licence', reference: 'BL-91330100' }],
  submittedAt: now.toISOString(),
};
const submitted: SignatureEvent = { type: 'SignatureSubmitted', data: submittedData };
const approved: SignatureEvent = {
  type: 'SignatureApproved',
  data: { signatureId: 'sig-1', accountId: 'acc-1', name: '阿里云', decidedAt: later.toISOString() },
};
const rejected: SignatureEvent = {
  type: 'SignatureRejected',
  data: { signatureId: 'sig-1', accountId: 'acc-1', name: '阿里云', reason: 'licence unreadable', decidedAt: later.toISOString() },
};
const submittedNamed = (name: string): SignatureEvent => ({ type: 'SignatureSubmitted', data: { ...submittedData, name } });

describe('signature decider', () => {
  describe('SubmitSignature', () => {
    it('records the submission, trimmed, pending review', () => {
      spec.given([]).when(submit).then([submitted]);
    });

    it('is refused for a stream that already holds a signature', () => {
      spec.given([submitted]).when(submit).thenRejects('CONCURRENCY_CONFLICT');
    });

    it.each([
      ['a 1-character name', { name: '阿' }],
      ['a 13-character name', { name: '一二三四五六七八九十一二三' }],
      ['a name with brackets', { name: '【阿里云】' }],
      ['an unknown purpose', { purpose: 'charity' }],
      ['no documents', { documents: [] }],
      ['a document without reference', { documents: [{ kind: 'trademark', reference: ' ' }] }],
      ['no account', { accountId: '' }],
    ])('rejects %s', (_what, change) => {
      spec
        .given([])
        .when({ ...submit, ...change } as SignatureCommand)
        .thenRejects('VALIDATION_FAILED');
    });

    it('accepts names of exactly 2 and 12 characters, counting code points', () => {
      spec
        .given([])
        .when({ ...submit, name: '阿里' })
        .then([submittedNamed('阿里')]);
      spec
        .given([])
        .when({ ...submit, name: '一二三四五六七八九十一二' })
        .then([submittedNamed('一二三四五六七八九十一二')]);
    });
  });

  describe('DecideSignature', () => {
    it('approves a pending signature', () => {
      spec.given([submitted]).when({ type: 'DecideSignature', signatureId: 'sig-1', approve: true, now: later }).then([approved]);
    });

    it('rejects a pending signature with the reason', () => {
      spec.given([submitted]).when({ type: 'DecideSignature', signatureId: 'sig-1', approve: false, reason: ' licence unreadable ', now: later }).then([rejected]);
    });

    it('needs a reason to reject', () => {
      spec.given([submitted]).when({ type: 'DecideSignature', signatureId: 'sig-1', approve: false, reason: '  ', now: later }).thenRejects('VALIDATION_FAILED');
    });

    it('is refused once decided', () => {
      spec.given([submitted, approved]).when({ type: 'DecideSignature', signatureId: 'sig-1', approve: false, reason: 'x', now: later }).thenRejects('ALREADY_DECIDED');
      spec.given([submitted, rejected]).when({ type: 'DecideSignature', signatureId: 'sig-1', approve: true, now: later }).thenRejects('ALREADY_DECIDED');
    });

    it('is refused for an unknown signature', () => {
      spec.given([]).when({ type: 'DecideSignature', signatureId: 'nope', approve: true, now: later }).thenRejects('SIGNATURE_NOT_FOUND');
    });
  });

  describe('RevokeSignature', () => {
    it('revokes an approved signature', () => {
      spec
        .given([submitted, approved])
        .when({ type: 'RevokeSignature', signatureId: 'sig-1', reason: 'IP complaint upheld', now: later })
        .then([
          {
            type: 'SignatureRevoked',
            data: { signatureId: 'sig-1', accountId: 'acc-1', name: '阿里云', reason: 'IP complaint upheld', decidedAt: later.toISOString() },
          },
        ]);
    });

    it('only revokes an approved signature', () => {
      spec.given([submitted]).when({ type: 'RevokeSignature', signatureId: 'sig-1', reason: 'x', now: later }).thenRejects('SIGNATURE_NOT_APPROVED');
    });
  });

  describe('evolve', () => {
    it('replays the lifecycle', () => {
      expect(fold(signatureDecider, [submitted])).toMatchObject({ status: 'PENDING_REVIEW', name: '阿里云', accountId: 'acc-1' });
      expect(fold(signatureDecider, [submitted, approved])).toMatchObject({ status: 'APPROVED', decidedAt: later.toISOString() });
      expect(fold(signatureDecider, [submitted, rejected])).toMatchObject({ status: 'REJECTED', reason: 'licence unreadable' });
    });
  });
});
