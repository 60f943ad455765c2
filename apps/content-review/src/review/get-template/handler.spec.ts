import { InMemoryEventStore } from '@sms/event-store';
import { createTemplates } from '../application/review-streams';
import { DecideTemplateHandler } from '../decide-template/handler';
import { SubmitTemplateHandler } from '../submit-template/handler';
import { GetTemplateHandler } from './handler';

const clock = { now: () => new Date('2026-03-01T08:00:00.000Z') };

describe('GetTemplateHandler (CommandHandler over an in-memory event store)', () => {
  let store: InMemoryEventStore;

  beforeEach(() => {
    store = new InMemoryEventStore();
  });

  afterEach(async () => {
    await store.close();
  });

  it('answers the template with its screening, including what another instance decided since', async () => {
    const mine = createTemplates(store);
    const { templateId } = await new SubmitTemplateHandler(mine, clock).handle({ accountId: 'acc-1', name: 'otp', kind: 'verification', content: '您的验证码为${code}。' });
    const get = new GetTemplateHandler(mine);
    expect(await get.handle(templateId)).toMatchObject({ status: 'PENDING_REVIEW', screening: { outcome: 'PASS' } });
    await new DecideTemplateHandler(createTemplates(store), clock).handle({ templateId, approve: true });
    expect(await get.handle(templateId)).toMatchObject({ status: 'APPROVED', content: '您的验证码为${code}。' });
  });

  it('answers TEMPLATE_NOT_FOUND for an unknown id', async () => {
    await expect(new GetTemplateHandler(createTemplates(store)).handle('nope')).rejects.toMatchObject({ code: 'TEMPLATE_NOT_FOUND' });
  });
});
