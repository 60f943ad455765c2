import { ephemeralDataProtection } from '@sms/data-protection';
import { INTERNAL_TOPICS, MESSAGE_REVIEW_DECIDED_V1, MESSAGES_SCREENED_V1, SIGNATURE_STATUS_CHANGED_V1, SOURCES, TEMPLATE_STATUS_CHANGED_V1 } from '@sms/contracts';
import type { RecordedEvent } from '@sms/event-store';
import { REVIEW_EVENTS } from '../review/domain/events';
import { SCREENING_EVENTS } from '../screening/domain/batch-screening';
import { contentReviewCodec } from '../event-codec';
import { supervisionCodec } from '../supervision/supervision.codec';
import { toOutboxMessages } from './outbox-mapping';

const created = new Date('2026-03-01T08:00:00.000Z');
const recorded = (type: string, data: unknown, metadata: Record<string, unknown> = {}): RecordedEvent => ({
  id: '6f1c2a7e-0000-4000-8000-000000000001',
  type,
  streamName: 'x',
  revision: 0n,
  position: 1n,
  data,
  metadata,
  created,
});

// Stored events as the outbox reads them: every case passes through the service codec, stored type strings as written.
describe('outbox mapping', () => {
  it('publishes a signature submission as PENDING_REVIEW and a rejection with its reason, keyed by account', () => {
    const [submitted] = toOutboxMessages(
      recorded(REVIEW_EVENTS.signatureSubmitted, {
        signatureId: 's1',
        accountId: 'a1',
        name: '阿里云',
        purpose: 'company',
        documents: [{ kind: 'business-licence', reference: 'BL-1' }],
        submittedAt: '2026-03-01T08:00:00.000Z',
      }),
    );
    expect(submitted.topic).toBe(INTERNAL_TOPICS.review);
    expect(submitted.event).toMatchObject({ type: SIGNATURE_STATUS_CHANGED_V1, source: SOURCES.contentReview, key: 'a1', id: '6f1c2a7e-0000-4000-8000-000000000001' });
    // Documents are the service's own; they are not part of the contract.
    expect(submitted.event.data).toEqual({ signatureId: 's1', accountId: 'a1', name: '阿里云', status: 'PENDING_REVIEW', changedAt: '2026-03-01T08:00:00.000Z' });

    const [rejected] = toOutboxMessages(
      recorded(REVIEW_EVENTS.signatureRejected, { signatureId: 's1', accountId: 'a1', name: '阿里云', reason: 'no licence', decidedAt: '2026-03-02T08:00:00.000Z' }),
    );
    expect(rejected.event.data).toEqual({ signatureId: 's1', accountId: 'a1', name: '阿里云', status: 'REJECTED', reason: 'no licence', changedAt: '2026-03-02T08:00:00.000Z' });
  });

  it('publishes a template approval with kind and content, carrying the trace context', () => {
    const [approved] = toOutboxMessages(
      recorded(
        REVIEW_EVENTS.templateApproved,
        { templateId: 't1', accountId: 'a1', name: 'otp', kind: 'verification', content: '验证码${code}', automatic: false, decidedAt: '2026-03-02T08:00:00.000Z' },
        { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
      ),
    );
    expect(approved.topic).toBe(INTERNAL_TOPICS.review);
    expect(approved.event.type).toBe(TEMPLATE_STATUS_CHANGED_V1);
    expect(approved.event.data).toEqual({ templateId: 't1', accountId: 'a1', name: 'otp', kind: 'verification', content: '验证码${code}', status: 'APPROVED', changedAt: '2026-03-02T08:00:00.000Z' });
    expect(approved.event.extensions).toEqual({ traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' });
  });

  it('publishes a screened batch without the evidence terms', () => {
    const [screened] = toOutboxMessages(
      recorded(SCREENING_EVENTS.batchScreened, {
        batchId: 'b1',
        accountId: 'a1',
        kind: 'notification',
        screenedAt: '2026-03-01T08:00:01.000Z',
        cleared: [{ messageId: 'm1', segments: 2, countryCode: 'CN', operator: 'CMCC' }],
        blocked: [{ messageId: 'm2', category: 'GAMBLING', terms: ['赌博'] }],
        held: [{ messageId: 'm3', category: 'CONTACT_DIVERSION', terms: ['加微信'] }],
      }),
    );
    expect(screened.topic).toBe(INTERNAL_TOPICS.messagesScreened);
    expect(screened.event.type).toBe(MESSAGES_SCREENED_V1);
    expect(screened.event.data).toEqual({
      batchId: 'b1',
      accountId: 'a1',
      kind: 'notification',
      screenedAt: '2026-03-01T08:00:01.000Z',
      cleared: [{ messageId: 'm1', segments: 2, countryCode: 'CN', operator: 'CMCC' }],
      blocked: [{ messageId: 'm2', category: 'GAMBLING' }],
      held: [{ messageId: 'm3', category: 'CONTACT_DIVERSION' }],
    });
  });

  it('publishes every status a signature or template goes through', () => {
    const signature = { signatureId: 's1', accountId: 'a1', name: '阿里云', reason: 'r', decidedAt: '2026-03-02T08:00:00.000Z' };
    const template = { templateId: 't1', accountId: 'a1', name: 'otp', kind: 'verification', content: 'c', automatic: false, reason: 'r', decidedAt: '2026-03-02T08:00:00.000Z' };
    const statuses = [
      recorded(REVIEW_EVENTS.signatureApproved, signature),
      recorded(REVIEW_EVENTS.signatureRevoked, signature),
      recorded(REVIEW_EVENTS.templateRejected, template),
      recorded(REVIEW_EVENTS.templateRevoked, template),
    ].map((r) => [toOutboxMessages(r)[0].event.type, (toOutboxMessages(r)[0].event.data as { status: string }).status]);
    expect(statuses).toEqual([
      [SIGNATURE_STATUS_CHANGED_V1, 'APPROVED'],
      [SIGNATURE_STATUS_CHANGED_V1, 'REVOKED'],
      [TEMPLATE_STATUS_CHANGED_V1, 'REJECTED'],
      [TEMPLATE_STATUS_CHANGED_V1, 'REVOKED'],
    ]);
  });

  it('publishes a held message decision as MessageReviewDecidedV1 on the screening topic, keyed by account, without reason or reviewer (ADR 0036)', () => {
    const { ring } = ephemeralDataProtection();
    const codec = contentReviewCodec.protectedBy(ring);
    const decided = { messageId: 'm1', batchId: 'b1', accountId: 'a1', kind: 'marketing' as const, category: 'missing-opt-out', segments: 2, countryCode: 'CN', operator: 'CUCC', reason: '未含退订', decidedBy: 'key-r', decidedAt: '2026-03-02T08:00:00.000Z' };
    for (const [type, released] of [['HeldMessageReleased', true], ['HeldMessageBlocked', false]] as const) {
      const stored = codec.encode({ type, data: decided });
      expect(JSON.stringify(stored.data)).not.toContain('退订');
      const [message] = toOutboxMessages(recorded(stored.type, stored.data), codec);
      expect(message.topic).toBe(INTERNAL_TOPICS.messagesScreened);
      expect(message.event).toMatchObject({ type: MESSAGE_REVIEW_DECIDED_V1, source: SOURCES.contentReview, key: 'a1', id: '6f1c2a7e-0000-4000-8000-000000000001' });
      expect(message.event.data).toEqual({ batchId: 'b1', accountId: 'a1', kind: 'marketing', messageId: 'm1', released, category: 'missing-opt-out', decidedAt: '2026-03-02T08:00:00.000Z', segments: 2, countryCode: 'CN', operator: 'CUCC' });
    }
  });

  it('publishes nothing for other events', () => {
    expect(toOutboxMessages(recorded('dispatch.BatchAccepted.v1', {}))).toEqual([]);
  });

  it("skips the supervision slice's sealed violation without opening it (decoding it threw and stalled the outbox)", () => {
    const { ring } = ephemeralDataProtection();
    const stored = supervisionCodec.protectedBy(ring).encode({
      type: 'ViolationRecorded',
      data: { violationId: 'v1', accountId: 'a1', category: 'fraud', origin: 'REVIEWER', evidence: '13812345678', rectifyBy: 'x', recordedBy: 'key-r', recordedAt: 'y' },
    });
    expect(toOutboxMessages(recorded(stored.type, stored.data), contentReviewCodec.protectedBy(ring))).toEqual([]);
  });
});
