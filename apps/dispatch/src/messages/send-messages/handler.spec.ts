import { ephemeralDataProtection } from '@sms/data-protection';
import { InMemoryEventStore } from '@sms/event-store';
import { deterministicId } from '@sms/service-kit';
import { type DispatchEvent, dispatchCodec } from '../../dispatch.codec';
import { batchCommandHandler } from '../application/batches';
import type { SendDirectory, SendLookup } from '../application/send-directory';
import { SubmissionBacklog } from '../application/submission-backlog';
import { batchStream } from '../domain/events';
import { SendMessagesHandler, SendMessagesRequest } from './handler';
import { fixedDirectory } from '../../test-support';

const clock = { now: () => new Date('2026-11-23T10:00:00.000Z') };
const account = { accountId: 'acc-1', status: 'ACTIVE' as const, currency: 'CNY', changedAt: '2026-11-01T00:00:00.000Z' };
const known: SendLookup = {
  account,
  signature: { signatureId: 'sig-1', accountId: 'acc-1', name: '阿里云', status: 'APPROVED', changedAt: '2026-11-01T00:00:00.000Z' },
  // International: it reaches both the domestic and the foreign number of the request.
  template: { templateId: 'tpl-1', accountId: 'acc-1', name: 'otp', kind: 'international', content: '您的验证码为${code}。', status: 'APPROVED', changedAt: '2026-11-01T00:00:00.000Z' },
};
const directory = (lookup: SendLookup = known): SendDirectory => fixedDirectory(lookup);
const request = (overrides: Partial<SendMessagesRequest> = {}): SendMessagesRequest => ({
  accountId: 'acc-1',
  signatureId: 'sig-1',
  templateId: 'tpl-1',
  params: { code: '123456' },
  phoneNumbers: ['13800138000', '+447400123456', 'nope'],
  ...overrides,
});

