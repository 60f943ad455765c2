import { INTERNAL_TOPICS, MESSAGES_ACCEPTED_V1, type MessagesAcceptedV1, type MessagesScreenedV1, SOURCES, VIOLATION_RECORDED_V1 } from '@sms/contracts';
import { callJson, eventuallyPasses as eventually, type ServiceUnderTest, startServiceUnderTest, testEvent } from '@sms/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { ContentReviewModule } from '../content-review.module';
import { HeldMessagePipelines } from '../review/infrastructure/held-message-pipelines';
import { CONTENT_REVIEW_DB } from '../tokens';
import { BLOCKED_CONTENT_SUBSCRIPTION, SupervisionPipelines } from './infrastructure/supervision-pipelines';

/** Screening BLOCKs this (gambling: 网上赌场, 百家乐), clears the verification code and holds the WeChat lure. */
const GAMBLING = '【娱乐城】新开网上赌场，百家乐首充送100%，日赢万元。';
const CLEAN = '【阿里云】您的验证码为123456，5分钟内有效。';
const WECHAT = '【阿里云】详情请加微信咨询客服';
const REASON = '冒充客服诱导加微信，核实为诈骗模板';

const batchOf = (accountId: string, kind: MessagesAcceptedV1['kind'], texts: string[]): MessagesAcceptedV1 => ({
  batchId: randomUUID(),
  accountId,
  kind,
  signatureId: randomUUID(),
  templateId: randomUUID(),
  acceptedAt: new Date().toISOString(),
  messages: texts.map((text, i) => ({
    messageId: `${kind}-${randomUUID()}`,
    phoneNumber: `+86138001${String(i).padStart(5, '0')}`,
    countryCode: 'CN',
    operator: 'CMCC',
    segments: 1,
    encoding: 'ucs2' as const,
    text,
  })),
});

