import {
  INTERNAL_TOPICS,
  MESSAGES_ACCEPTED_V1,
  MESSAGES_SCREENED_V1,
  MessagesAcceptedV1,
  MessagesScreenedV1,
  SIGNATURE_STATUS_CHANGED_V1,
  SignatureStatusChangedV1,
  SOURCES,
  TEMPLATE_STATUS_CHANGED_V1,
  TemplateStatusChangedV1,
} from '@sms/contracts';
import { IntegrationEvent } from '@sms/messaging';
import { callJson as call, type ServiceUnderTest, startServiceUnderTest, testEvent } from '@sms/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContentReviewModule } from './content-review.module';
import { ContentReviewPipelines } from './integration/content-review-pipelines';

type Running = ServiceUnderTest & { pipelines: ContentReviewPipelines };

/** Boots the module the way bootstrap.ts does, with a collector subscribed before the outbox starts. */
async function boot(dataDir: string): Promise<Running> {
  const service = await startServiceUnderTest({ module: ContentReviewModule, dataDir, collect: [INTERNAL_TOPICS.review, INTERNAL_TOPICS.messagesScreened] });
  return { ...service, pipelines: service.get(ContentReviewPipelines) };
}

const accepted = (batch: MessagesAcceptedV1, id = randomUUID()): IntegrationEvent<MessagesAcceptedV1> => ({
  ...testEvent(MESSAGES_ACCEPTED_V1, SOURCES.dispatch, batch.accountId, batch, id),
  time: batch.acceptedAt,
});

