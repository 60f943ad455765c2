import { EventStore, InMemoryEventStore } from '@sms/event-store';
import { createTemplates } from '../application/review-streams';
import { REVIEW_EVENTS, templateStream } from '../domain/events';
import { SubmitTemplateHandler } from '../submit-template/handler';
import { DecideTemplateHandler } from './handler';

const clock = { now: () => new Date('2026-03-01T08:00:00.000Z') };
const input = { accountId: 'acc-1', name: 'otp', kind: 'verification', content: '您的验证码为${code}。' };

const instance = (store: EventStore) => {
  const templates = createTemplates(store);
  return { submit: new SubmitTemplateHandler(templates, clock), decide: new DecideTemplateHandler(templates, clock) };
};

describe('DecideTemplateHandler (CommandHandler over an in-memory event store)', () => {
  let store: InMemoryEventStore;

  beforeEach(() => {
    store = new InMemoryEventStore();
  });

  afterEach(async () => {
    await store.close();
  });

  it('approves a pending template, carrying kind and content on the event', async () => {
    const handlers = instance(store);
    const { templateId } = await handlers.submit.handle(input);
    expect(await handlers.decide.handle({ templateId, approve: true })).toMatchObject({ templateId, status: 'APPROVED' });
    const events = await store.readStream(templateStream(templateId));
    expect(events.map((e) => [e.type, e.revision])).toEqual([
      [REVIEW_EVENTS.templateSubmitted, 0n],
      [REVIEW_EVENTS.templateApproved, 1n],
    ]);
    expect(events[1].data).toMatchObject({ kind: 'verification', content: '您的验证码为${code}。', automatic: false });
  });

  it('refuses a second decision, also from another instance that had not seen the first', async () => {
    const mine = instance(store);
    const theirs = instance(store);
    const { templateId } = await mine.submit.handle(input);
    await theirs.decide.handle({ templateId, approve: false, reason: 'misleading' });
    await expect(mine.decide.handle({ templateId, approve: true })).rejects.toMatchObject({ code: 'ALREADY_DECIDED' });
    await expect(theirs.decide.handle({ templateId, approve: true })).rejects.toMatchObject({ code: 'ALREADY_DECIDED' });
    expect(await store.readStream(templateStream(templateId))).toHaveLength(2);
  });

  it('answers TEMPLATE_NOT_FOUND for an unknown id', async () => {
    await expect(instance(store).decide.handle({ templateId: 'nope', approve: true })).rejects.toMatchObject({ code: 'TEMPLATE_NOT_FOUND' });
  });
});
