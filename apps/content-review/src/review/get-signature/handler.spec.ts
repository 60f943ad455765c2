import { InMemoryEventStore } from '@sms/event-store';
import { createSignatures } from '../application/review-streams';
import { DecideSignatureHandler } from '../decide-signature/handler';
import { SubmitSignatureHandler } from '../submit-signature/handler';
import { GetSignatureHandler } from './handler';

const clock = { now: () => new Date('2026-03-01T08:00:00.000Z') };
const input = { accountId: 'acc-1', name: '阿里云', purpose: 'company', documents: [{ kind: 'business-licence', reference: 'BL-1' }] };

describe('GetSignatureHandler (CommandHandler over an in-memory event store)', () => {
  let store: InMemoryEventStore;

  beforeEach(() => {
    store = new InMemoryEventStore();
  });

  afterEach(async () => {
    await store.close();
  });

  it('sees what another instance appended after its cached revision', async () => {
    const mine = createSignatures(store);
    const theirs = createSignatures(store);
    const { signatureId } = await new SubmitSignatureHandler(mine, clock).handle(input);
    const get = new GetSignatureHandler(mine);
    expect((await get.handle(signatureId)).status).toBe('PENDING_REVIEW');

    await new DecideSignatureHandler(theirs, clock).handle({ signatureId, approve: false, reason: 'licence expired' });
    expect(await get.handle(signatureId)).toMatchObject({ status: 'REJECTED', reason: 'licence expired' });
  });

  it('answers SIGNATURE_NOT_FOUND for an unknown id', async () => {
    await expect(new GetSignatureHandler(createSignatures(store)).handle('nope')).rejects.toMatchObject({ code: 'SIGNATURE_NOT_FOUND' });
  });
});