describe('content-review (SQLite + in-process bus)', () => {
  let dataDir: string;
  let running: Running | undefined;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'content-review-int-'));
  });

  afterAll(async () => {
    await running?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('reviews signatures and templates, screens accepted batches once, and replays after a restart', async () => {
    running = await boot(dataDir);
    const { url } = running;
    const accountId = randomUUID();

    // Submit a signature and a template.
    const signature = await call('POST', `${url}/v1/signatures`, {
      accountId,
      name: '阿里云',
      purpose: 'company',
      documents: [{ kind: 'business-licence', reference: 'BL-91330100' }],
    });
    expect(signature.status).toBe(201);
    expect(signature.body).toMatchObject({ accountId, name: '阿里云', purpose: 'company', status: 'PENDING_REVIEW' });
    const signatureId: string = signature.body.signatureId;

    const template = await call('POST', `${url}/v1/templates`, { accountId, name: 'otp', kind: 'verification', content: '您的验证码为${code}，5分钟内有效。' });
    expect(template.status).toBe(201);
    expect(template.body).toMatchObject({ status: 'PENDING_REVIEW', variables: ['code'], screening: { outcome: 'PASS' } });
    const templateId: string = template.body.templateId;

    // A template screening blocks is rejected on the spot, with the category as the reason.
    const blocked = await call('POST', `${url}/v1/templates`, { accountId, name: 'promo', kind: 'marketing', content: '网上赌博，百家乐首充送彩金，拒收请回复R' });
    expect(blocked.status).toBe(201);
    expect(blocked.body).toMatchObject({ status: 'REJECTED', reason: 'gambling', screening: { outcome: 'BLOCK', category: 'gambling' } });

    // The review queue lists the two pending items, oldest first (the blocked template is not waiting for anyone).
    await running.pipelines.caughtUp();
    const queue = await call('GET', `${url}/v1/review-queue`);
    expect(queue.status).toBe(200);
    const mine = queue.body.items.filter((i: { accountId: string }) => i.accountId === accountId);
    expect(mine.map((i: { type: string; id: string }) => [i.type, i.id])).toEqual([
      ['signature', signatureId],
      ['template', templateId],
    ]);
    expect(mine[1]).toMatchObject({ kind: 'verification', content: '您的验证码为${code}，5分钟内有效。', screening: { outcome: 'PASS' } });

    // Decisions: validation, approval, and no second decision.
    const noReason = await call('POST', `${url}/v1/signatures/${signatureId}/decision`, { approve: false });
    expect(noReason.status).toBe(400);
    expect(noReason.body.code).toBe('VALIDATION_FAILED');

    const approvedSignature = await call('POST', `${url}/v1/signatures/${signatureId}/decision`, { approve: true });
    expect(approvedSignature.status).toBe(200);
    expect(approvedSignature.body).toMatchObject({ signatureId, status: 'APPROVED' });
    const approvedTemplate = await call('POST', `${url}/v1/templates/${templateId}/decision`, { approve: true });
    expect(approvedTemplate.status).toBe(200);
    expect(approvedTemplate.body).toMatchObject({ templateId, status: 'APPROVED' });

    const again = await call('POST', `${url}/v1/templates/${templateId}/decision`, { approve: false, reason: 'changed my mind' });
    expect(again.status).toBe(409);
    expect(again.contentType).toContain('application/problem+json');
    expect(again.body).toMatchObject({ status: 409, code: 'ALREADY_DECIDED' });
    const decideBlocked = await call('POST', `${url}/v1/templates/${blocked.body.templateId}/decision`, { approve: true });
    expect(decideBlocked.body.code).toBe('ALREADY_DECIDED');

    // Status changes reach the bus through the outbox.
    await running.pipelines.caughtUp();
    const review = running.published.get(INTERNAL_TOPICS.review) ?? [];
    const signatureStatuses = review
      .filter((e) => e.type === SIGNATURE_STATUS_CHANGED_V1 && (e.data as SignatureStatusChangedV1).signatureId === signatureId)
      .map((e) => (e.data as SignatureStatusChangedV1).status);
    expect(signatureStatuses).toEqual(['PENDING_REVIEW', 'APPROVED']);
    const templateApproved = review.find((e) => e.type === TEMPLATE_STATUS_CHANGED_V1 && (e.data as TemplateStatusChangedV1).status === 'APPROVED');
    expect(templateApproved).toMatchObject({
      key: accountId,
      source: SOURCES.contentReview,
      data: { templateId, accountId, kind: 'verification', content: '您的验证码为${code}，5分钟内有效。', status: 'APPROVED' },
    });
    const blockedStatuses = review
      .filter((e) => e.type === TEMPLATE_STATUS_CHANGED_V1 && (e.data as TemplateStatusChangedV1).templateId === blocked.body.templateId)
      .map((e) => [(e.data as TemplateStatusChangedV1).status, (e.data as TemplateStatusChangedV1).reason]);
    expect(blockedStatuses).toEqual([
      ['PENDING_REVIEW', undefined],
      ['REJECTED', 'gambling'],
    ]);
    const queueAfter = await call('GET', `${url}/v1/review-queue`);
    expect(queueAfter.body.items.filter((i: { accountId: string }) => i.accountId === accountId)).toEqual([]);

    // An accepted batch: one clean text, one gambling text.
    const batch: MessagesAcceptedV1 = {
      batchId: randomUUID(),
      accountId,
      kind: 'verification',
      signatureId,
      templateId,
      acceptedAt: new Date().toISOString(),
      messages: [
        { messageId: 'm-clean', phoneNumber: '+8613800138000', countryCode: 'CN', operator: 'CMCC', segments: 1, encoding: 'ucs2', text: '【阿里云】您的验证码为123456，5分钟内有效。' },
        { messageId: 'm-gambling', phoneNumber: '+8613012345678', countryCode: 'CN', operator: 'CUCC', segments: 1, encoding: 'ucs2', text: '【阿里云】您的验证码为网上賭 博，5分钟内有效。' },
      ],
    };
    const event = accepted(batch);
    await running.bus.publish(INTERNAL_TOPICS.messagesAccepted, [event]);
    await running.pipelines.caughtUp();

    const screened = (running.published.get(INTERNAL_TOPICS.messagesScreened) ?? []).filter((e) => (e.data as MessagesScreenedV1).batchId === batch.batchId);
    expect(screened).toHaveLength(1);
    expect(screened[0]).toMatchObject({ type: MESSAGES_SCREENED_V1, key: accountId, source: SOURCES.contentReview });
    expect(screened[0].data).toEqual({
      batchId: batch.batchId,
      accountId,
      kind: 'verification',
      screenedAt: expect.any(String),
      cleared: [{ messageId: 'm-clean', segments: 1, countryCode: 'CN', operator: 'CMCC' }],
      blocked: [{ messageId: 'm-gambling', category: 'gambling' }],
      held: [],
    });

    // Redelivery of the same event, and the same batch re-published under a new event id: nothing new is screened.
    await running.bus.publish(INTERNAL_TOPICS.messagesAccepted, [event]);
    await running.bus.publish(INTERNAL_TOPICS.messagesAccepted, [accepted(batch)]);
    await running.pipelines.caughtUp();
    const screenedIds = (running.published.get(INTERNAL_TOPICS.messagesScreened) ?? [])
      .filter((e) => (e.data as MessagesScreenedV1).batchId === batch.batchId)
      .map((e) => e.id);
    expect(new Set(screenedIds)).toEqual(new Set([screened[0].id]));

    // Restart on the same DATA_DIR: state replays from the event store; nothing is published again.
    await running.close();
    running = await boot(dataDir);
    const afterRestart = await call('GET', `${running.url}/v1/signatures/${signatureId}`);
    expect(afterRestart.status).toBe(200);
    expect(afterRestart.body).toMatchObject({ signatureId, status: 'APPROVED', name: '阿里云' });
    expect((await call('GET', `${running.url}/v1/templates/${templateId}`)).body).toMatchObject({ status: 'APPROVED' });
    await running.pipelines.caughtUp();
    expect(running.published.size).toBe(0);

    // Still idempotent after the restart (the guard is the screening stream, not memory).
    await running.bus.publish(INTERNAL_TOPICS.messagesAccepted, [event]);
    await running.pipelines.caughtUp();
    expect(running.published.get(INTERNAL_TOPICS.messagesScreened)).toBeUndefined();
  });

  describe('API errors and screening', () => {
    beforeAll(async () => {
      running ??= await boot(dataDir);
    });

    const baseUrl = (): string => {
      if (!running) throw new Error('not booted');
      return running.url;
    };

    it('answers 404 problem+json for unknown signatures and templates', async () => {
      const sig = await call('GET', `${baseUrl()}/v1/signatures/${randomUUID()}`);
      expect(sig.status).toBe(404);
      expect(sig.contentType).toContain('application/problem+json');
      expect(sig.body.code).toBe('SIGNATURE_NOT_FOUND');
      const tpl = await call('POST', `${baseUrl()}/v1/templates/${randomUUID()}/decision`, { approve: true });
      expect(tpl.status).toBe(404);
      expect(tpl.body.code).toBe('TEMPLATE_NOT_FOUND');
    });

    it('validates requests', async () => {
      const badPurpose = await call('POST', `${baseUrl()}/v1/signatures`, { accountId: 'a', name: '阿里云', purpose: 'charity', documents: [{ kind: 'x', reference: 'y' }] });
      expect(badPurpose.status).toBe(400);
      expect(badPurpose.body.code).toBe('VALIDATION_FAILED');
      const shortName = await call('POST', `${baseUrl()}/v1/signatures`, { accountId: 'a', name: '阿', purpose: 'company', documents: [{ kind: 'x', reference: 'y' }] });
      expect(shortName.status).toBe(400);
      expect(shortName.body.code).toBe('VALIDATION_FAILED');
      const noDocuments = await call('POST', `${baseUrl()}/v1/signatures`, { accountId: 'a', name: '阿里云', purpose: 'company', documents: [] });
      expect(noDocuments.status).toBe(400);
      const longContent = await call('POST', `${baseUrl()}/v1/templates`, { accountId: 'a', name: 'n', kind: 'notification', content: '字'.repeat(501) });
      expect(longContent.status).toBe(400);
      expect(longContent.body.code).toBe('VALIDATION_FAILED');
      const stringBoolean = await call('POST', `${baseUrl()}/v1/signatures/${randomUUID()}/decision`, { approve: 'yes' });
      expect(stringBoolean.status).toBe(400);
    });

    it('screens a text on request', async () => {
      const blocked = await call('POST', `${baseUrl()}/v1/screenings`, { content: '欢迎光临ＣＡＳＩＮＯ', kind: 'notification' });
      expect(blocked.status).toBe(200);
      expect(blocked.body).toEqual({ outcome: 'BLOCK', category: 'gambling', matches: [{ term: 'casino', category: 'gambling', start: 4, end: 10 }], lexiconVersion: 0 });
      const clean = await call('POST', `${baseUrl()}/v1/screenings`, { content: '【阿里云】您的验证码为123456，5分钟内有效。', kind: 'verification' });
      expect(clean.body).toEqual({ outcome: 'PASS', matches: [], lexiconVersion: 0 });
      const marketing = await call('POST', `${baseUrl()}/v1/screenings`, { content: '全场5折', kind: 'marketing' });
      expect(marketing.body).toEqual({ outcome: 'REVIEW', category: 'missing-opt-out', matches: [], lexiconVersion: 0 });
    });
  });
});
