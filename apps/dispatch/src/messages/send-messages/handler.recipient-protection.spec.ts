import { InMemoryEventStore } from '@sms/event-store';
import { DomainError, RateLimiter } from '@sms/service-kit';
import { dispatchCodec } from '../../dispatch.codec';
import { batchCommandHandler } from '../application/batches';
import { quotaRequest } from '../application/recipient-quota.contract';
import type { SendLimits } from '../application/send-limits';
import type { SendDirectory, SendLookup } from '../application/send-directory';
import { SubmissionBacklog } from '../application/submission-backlog';
import { DEFAULT_FREQUENCY_LIMITS, FrequencyPolicy } from '../domain/frequency-limits';
import { parseSendWindow, type SendWindow } from '../domain/send-window';
import { InMemoryRecipientQuota } from '../infrastructure/in-memory-recipient-quota';
import { SendMessagesHandler, type SendMessagesRequest } from './handler';

/* The send handler's recipient protection (ADR 0022): the account's request rate, the frequency quota, the marketing window. */

const changedAt = '2026-11-01T00:00:00.000Z';
const account = { accountId: 'acc-1', status: 'ACTIVE' as const, currency: 'CNY', changedAt };
const otp = { templateId: 'tpl-1', accountId: 'acc-1', name: 'otp', kind: 'verification' as const, content: '您的验证码为${code}。', status: 'APPROVED' as const, changedAt };
const sale = { ...otp, templateId: 'tpl-2', name: 'sale', kind: 'marketing' as const, content: '会员日全场五折，拒收请回复R' };
const known: SendLookup = { account, signature: { signatureId: 'sig-1', accountId: 'acc-1', name: '阿里云', status: 'APPROVED', changedAt }, template: otp };
const directory = (lookup: () => SendLookup): SendDirectory => ({ saveAccount: async () => undefined, saveSignature: async () => undefined, saveTemplate: async () => undefined, lookup: async () => lookup(), accountOf: async () => lookup().account });
const request = (overrides: Partial<SendMessagesRequest> = {}): SendMessagesRequest => ({
  accountId: 'acc-1',
  signatureId: 'sig-1',
  templateId: 'tpl-1',
  params: { code: '123456' },
  phoneNumbers: ['13800138000'],
  ...overrides,
});

