import { EventStore, InMemoryEventStore } from '@sms/event-store';
import { DomainError } from '@sms/service-kit';
import { createSignatures } from '../application/review-streams';
import { REVIEW_EVENTS, signatureStream } from '../domain/events';
import { GetSignatureHandler } from '../get-signature/handler';
import { SubmitSignatureHandler } from '../submit-signature/handler';
import { DecideSignatureHandler } from './handler';

const clock = { now: () => new Date('2026-03-01T08:00:00.000Z') };
const input = { accountId: 'acc-1', name: '阿里云', purpose: 'company', documents: [{ kind: 'business-licence', reference: 'BL-1' }] };

/** The signature use cases of one instance: its own CommandHandler (and state cache) over `store`. */
const instance = (store: EventStore) => {
  const signatures = createSignatures(store);
  return { submit: new SubmitSignatureHandler(signatures, clock), decide: new DecideSignatureHandler(signatures, clock), get: new GetSignatureHandler(signatures) };
};

describe('DecideSignatureHandler (CommandHandler over an in-memory event store)', () => {
  let store: InMemoryEventStore;

  beforeEach(() => {
    store = new InMemoryEventStore();
  });

  afterEach(async () => {
    await store.close();
  });

  it('appends the decided events to the signature stream', async () => {
    const handlers = instance(store);
    const submitted = await handlers.submit.handle(input);
    const decided = await handlers.decide.handle({ signatureId: submitted.signatureId, approve: true });
    expect(decided).toMatchObject({ signatureId: submitted.signatureId, status: 'APPROVED', decidedAt: '2026-03-01T08:00:00.000Z' });
    const events = await store.readStream(signatureStream(submitted.signatureId));
    expect(events.map((e) => [e.type, e.revision])).toEqual([
      [REVIEW_EVENTS.signatureSubmitted, 0n],
      [REVIEW_EVENTS.signatureApproved, 1n],
    ]);
  });

  it('needs a reason to reject, and appends nothing without one', async () => {
    const handlers = instance(store);
    const { signatureId } = await handlers.submit.handle(input);
    await expect(handlers.decide.handle({ signatureId, approve: false, reason: ' ' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await store.readStream(signatureStream(signatureId))).toHaveLength(1);
  });

  it('decides again on fresh state when another instance decided first', async () => {
    const mine = instance(store);
    const theirs = instance(store);
    const { signatureId } = await mine.submit.handle(input);
    await mine.get.handle(signatureId); // cached at revision 0
    await theirs.decide.handle({ signatureId, approve: true });

    const error = await mine.decide.handle({ signatureId, approve: false, reason: 'too late' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'ALREADY_DECIDED' });
    expect(await store.readStream(signatureStream(signatureId))).toHaveLength(2);
  });

  it('retries on a concurrent append between its read and its write, then answers from the fresh state', async () => {
    const theirs = instance(store);
    const { signatureId } = await theirs.submit.handle(input);
    let raced = false;
    // A store whose next append is preceded by another instance's decision, as if it landed in between.
    const racing: EventStore = {
      appendToStream: async (...args) => {
        if (!raced) {
          raced = true;
          await theirs.decide.handle({ signatureId, approve: true });
        }
        return store.appendToStream(...args);
      },
      readStream: (...args) => store.readStream(...args),
      subscribeToAll: (...args) => store.subscribeToAll(...args),
      close: () => store.close(),
    };
    const mine = instance(racing);

    await expect(mine.decide.handle({ signatureId, approve: false, reason: 'too late' })).rejects.toMatchObject({ code: 'ALREADY_DECIDED' });
    expect(raced).toBe(true);
    expect((await store.readStream(signatureStream(signatureId))).map((e) => e.type)).toEqual([REVIEW_EVENTS.signatureSubmitted, REVIEW_EVENTS.signatureApproved]);
  });

  it('answers SIGNATURE_NOT_FOUND for an unknown id', async () => {
    await expect(instance(store).decide.handle({ signatureId: 'nope', approve: true })).rejects.toMatchObject({ code: 'SIGNATURE_NOT_FOUND' });
  });
});
