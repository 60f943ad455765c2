import { INTERNAL_TOPICS, MESSAGES_ACCEPTED_V1, type MessagesAcceptedV1, SOURCES, VIOLATION_RECORDED_V1 } from '@sms/contracts';
import { callJson, eventuallyPasses as eventually, type ServiceUnderTest, startServiceUnderTest, testEvent } from '@sms/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContentReviewModule } from '../content-review.module';
import type { ComplaintRepository } from './application/complaints';
import { COMPLAINT_REPOSITORY } from './application/tokens';
import { SupervisionPipelines } from './infrastructure/supervision-pipelines';

// Threshold 5,000 per 10,000 (one complaint per two messages) keeps the batches small; minimum count: the default 5.
const THRESHOLD = '5000';

describe('complaints in content-review (ADR 0034 "Complaints"; SQLite + in-process bus)', () => {
  let dataDir: string;
  let running: ServiceUnderTest | undefined;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'complaints-int-'));
  });

  afterAll(async () => {
    await running?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('records complaints with the number sealed and masked, and suspends once when the rate is crossed', async () => {
    // COMPLAINT_RATE_THRESHOLD reaches the rule through ContentReviewConfig, as the host's environment would.
    running = await startServiceUnderTest({ module: ContentReviewModule, dataDir, collect: [INTERNAL_TOPICS.violations, INTERNAL_TOPICS.messagesScreened], config: { COMPLAINT_RATE_THRESHOLD: THRESHOLD } });
    const service = running;
    const call = (method: string, path: string, body?: unknown) => callJson(method, service.url + path, body);
    const accountId = randomUUID();
    const violationsOf = () => service.publishedOn(INTERNAL_TOPICS.violations).filter((e) => (e.data as { accountId: string }).accountId === accountId);

    // Ten messages screened and cleared for the account: the rate's denominator.
    const batch: MessagesAcceptedV1 = {
      batchId: randomUUID(),
      accountId,
      kind: 'verification',
      signatureId: randomUUID(),
      templateId: randomUUID(),
      acceptedAt: new Date().toISOString(),
      messages: Array.from({ length: 10 }, (_, i) => ({
        messageId: `m-${i}`,
        phoneNumber: `+86138000000${String(i).padStart(2, '0')}`,
        countryCode: 'CN',
        operator: 'CMCC',
        segments: 1,
        encoding: 'ucs2' as const,
        text: '【阿里云】您的验证码为123456，5分钟内有效。',
      })),
    };
    await service.bus.publish(INTERNAL_TOPICS.messagesAccepted, [{ ...testEvent(MESSAGES_ACCEPTED_V1, SOURCES.dispatch, accountId, batch, randomUUID()), time: batch.acceptedAt }]);
    await eventually(async () => expect(service.publishedOn(INTERNAL_TOPICS.messagesScreened)).toHaveLength(1));
    const repository = service.get<ComplaintRepository>(COMPLAINT_REPOSITORY);
    await eventually(async () => expect(await repository.messagesSince(accountId, '1970-01-01T00:00:00Z')).toBe(10));

    // Five complaints on ten messages: 5,000 per 10,000, not above the threshold — nothing is recorded.
    const complaint = (i: number) => ({ accountId, phoneNumber: `1381234${String(5670 + i)}`, messageId: `m-${i}`, reason: `投诉 ${i}: 未订阅` });
    for (let i = 0; i < 5; i += 1) {
      const created = await call('POST', '/v1/complaints', complaint(i));
      expect(created.status).toBe(201);
      expect(Object.keys(created.body).sort()).toEqual(['accountId', 'complaintId', 'receivedAt']);
      expect(created.body.accountId).toBe(accountId);
    }
    await service.get(SupervisionPipelines).caughtUp();
    expect(violationsOf()).toEqual([]);

    // The sixth crosses it (6,000 per 10,000): one COMPLAINT_RATE violation, published for account-billing.
    expect((await call('POST', '/v1/complaints', complaint(5))).status).toBe(201);
    await eventually(async () => expect(violationsOf()).toHaveLength(1));
    expect(violationsOf()[0]).toMatchObject({ type: VIOLATION_RECORDED_V1, key: accountId, data: { accountId, category: 'complaints', origin: 'COMPLAINT_RATE', recordedBy: 'complaint-rate' } });
    await eventually(async () => expect((await call('GET', `/v1/violations?accountId=${accountId}`)).body.items).toHaveLength(1));
    expect((await call('GET', `/v1/violations?accountId=${accountId}`)).body.items[0].evidence).toMatch(/^6000 complaints per 10,000 messages in 24 h/);

    // More complaints in the same window record nothing more: the violation's id derives from the account and window.
    for (let i = 6; i < 9; i += 1) expect((await call('POST', '/v1/complaints', complaint(i))).status).toBe(201);
    await service.get(SupervisionPipelines).caughtUp();
    expect(violationsOf()).toHaveLength(1);

    // Listed newest first, numbers masked, paged by cursor.
    const first = await call('GET', `/v1/complaints?accountId=${accountId}&limit=5`);
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(5);
    expect(first.body.items[0]).toMatchObject({ accountId, phoneNumber: '138****5678', messageId: 'm-8', reason: '投诉 8: 未订阅' });
    expect(JSON.stringify(first.body)).not.toContain('13812345678');
    const second = await call('GET', `/v1/complaints?accountId=${accountId}&limit=5&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((c: { messageId: string }) => c.messageId)).toEqual(['m-3', 'm-2', 'm-1', 'm-0']);
    expect(second.body.nextCursor).toBeUndefined();
    const times = [...first.body.items, ...second.body.items].map((c: { receivedAt: string }) => c.receivedAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect((await call('GET', `/v1/complaints?accountId=${randomUUID()}`)).body.items).toEqual([]);

    // The numbers are sealed at rest: no file holds one in clear.
    const files = readdirSync(dataDir).filter((f) => /\.db(-wal)?$/.test(f));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const bytes = readFileSync(join(dataDir, file));
      expect(bytes.includes(Buffer.from('13812345670'))).toBe(false);
      expect(bytes.includes(Buffer.from('8613812345678'))).toBe(false);
    }
  });

  it('answers bad input with 4xx problem+json and stable codes', async () => {
    const service = running;
    if (!service) throw new Error('the first test boots the service');
    const call = (method: string, path: string, body?: unknown) => callJson(method, service.url + path, body);
    const accountId = randomUUID();
    const expectProblem = async (response: Promise<{ status: number; body: { code: string } }>, status: number, code: string) => {
      const { status: actual, body } = await response;
      expect([actual, body.code]).toEqual([status, code]);
    };
    await expectProblem(call('POST', '/v1/complaints', { accountId, phoneNumber: '12345', reason: 'x' }), 400, 'INVALID_PHONE_NUMBER');
    await expectProblem(call('POST', '/v1/complaints', { accountId, phoneNumber: '13812345678', reason: '   ' }), 400, 'VALIDATION_FAILED');
    await expectProblem(call('POST', '/v1/complaints', { accountId, phoneNumber: '13812345678' }), 400, 'VALIDATION_FAILED');
    await expectProblem(call('POST', '/v1/complaints', { phoneNumber: '13812345678', reason: 'x' }), 400, 'VALIDATION_FAILED');
    await expectProblem(call('POST', '/v1/complaints', { accountId, phoneNumber: 13812345678, reason: 'x' }), 400, 'VALIDATION_FAILED');
    await expectProblem(call('POST', '/v1/complaints', { accountId, phoneNumber: '13812345678', reason: 'x'.repeat(501) }), 400, 'VALIDATION_FAILED');
    await expectProblem(call('GET', '/v1/complaints'), 400, 'VALIDATION_FAILED');
    await expectProblem(call('GET', `/v1/complaints?accountId=${accountId}&cursor=garbage`), 400, 'VALIDATION_FAILED');
    await expectProblem(call('GET', `/v1/complaints?accountId=${accountId}&limit=0`), 400, 'VALIDATION_FAILED');
    expect((await callJson('POST', `${service.url}/v1/complaints`, { accountId, phoneNumber: '13812345678', reason: 'x' }, null)).status).toBe(401);
    expect((await call('GET', `/v1/complaints?accountId=${accountId}`)).body.items).toEqual([]);
  });
});
