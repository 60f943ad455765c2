import { DomainError } from '@sms/service-kit';
import { directoryKnowing, InMemoryReadModelDatabase } from '../../test-support';
import { InMemoryWebhookStore, StaticTargetGuard } from '../test-support';
import { ConfigureWebhookHandler } from './handler';

const clock = { now: () => new Date('2026-11-23T10:00:00.000Z') };
const SECRET = 'whsec-0123456789abcdef';

describe('ConfigureWebhookHandler', () => {
  const setup = (guard = new StaticTargetGuard(), known = true) => {
    const store = new InMemoryWebhookStore();
    const handler = new ConfigureWebhookHandler(store, new InMemoryReadModelDatabase(), guard, known ? directoryKnowing('acc-1') : directoryKnowing(), clock);
    return { store, guard, handler };
  };

  it('sets the webhook after the SSRF guard passed its URL, and answers without the secret', async () => {
    const { store, guard, handler } = setup();
    const view = await handler.handle({ accountId: 'acc-1', url: 'https://hooks.acme.example/sms', secret: SECRET });
    expect(view).toEqual({ accountId: 'acc-1', url: 'https://hooks.acme.example/sms', updatedAt: '2026-11-23T10:00:00.000Z' });
    expect(guard.checked).toEqual(['https://hooks.acme.example/sms']);
    expect(await store.find('acc-1')).toEqual({ ...view, secret: SECRET });
  });

  it('replaces an earlier webhook', async () => {
    const { store, handler } = setup();
    await handler.handle({ accountId: 'acc-1', url: 'https://old.acme.example/sms', secret: SECRET });
    await handler.handle({ accountId: 'acc-1', url: 'https://new.acme.example/sms', secret: `${SECRET}-2` });
    expect(await store.find('acc-1')).toMatchObject({ url: 'https://new.acme.example/sms', secret: `${SECRET}-2` });
  });

  it('refuses a target the guard refuses, keeping what was set before', async () => {
    const guard = new StaticTargetGuard((url) => (url.includes('10.0.0.1') ? new DomainError('WEBHOOK_TARGET_FORBIDDEN', 'private') : undefined));
    const { store, handler } = setup(guard);
    await handler.handle({ accountId: 'acc-1', url: 'https://hooks.acme.example/sms', secret: SECRET });
    await expect(handler.handle({ accountId: 'acc-1', url: 'http://10.0.0.1/admin', secret: SECRET })).rejects.toMatchObject({ code: 'WEBHOOK_TARGET_FORBIDDEN', status: 422 });
    expect((await store.find('acc-1'))?.url).toBe('https://hooks.acme.example/sms');
  });

  it.each([
    ['an ftp URL', 'ftp://hooks.acme.example/sms', SECRET],
    ['a relative URL', '/sms', SECRET],
    ['credentials in the URL', 'https://user:pass@hooks.acme.example/sms', SECRET],
    ['a URL over 2,048 characters', `https://hooks.acme.example/${'a'.repeat(2048)}`, SECRET],
    ['a 15-character secret', 'https://hooks.acme.example/sms', 'x'.repeat(15)],
    ['a 257-character secret', 'https://hooks.acme.example/sms', 'x'.repeat(257)],
  ])('refuses %s with VALIDATION_FAILED before asking anyone', async (_case, url, secret) => {
    const { guard, handler } = setup();
    await expect(handler.handle({ accountId: 'acc-1', url, secret })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
    expect(guard.checked).toEqual([]);
  });

  it('takes the bounds themselves: a 2,048-character URL and secrets of 16 and 256 characters', async () => {
    const { handler } = setup();
    const url = `https://hooks.acme.example/${'a'.repeat(2048 - 'https://hooks.acme.example/'.length)}`;
    expect(url).toHaveLength(2048);
    await expect(handler.handle({ accountId: 'acc-1', url, secret: 'x'.repeat(16) })).resolves.toMatchObject({ url });
    await expect(handler.handle({ accountId: 'acc-1', url: 'http://hooks.acme.example', secret: 'x'.repeat(256) })).resolves.toMatchObject({ url: 'http://hooks.acme.example' });
  });

  it('answers ACCOUNT_NOT_FOUND for an account dispatch never heard of', async () => {
    const { handler } = setup(new StaticTargetGuard(), false);
    await expect(handler.handle({ accountId: 'nobody', url: 'https://hooks.acme.example/sms', secret: SECRET })).rejects.toMatchObject({ code: 'ACCOUNT_NOT_FOUND', status: 404 });
  });
});