describe('SendMessagesHandler (CommandHandler over an in-memory event store)', () => {
  let store: InMemoryEventStore;
  const codec = dispatchCodec.protectedBy(ephemeralDataProtection().ring);
  const handler = (lookup?: SendLookup) => new SendMessagesHandler(batchCommandHandler(store, codec), directory(lookup), clock);

  beforeEach(() => {
    store = new InMemoryEventStore();
  });

  afterEach(async () => {
    await store.close();
  });

  it('accepts a batch as one BatchAccepted.v2 on its stream, its texts once and the request hash, all sealed', async () => {
    const result = await handler().handle(request());
    expect(result.messages).toEqual([
      { messageId: expect.any(String), phoneNumber: '+8613800138000', segments: 1, status: 'ACCEPTED' },
      { messageId: expect.any(String), phoneNumber: '+447400123456', segments: 1, status: 'ACCEPTED' },
    ]);
    expect(result.rejected).toEqual([expect.objectContaining({ phoneNumber: 'nope', code: 'INVALID_PHONE_NUMBER' })]);
    const [recorded] = await store.readStream(batchStream(result.batchId));
    expect(recorded.type).toBe('dispatch.BatchAccepted.v2');
    // What the store holds names no number, text or hash of them (ADR 0016); the metadata does not repeat the hash.
    expect(JSON.stringify({ data: recorded.data, metadata: recorded.metadata })).not.toMatch(/13800138000|447400123456|nope|验证码/);
    expect(recorded.metadata ?? {}).not.toHaveProperty('requestHash');
    const { data } = codec.decode(recorded) as Extract<DispatchEvent, { type: 'BatchAccepted' }>;
    expect(data).toMatchObject({ texts: { domestic: '【阿里云】您的验证码为123456。', international: '您的验证码为123456。' }, requestHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(data.messages).toEqual([
      expect.objectContaining({ phoneNumber: '+8613800138000', text: 'domestic' }),
      expect.objectContaining({ phoneNumber: '+447400123456', text: 'international' }),
    ]);
    expect(data.rejected).toEqual([expect.objectContaining({ phoneNumber: 'nope' })]);
  });

  it('derives the batch id from the Idempotency-Key and answers a retry with the original batch, appending nothing', async () => {
    const first = await handler().handle(request({ idempotencyKey: 'k-1' }));
    expect(first.batchId).toBe(deterministicId('dispatch-batch', 'acc-1', 'k-1'));
    // Another instance (no cache) gets the same answer from the stream.
    expect(await handler().handle(request({ idempotencyKey: 'k-1' }))).toEqual(first);
    expect(await store.readStream(batchStream(first.batchId))).toHaveLength(1);
  });

  it('counts an accepted batch once in the backlog sends wait on, a retry included', async () => {
    const backlog = new SubmissionBacklog({ limit: 100, maxWaitMs: 1_000, ttlMs: 60_000 });
    const counted = new SendMessagesHandler(batchCommandHandler(store, dispatchCodec), directory(), clock, backlog);
    const first = await counted.handle(request({ idempotencyKey: 'k-5' }));
    expect(backlog.size).toBe(2);
    backlog.answered(first.batchId, 2);
    await counted.handle(request({ idempotencyKey: 'k-5' }));
    expect(backlog.size).toBe(0);
  });

  it('answers IDEMPOTENCY_KEY_REUSED for another body under the same key', async () => {
    const first = await handler().handle(request({ idempotencyKey: 'k-1' }));
    await expect(handler().handle(request({ idempotencyKey: 'k-1', outId: 'other' }))).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await store.readStream(batchStream(first.batchId))).toHaveLength(1);
  });

  it('answers concurrent duplicates, in one process or two, with the winner’s batch', async () => {
    const one = handler();
    const inProcess = await Promise.all([one.handle(request({ idempotencyKey: 'k-2' })), one.handle(request({ idempotencyKey: 'k-2' }))]);
    expect(inProcess[1]).toEqual(inProcess[0]);
    const acrossProcesses = await Promise.all([handler().handle(request({ idempotencyKey: 'k-3' })), handler().handle(request({ idempotencyKey: 'k-3' }))]);
    expect(acrossProcesses[1]).toEqual(acrossProcesses[0]);
    expect(await store.readStream(batchStream(acrossProcesses[0].batchId))).toHaveLength(1);
  });

  it('refuses with the decider’s code and appends nothing', async () => {
    await expect(handler({ ...known, account: { ...account, status: 'FROZEN' } }).handle(request({ idempotencyKey: 'k-4' }))).rejects.toMatchObject({
      code: 'ACCOUNT_FROZEN',
    });
    await expect(store.readStream(batchStream(deterministicId('dispatch-batch', 'acc-1', 'k-4')))).rejects.toThrow();
  });

  it('answers a retry of a batch stored as v1 from its upcast state', async () => {
    const batchId = deterministicId('dispatch-batch', 'acc-1', 'k-old');
    await store.appendToStream(batchStream(batchId), {
      id: deterministicId(batchId, 'accepted'),
      type: 'dispatch.BatchAccepted.v1',
      data: {
        batchId,
        accountId: 'acc-1',
        kind: 'verification',
        signatureId: 'sig-1',
        templateId: 'tpl-1',
        acceptedAt: '2026-11-22T10:00:00.000Z',
        messages: [{ messageId: 'm-old', phoneNumber: '+8613800138000', countryCode: 'CN', operator: 'CMCC', segments: 1, encoding: 'ucs2', text: '【阿里云】旧' }],
        rejected: [],
      },
      metadata: { requestHash: 'whatever' },
    });
    expect(await handler().handle(request({ idempotencyKey: 'k-old' }))).toEqual({
      batchId,
      messages: [{ messageId: 'm-old', phoneNumber: '+8613800138000', segments: 1, status: 'ACCEPTED' }],
      rejected: [],
    });
  });
});
