import { REVIEW_EVENTS, SignatureEvent } from './events';
import { decideSignature, evolveSignature, initialSignatureState, SignatureCommand } from './signature';

const now = new Date('2026-03-01T08:00:00.000Z');
const later = new Date('2026-03-02T09:30:00.000Z');

/** Given past events, when a command is decided, then these events (or this rejection). */
function given(...events: SignatureEvent[]) {
  const state = events.reduce(evolveSignature, initialSignatureState);
  return { when: (command: SignatureCommand) => decideSignature(command, state), state };
}

const submit: SignatureCommand = {
  type: 'SubmitSignature',
  signatureId: 'sig-1',
  accountId: 'acc-1',
  name: ' 阿里云 ',
  purpose: 'company',
  documents: [{ kind: 'business-licence', reference: 'BL-91330100' }],
  now,
};

const submitted: SignatureEvent = {
  type: REVIEW_EVENTS.signatureSubmitted,
  data: {
    signatureId: 'sig-1',
    accountId: 'acc-1',
    name: '阿里云',
    purpose: 'company',
    documents: [{ kind: 'business-licence', reference: 'BL-91330100' }],
    submittedAt: now.toISOString(),
  },
};
const approved: SignatureEvent = {
  type: REVIEW_EVENTS.signatureApproved,
  data: { signatureId: 'sig-1', accountId: 'acc-1', name: '阿里云', decidedAt: later.toISOString() },
};
const rejected: SignatureEvent = {
  type: REVIEW_EVENTS.signatureRejected,
  data: { signatureId: 'sig-1', accountId: 'acc-1', name: '阿里云', reason: 'licence unreadable', decidedAt: later.toISOString() },
};

describe('signature decider', () => {
  describe('SubmitSignature', () => {
    it('records the submission, trimmed, pending review', () => {
      expect(given().when(submit)).toEqual({ ok: true, events: [submitted] });
    });

    it('is refused for a stream that already holds a signature', () => {
      expect(given(submitted).when(submit)).toMatchObject({ ok: false, code: 'CONCURRENCY_CONFLICT' });
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
      expect(given().when({ ...submit, ...change } as SignatureCommand)).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    });

    it('accepts names of exactly 2 and 12 characters, counting code points', () => {
      expect(given().when({ ...submit, name: '阿里' }).ok).toBe(true);
      expect(given().when({ ...submit, name: '一二三四五六七八九十一二' }).ok).toBe(true);
    });
  });

  describe('DecideSignature', () => {
    it('approves a pending signature', () => {
      expect(given(submitted).when({ type: 'DecideSignature', signatureId: 'sig-1', approve: true, now: later })).toEqual({ ok: true, events: [approved] });
    });

    it('rejects a pending signature with the reason', () => {
      expect(given(submitted).when({ type: 'DecideSignature', signatureId: 'sig-1', approve: false, reason: ' licence unreadable ', now: later })).toEqual({
        ok: true,
        events: [rejected],
      });
    });

    it('needs a reason to reject', () => {
      expect(given(submitted).when({ type: 'DecideSignature', signatureId: 'sig-1', approve: false, reason: '  ', now: later })).toMatchObject({
        ok: false,
        code: 'VALIDATION_FAILED',
      });
    });

    it('is refused once decided', () => {
      expect(given(submitted, approved).when({ type: 'DecideSignature', signatureId: 'sig-1', approve: false, reason: 'x', now: later })).toMatchObject({
        ok: false,
        code: 'ALREADY_DECIDED',
      });
      expect(given(submitted, rejected).when({ type: 'DecideSignature', signatureId: 'sig-1', approve: true, now: later })).toMatchObject({
        ok: false,
        code: 'ALREADY_DECIDED',
      });
    });

    it('is refused for an unknown signature', () => {
      expect(given().when({ type: 'DecideSignature', signatureId: 'nope', approve: true, now: later })).toMatchObject({ ok: false, code: 'SIGNATURE_NOT_FOUND' });
    });
  });

  describe('RevokeSignature', () => {
    it('revokes an approved signature', () => {
      expect(given(submitted, approved).when({ type: 'RevokeSignature', signatureId: 'sig-1', reason: 'IP complaint upheld', now: later })).toEqual({
        ok: true,
        events: [
          {
            type: REVIEW_EVENTS.signatureRevoked,
            data: { signatureId: 'sig-1', accountId: 'acc-1', name: '阿里云', reason: 'IP complaint upheld', decidedAt: later.toISOString() },
          },
        ],
      });
    });

    it('only revokes an approved signature', () => {
      expect(given(submitted).when({ type: 'RevokeSignature', signatureId: 'sig-1', reason: 'x', now: later })).toMatchObject({ ok: false, code: 'SIGNATURE_NOT_APPROVED' });
    });
  });

  describe('evolve', () => {
    it('replays the lifecycle', () => {
      expect(given(submitted).state).toMatchObject({ status: 'PENDING_REVIEW', name: '阿里云', accountId: 'acc-1' });
      expect(given(submitted, approved).state).toMatchObject({ status: 'APPROVED', decidedAt: later.toISOString() });
      expect(given(submitted, rejected).state).toMatchObject({ status: 'REJECTED', reason: 'licence unreadable' });
    });
  });
});
