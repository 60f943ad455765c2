import { EventStore, InMemoryEventStore } from '@sms/event-store';
import { createSignatures } from '../application/review-streams';
import { DecideSignatureHandler } from '../decide-signature/handler';
import { REVIEW_EVENTS, signatureStream } from '../domain/events';
import { SubmitSignatureHandler } from '../submit-signature/handler';
import { RevokeSignatureHandler } from './handler';

const clock = { now: () => new Date('2026-03-02T08:00:00.000Z') };
const input = { accountId: 'acc-1', name: '阿里云', purpose: 'company', documents: [{ kind: 'trademark-certificate', reference: 'TM-1' }] };

const instance = (store: EventStore) => {
  const signatures = createSignatures(store);
  return { submit: new SubmitSignatureHandler(signatures, clock), decide: new DecideSignatureHandler(signatures, clock), revoke: new RevokeSignatureHandler(signatures, clock) };
};

describe('RevokeSignatureHandler (DOMAIN §2: APPROVED → REVOKED on a violation or an IP complaint, terms §5.2)', () => {
  let store: InMemoryEventStore;

  beforeEach(() => {
    store = new InMemoryEventStore();
  });

  afterEach(async () => {
    await store.close();
  });

  it('revokes an approved signature with its reason, keeping its qualification documents', async () => {
    const handlers = instance(store);
    const { signatureId } = await handlers.submit.handle(input);
    await handlers.decide.handle({ signatureId, approve: true });
    const revoked = await handlers.revoke.handle({ signatureId, reason: 'IP complaint upheld' });
    expect(revoked).toMatchObject({ signatureId, status: 'REVOKED', reason: 'IP complaint upheld', decidedAt: '2026-03-02T08:00:00.000Z', documents: input.documents });
    expect((await store.readStream(signatureStream(signatureId))).map((e) => e.type)).toEqual([
      REVIEW_EVENTS.signatureSubmitted,
      REVIEW_EVENTS.signatureApproved,
      REVIEW_EVENTS.signatureRevoked,
    ]);
  });

  it('refuses a pending or already revoked signature (SIGNATURE_NOT_APPROVED), also from another instance', async () => {
    const mine = instance(store);
    const theirs = instance(store);
    const { signatureId } = await mine.submit.handle(input);
    await expect(mine.revoke.handle({ signatureId, reason: 'x' })).rejects.toMatchObject({ code: 'SIGNATURE_NOT_APPROVED' });
    await mine.decide.handle({ signatureId, approve: true });
    await theirs.revoke.handle({ signatureId, reason: 'violation confirmed' });
    await expect(mine.revoke.handle({ signatureId, reason: 'again' })).rejects.toMatchObject({ code: 'SIGNATURE_NOT_APPROVED' });
    expect(await store.readStream(signatureStream(signatureId))).toHaveLength(3);
  });

  it('needs a reason of at most 500 characters, and answers SIGNATURE_NOT_FOUND for an unknown id', async () => {
    const handlers = instance(store);
    const { signatureId } = await handlers.submit.handle(input);
    await handlers.decide.handle({ signatureId, approve: true });
    await expect(handlers.revoke.handle({ signatureId, reason: '  ' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(handlers.revoke.handle({ signatureId, reason: 'x'.repeat(501) })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(handlers.revoke.handle({ signatureId: 'nope', reason: 'x' })).rejects.toMatchObject({ code: 'SIGNATURE_NOT_FOUND' });
  });
});