// The default thresholds (BLOCKED_CONTENT_MIN_COUNT 20, BLOCKED_CONTENT_RATE_PERMILLE 50, 24 h window).
describe('violations from blocked content and from a reviewer\'s block (ADR 0034 "Blocked content", ADR 0036; SQLite + in-process bus)', () => {
  let dataDir: string;
  let service: ServiceUnderTest;
  const boot = () => startServiceUnderTest({ module: ContentReviewModule, dataDir, collect: [INTERNAL_TOPICS.violations, INTERNAL_TOPICS.messagesScreened] });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'blocked-content-int-'));
    service = await boot();
  });

  afterAll(async () => {
    await service.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const call = (method: string, path: string, body?: unknown) => callJson(method, service.url + path, body);
  const violationsOf = (accountId: string) => service.publishedOn(INTERNAL_TOPICS.violations).filter((e) => (e.data as { accountId: string }).accountId === accountId);
  const screen = async (batch: MessagesAcceptedV1) => {
    await service.bus.publish(INTERNAL_TOPICS.messagesAccepted, [{ ...testEvent(MESSAGES_ACCEPTED_V1, SOURCES.dispatch, batch.accountId, batch, randomUUID()), time: batch.acceptedAt }]);
    await eventually(async () => expect(service.publishedOn<MessagesScreenedV1>(INTERNAL_TOPICS.messagesScreened).filter((e) => e.data.batchId === batch.batchId)).toHaveLength(1));
    await service.get(SupervisionPipelines).caughtUp();
    const [screened] = service.publishedOn<MessagesScreenedV1>(INTERNAL_TOPICS.messagesScreened).filter((e) => e.data.batchId === batch.batchId);
    return screened.data;
  };

  it('records ONE BLOCKED_CONTENT violation once the blocks reach the count and the share, and no second while it is open', async () => {
    const accountId = randomUUID();
    // 19 blocked of 29 screened: far above 50 ‰, but below the minimum count — one false positive never suspends.
    const first = await screen(batchOf(accountId, 'marketing', [...Array<string>(19).fill(GAMBLING), ...Array<string>(10).fill(CLEAN)]));
    expect(first.blocked).toHaveLength(19);
    expect(first.blocked[0]).toMatchObject({ category: 'gambling' });
    expect(violationsOf(accountId)).toEqual([]);

    // The twentieth block crosses it: one violation, published for account-billing (which suspends the account).
    await screen(batchOf(accountId, 'marketing', [GAMBLING]));
    await eventually(async () => expect(violationsOf(accountId)).toHaveLength(1));
    expect(violationsOf(accountId)[0]).toMatchObject({
      type: VIOLATION_RECORDED_V1,
      key: accountId,
      data: { accountId, category: 'gambling', origin: 'BLOCKED_CONTENT', recordedBy: 'blocked-content' },
    });
    await eventually(async () => expect((await call('GET', `/v1/violations?accountId=${accountId}`)).body.items).toHaveLength(1));
    const [listed] = (await call('GET', `/v1/violations?accountId=${accountId}`)).body.items;
    expect(listed).toMatchObject({ origin: 'BLOCKED_CONTENT', category: 'gambling', status: 'OPEN' });
    expect(listed.evidence).toMatch(/^20 of 30 screened messages blocked in 24 h \(666\.7 ‰; thresholds 20 messages and 50 ‰\); by category: gambling 20; terms: /);
    expect(listed.evidence).not.toContain('138001');

    // More blocks while it is open: nothing more.
    await screen(batchOf(accountId, 'marketing', Array<string>(5).fill(GAMBLING)));
    await service.get(SupervisionPipelines).caughtUp();
    expect(violationsOf(accountId)).toHaveLength(1);

    // Reinstated: the blocks before it are not counted again; a fresh breach records a second violation.
    expect((await call('POST', `/v1/violations/${listed.violationId}/resolution`, { outcome: 'reinstate', reason: 'template withdrawn' })).status).toBe(200);
    await screen(batchOf(accountId, 'marketing', Array<string>(19).fill(GAMBLING)));
    expect(violationsOf(accountId).filter((e) => e.type === VIOLATION_RECORDED_V1)).toHaveLength(1);
    await screen(batchOf(accountId, 'marketing', [GAMBLING]));
    await eventually(async () => expect(violationsOf(accountId).filter((e) => e.type === VIOLATION_RECORDED_V1)).toHaveLength(2));

    // A replay from the start (checkpoint lost) after a restart: every batch counted once, no violation more.
    service.get<DatabaseSync>(CONTENT_REVIEW_DB).prepare('DELETE FROM checkpoints WHERE name = ?').run(BLOCKED_CONTENT_SUBSCRIPTION);
    await service.close();
    service = await boot();
    await service.get(SupervisionPipelines).caughtUp();
    expect(service.get<DatabaseSync>(CONTENT_REVIEW_DB).prepare('SELECT SUM(blocked) AS n FROM blocked_content_counts WHERE account_id = ?').get(accountId)).toEqual({ n: 45 }); // 19 + 1 + 5 + 19 + 1
    expect(violationsOf(accountId)).toEqual([]);
    await eventually(async () => expect((await call('GET', `/v1/violations?accountId=${accountId}`)).body.items).toHaveLength(2));
  });

  it('a reviewer blocking a held message with recordViolation records a REVIEWER violation, listed, evidence sealed at rest', async () => {
    const accountId = randomUUID();
    const screened = await screen(batchOf(accountId, 'notification', [WECHAT, WECHAT]));
    expect(screened.held).toHaveLength(2);
    const [one, two] = screened.held.map((h) => h.messageId);
    await service.get(HeldMessagePipelines).caughtUp();

    const invalid = await call('POST', `/v1/messages/${one}/review-decision`, { release: true, recordViolation: true });
    expect([invalid.status, invalid.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const notBool = await call('POST', `/v1/messages/${one}/review-decision`, { release: false, recordViolation: 'yes' });
    expect([notBool.status, notBool.body.code]).toEqual([400, 'VALIDATION_FAILED']);

    const blocked = await call('POST', `/v1/messages/${one}/review-decision`, { release: false, reason: REASON, recordViolation: true });
    expect(blocked.status).toBe(200);
    expect(blocked.body).toEqual({ messageId: one, released: false, decidedAt: expect.any(String), violationId: expect.any(String) });
    await eventually(async () => expect(violationsOf(accountId)).toHaveLength(1));
    expect(violationsOf(accountId)[0]).toMatchObject({ data: { violationId: blocked.body.violationId, origin: 'REVIEWER', category: 'fraud' } });

    // A retried decision is ALREADY_DECIDED and records nothing more; a block without recordViolation records none.
    const retried = await call('POST', `/v1/messages/${one}/review-decision`, { release: false, reason: REASON, recordViolation: true });
    expect([retried.status, retried.body.code]).toEqual([409, 'ALREADY_DECIDED']);
    expect((await call('POST', `/v1/messages/${two}/review-decision`, { release: false })).body).not.toHaveProperty('violationId');
    await service.get(SupervisionPipelines).caughtUp();
    expect(violationsOf(accountId)).toHaveLength(1);

    await eventually(async () => expect((await call('GET', `/v1/violations?accountId=${accountId}`)).body.items).toHaveLength(1));
    expect((await call('GET', `/v1/violations?accountId=${accountId}`)).body.items[0]).toMatchObject({
      violationId: blocked.body.violationId,
      origin: 'REVIEWER',
      category: 'fraud',
      evidence: `held message ${one} blocked by a reviewer; category: fraud; terms: 加微信; reviewer's reason: ${REASON}`,
    });

    // The evidence (with the reviewer's reason) is sealed in the event store and the read model.
    const files = readdirSync(dataDir).filter((f) => /\.db(-wal)?$/.test(f));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(readFileSync(join(dataDir, file)).includes(Buffer.from('核实为诈骗模板'))).toBe(false);
  });
});
