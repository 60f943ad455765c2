import { EventStore, InMemoryEventStore } from '@sms/event-store';
import { createTemplates } from '../application/review-streams';
import { DecideTemplateHandler } from '../decide-template/handler';
import { REVIEW_EVENTS, templateStream } from '../domain/events';
import { SubmitTemplateHandler } from '../submit-template/handler';
import { RevokeTemplateHandler } from './handler';

const clock = { now: () => new Date('2026-03-02T08:00:00.000Z') };
const input = { accountId: 'acc-1', name: 'otp', kind: 'verification', content: '您的验证码为${code}。' };

const instance = (store: EventStore) => {
  const templates = createTemplates(store);
  return { submit: new SubmitTemplateHandler(templates, clock), decide: new DecideTemplateHandler(templates, clock), revoke: new RevokeTemplateHandler(templates, clock) };
};

describe('RevokeTemplateHandler (DOMAIN §2: APPROVED → REVOKED, terms §3.4 / §5.2)', () => {
  let store: InMemoryEventStore;

  beforeEach(() => {
    store = new InMemoryEventStore();
  });

  afterEach(async () => {
    await store.close();
  });

  it('revokes an approved template; the event carries its wording so dispatch updates its directory from it', async () => {
    const handlers = instance(store);
    const { templateId } = await handlers.submit.handle(input);
    await handlers.decide.handle({ templateId, approve: true });
    expect(await handlers.revoke.handle({ templateId, reason: 'violation confirmed' })).toMatchObject({ templateId, status: 'REVOKED', reason: 'violation confirmed' });
    const events = await store.readStream(templateStream(templateId));
    expect(events.map((e) => e.type)).toEqual([REVIEW_EVENTS.templateSubmitted, REVIEW_EVENTS.templateApproved, REVIEW_EVENTS.templateRevoked]);
    expect(events[2].data).toMatchObject({ kind: 'verification', content: input.content, reason: 'violation confirmed', automatic: false });
  });

  it('refuses a template that is not approved (TEMPLATE_NOT_APPROVED) and an unknown one (TEMPLATE_NOT_FOUND)', async () => {
    const handlers = instance(store);
    const { templateId } = await handlers.submit.handle(input);
    await expect(handlers.revoke.handle({ templateId, reason: 'x' })).rejects.toMatchObject({ code: 'TEMPLATE_NOT_APPROVED' });
    await handlers.decide.handle({ templateId, approve: false, reason: 'misleading' });
    await expect(handlers.revoke.handle({ templateId, reason: 'x' })).rejects.toMatchObject({ code: 'TEMPLATE_NOT_APPROVED' });
    await expect(handlers.revoke.handle({ templateId: 'nope', reason: 'x' })).rejects.toMatchObject({ code: 'TEMPLATE_NOT_FOUND' });
    expect(await store.readStream(templateStream(templateId))).toHaveLength(2);
  });
});
