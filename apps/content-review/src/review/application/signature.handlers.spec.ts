import { EventStore, InMemoryEventStore } from '@sms/event-store';
import { DomainError } from '@sms/service-kit';
import { REVIEW_EVENTS, signatureStream } from '../domain/events';
import { createSignatureRepository } from './repositories';
import { SignatureHandlers } from './signature.handlers';

const clock = { now: () => new Date('2026-03-01T08:00:00.000Z') };
const input = { accountId: 'acc-1', name: '阿里云', purpose: 'company', documents: [{ kind: 'business-licence', reference: 'BL-1' }] };

describe('SignatureHandlers (in-memory event store)', () => {
  let store: InMemoryEventStore;

  beforeEach(() => {
    store = new InMemoryEventStore();
  });

  afterEach(async () => {
    await store.close();
  });

  it('appends the decided events to the signature stream', async () => {
    const handlers = new SignatureHandlers(createSignatureRepository(store), clock);
    const submitted = await handlers.submit(input);
    await handlers.decide(submitted.signatureId, true);
    const events = await store.readStream(signatureStream(submitted.signatureId));
    expect(events.map((e) => [e.type, e.revision])).toEqual([
      [REVIEW_EVENTS.signatureSubmitted, 0n],
      [REVIEW_EVENTS.signatureApproved, 1n],
    ]);
  });

  it('sees what another instance appended after its cached revision', async () => {
    const mine = new SignatureHandlers(createSignatureRepository(store), clock);
    const theirs = new SignatureHandlers(createSignatureRepository(store), clock);
    const { signatureId } = await mine.submit(input);
    expect((await mine.get(signatureId)).status).toBe('PENDING_REVIEW');

    await theirs.decide(signatureId, false, 'licence expired');
    expect(await mine.get(signatureId)).toMatchObject({ status: 'REJECTED', reason: 'licence expired' });
  });

  it('decides again on fresh state when another instance decided first', async () => {
    const mine = new SignatureHandlers(createSignatureRepository(store), clock);
    const theirs = new SignatureHandlers(createSignatureRepository(store), clock);
    const { signatureId } = await mine.submit(input);
    await mine.get(signatureId); // cached at revision 0
    await theirs.decide(signatureId, true);

    const error = await mine.decide(signatureId, false, 'too late').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'ALREADY_DECIDED' });
    expect(await store.readStream(signatureStream(signatureId))).toHaveLength(2);
  });

  it('retries on a concurrent append between its read and its write, then answers from the fresh state', async () => {
    const theirs = new SignatureHandlers(createSignatureRepository(store), clock);
    const { signatureId } = await theirs.submit(input);
    let raced = false;
    // A store whose next append is preceded by another instance's decision, as if it landed in between.
    const racing: EventStore = {
      appendToStream: async (...args) => {
        if (!raced) {
          raced = true;
          await theirs.decide(signatureId, true);
        }
        return store.appendToStream(...args);
      },
      readStream: (...args) => store.readStream(...args),
      subscribeToAll: (...args) => store.subscribeToAll(...args),
      close: () => store.close(),
    };
    const mine = new SignatureHandlers(createSignatureRepository(racing), clock);

    await expect(mine.decide(signatureId, false, 'too late')).rejects.toMatchObject({ code: 'ALREADY_DECIDED' });
    expect(raced).toBe(true);
    expect((await store.readStream(signatureStream(signatureId))).map((e) => e.type)).toEqual([REVIEW_EVENTS.signatureSubmitted, REVIEW_EVENTS.signatureApproved]);
  });

  it('answers SIGNATURE_NOT_FOUND for an unknown id', async () => {
    const handlers = new SignatureHandlers(createSignatureRepository(store), clock);
    await expect(handlers.get('nope')).rejects.toMatchObject({ code: 'SIGNATURE_NOT_FOUND' });
    await expect(handlers.decide('nope', true)).rejects.toMatchObject({ code: 'SIGNATURE_NOT_FOUND' });
  });
});
