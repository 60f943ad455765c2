import { InMemoryEventStore } from '@sms/event-store';
import { CurrentLexicon } from '../../lexicon/application/current-lexicon';
import { decideLexicon, evolveLexicon, initialLexiconState, type LexiconState } from '../../lexicon/domain/lexicon';
import { createTemplates } from '../application/review-streams';
import { REVIEW_EVENTS, templateStream } from '../domain/events';
import { SubmitTemplateHandler } from './handler';

const clock = { now: () => new Date('2026-03-01T08:00:00.000Z') };

describe('SubmitTemplateHandler (CommandHandler over an in-memory event store)', () => {
  let store: InMemoryEventStore;

  beforeEach(() => {
    store = new InMemoryEventStore();
  });

  afterEach(async () => {
    await store.close();
  });

  it('screens the content and keeps a clean template pending review, with its variables', async () => {
    const template = await new SubmitTemplateHandler(createTemplates(store), clock).handle({
      accountId: 'acc-1',
      name: 'otp',
      kind: 'verification',
      content: '您的验证码为${code}，5分钟内有效。',
    });
    expect(template).toMatchObject({ status: 'PENDING_REVIEW', variables: ['code'], screening: { outcome: 'PASS', matches: [] } });
    const events = await store.readStream(templateStream(template.templateId));
    expect(events.map((e) => [e.type, e.revision])).toEqual([[REVIEW_EVENTS.templateSubmitted, 0n]]);
    expect(events[0].data).toMatchObject({ templateId: template.templateId, content: '您的验证码为${code}，5分钟内有效。', screening: { outcome: 'PASS' } });
  });

  it('rejects a template screening blocks on the spot, with the category as the reason', async () => {
    const template = await new SubmitTemplateHandler(createTemplates(store), clock).handle({
      accountId: 'acc-1',
      name: 'promo',
      kind: 'marketing',
      content: '网上赌博，百家乐首充送彩金，拒收请回复R',
    });
    expect(template).toMatchObject({ status: 'REJECTED', reason: 'gambling', screening: { outcome: 'BLOCK', category: 'gambling' } });
    const events = await store.readStream(templateStream(template.templateId));
    expect(events.map((e) => e.type)).toEqual([REVIEW_EVENTS.templateSubmitted, REVIEW_EVENTS.templateRejected]);
    expect(events[1].data).toMatchObject({ automatic: true, reason: 'gambling' });
  });

  it('screens with the runtime lexicon: a term a reviewer added sends a new template to review, or rejects it (ADR 0035)', async () => {
    const lexicon = new CurrentLexicon();
    const handler = new SubmitTemplateHandler(createTemplates(store), clock, lexicon);
    const content = '您的订单已由星辰物流发出，请注意查收';
    expect(await handler.handle({ accountId: 'acc-1', name: 'ship', kind: 'notification', content })).toMatchObject({ status: 'PENDING_REVIEW', screening: { outcome: 'PASS' } });

    const add = (state: LexiconState, termId: string, term: string, action: 'BLOCK' | 'REVIEW'): LexiconState => {
      const decision = decideLexicon({ type: 'AddTerm', termId, term, category: 'fraud', action, addedBy: 'reviewer-1', now: clock.now() }, state);
      if (!decision.ok) throw new Error(decision.rejection.detail);
      return decision.events.reduce(evolveLexicon, state);
    };
    const v1 = add(initialLexiconState(), 'term-1', '星辰物流', 'REVIEW');
    lexicon.apply(v1);
    expect(await handler.handle({ accountId: 'acc-1', name: 'ship', kind: 'notification', content })).toMatchObject({
      status: 'PENDING_REVIEW',
      screening: { outcome: 'REVIEW', category: 'fraud', matches: [expect.objectContaining({ term: '星辰物流' })] },
    });

    lexicon.apply(add(v1, 'term-2', '查收', 'BLOCK'));
    expect(await handler.handle({ accountId: 'acc-1', name: 'ship', kind: 'notification', content })).toMatchObject({ status: 'REJECTED', reason: 'fraud', screening: { outcome: 'BLOCK', category: 'fraud' } });
  });

  it('refuses an invalid template with VALIDATION_FAILED', async () => {
    await expect(
      new SubmitTemplateHandler(createTemplates(store), clock).handle({ accountId: 'acc-1', name: 'otp', kind: 'fax', content: '验证码${code}' }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