describe('SendMessagesHandler: recipient protection', () => {
  let store: InMemoryEventStore;
  let now: number;
  let lookup: SendLookup;
  const clock = { now: () => new Date(now) };
  const setup = (options: { limits?: SendLimits; policy?: string } = {}) => {
    const quota = new InMemoryRecipientQuota(FrequencyPolicy.parse(options.policy ?? DEFAULT_FREQUENCY_LIMITS));
    const handler = new SendMessagesHandler(batchCommandHandler(store, dispatchCodec), directory(() => lookup), clock, SubmissionBacklog.unbounded(), undefined, quota, options.limits);
    return { handler, quota };
  };

  beforeEach(() => {
    store = new InMemoryEventStore();
    now = Date.parse('2026-11-23T10:00:00.000Z');
    lookup = known;
  });

  afterEach(() => store.close());

  describe('the account’s request rate (429 RATE_LIMITED)', () => {
    it('refuses a send request over the account’s rate with when to come back, shared by its keys; other accounts and a second later pass', async () => {
      const { handler } = setup({ limits: { accountRate: new RateLimiter(1, 2) }, policy: 'off' });
      await handler.handle(request());
      await handler.handle(request());
      const refused = await handler.handle(request()).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(DomainError);
      expect(refused).toMatchObject({ code: 'RATE_LIMITED', status: 429, extra: { retryAfter: 1 } });
      // Another account's bucket is its own.
      await expect(handler.handle(request({ accountId: 'acc-2' }))).rejects.toMatchObject({ code: 'SIGNATURE_NOT_FOUND' });
      now += 1_000;
      expect((await handler.handle(request())).messages).toHaveLength(1);
    });

    it('counts nothing and sends nothing for a refused request', async () => {
      const { handler, quota } = setup({ limits: { accountRate: new RateLimiter(1, 1) } });
      await handler.handle(request({ phoneNumbers: ['13800138001'] }));
      await expect(handler.handle(request())).rejects.toMatchObject({ code: 'RATE_LIMITED' });
      expect((await quota.take(quotaRequest({ at: new Date(now) }))).taken).toEqual(['+8613800138000']);
    });
  });

  describe('frequency limits (FREQUENCY_LIMITED)', () => {
    it('rejects the second code to a number within a minute on its own and sends the other number of the request', async () => {
      const { handler } = setup();
      await handler.handle(request());
      now += 30_000;
      const second = await handler.handle(request({ phoneNumbers: ['13800138000', '13800138001'] }));
      expect(second.messages.map((m) => m.phoneNumber)).toEqual(['+8613800138001']);
      expect(second.rejected).toEqual([{ phoneNumber: '13800138000', code: 'FREQUENCY_LIMITED', detail: expect.stringContaining('verification 1/1m') }]);
      await expect(handler.handle(request())).rejects.toMatchObject({ code: 'FREQUENCY_LIMITED', detail: expect.stringContaining('frees up at 2026-11-23T10:01:00.000Z') });
      now += 30_000;
      expect((await handler.handle(request())).messages).toHaveLength(1);
    });

    it('gives back what a request refused as a whole took', async () => {
      const { handler } = setup();
      lookup = { ...known, account: { ...account, status: 'FROZEN' } };
      await expect(handler.handle(request())).rejects.toMatchObject({ code: 'ACCOUNT_FROZEN' });
      lookup = known;
      expect((await handler.handle(request())).messages).toHaveLength(1);
    });

    it('gives back what it took for recipients refused for another reason', async () => {
      const { handler, quota } = setup({ policy: 'marketing:1/1d' });
      lookup = { ...known, template: sale };
      const sent = await handler.handle(request({ templateId: 'tpl-2', params: {}, consent: { basis: 'opt-in', reference: 'r' }, phoneNumbers: ['13800138000', '+447400123456'] }));
      expect(sent.rejected).toEqual([expect.objectContaining({ code: 'INTERNATIONAL_TEMPLATE_REQUIRED' })]);
      // One a day: counted for the domestic number, given back for the foreign one.
      const next = await quota.take(quotaRequest({ kind: 'marketing', phoneNumbers: ['+8613800138000', '+447400123456'], at: new Date(now) }));
      expect([next.taken, [...next.limited.keys()]]).toEqual([['+447400123456'], ['+8613800138000']]);
    });

    it('counts a batch once: a retry with its Idempotency-Key, even racing it, is answered with the batch and counts nothing', async () => {
      const { handler } = setup({ policy: 'verification:2/1h' });
      const [first, racing] = await Promise.all([handler.handle(request({ idempotencyKey: 'k-1' })), handler.handle(request({ idempotencyKey: 'k-1' }))]);
      expect(racing).toEqual(first);
      now += 60_000;
      expect(await handler.handle(request({ idempotencyKey: 'k-1' }))).toEqual(first);
      // Counted once: one more batch fits the 2/1h, the next does not.
      expect((await handler.handle(request())).messages).toHaveLength(1);
      await expect(handler.handle(request())).rejects.toMatchObject({ code: 'FREQUENCY_LIMITED' });
    });
  });

  describe('the marketing send window', () => {
    const marketing = (overrides: Partial<SendMessagesRequest> = {}) =>
      request({ templateId: 'tpl-2', params: {}, consent: { basis: 'opt-in', reference: 'members-2026' }, phoneNumbers: ['13800138000'], ...overrides });
    const window = parseSendWindow('08:00-21:00') as SendWindow;

    beforeEach(() => {
      lookup = { ...known, template: sale };
      // 22:30 in Shanghai.
      now = Date.parse('2026-11-23T14:30:00.000Z');
    });

    it('holds marketing asked for at night until 08:00 in Shanghai (SCHEDULED)', async () => {
      const { handler } = setup({ limits: { marketingWindow: window } });
      const held = await handler.handle(marketing());
      expect(held.messages).toEqual([expect.objectContaining({ phoneNumber: '+8613800138000', status: 'SCHEDULED' })]);
    });

    it('refuses it OUTSIDE_SEND_WINDOW when asked to, and gives its quota back', async () => {
      const { handler, quota } = setup({ limits: { marketingWindow: window }, policy: 'marketing:1/1d' });
      await expect(handler.handle(marketing({ outsideWindow: 'reject' }))).rejects.toMatchObject({
        code: 'OUTSIDE_SEND_WINDOW',
        status: 422,
        detail: expect.stringContaining('opens at 2026-11-24T00:00:00.000Z'),
      });
      expect((await quota.take(quotaRequest({ kind: 'marketing', at: new Date(now) }))).taken).toHaveLength(1);
    });
  });
});
