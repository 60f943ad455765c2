import { INTERNAL_TOPICS, VIOLATION_RECORDED_V1, VIOLATION_RESOLVED_V1 } from '@sms/contracts';
import { callJson, eventuallyPasses as eventually, type ServiceUnderTest, startServiceUnderTest } from '@sms/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContentReviewModule } from '../content-review.module';
import { SupervisionPipelines } from './infrastructure/supervision-pipelines';

/** Retries an assertion until it holds (outbox and projection run asynchronously). */
const EVIDENCE = '冒充银行短信 13812345678：您的银行卡已冻结，请点击链接解冻';

describe('violations in content-review (ADR 0034; SQLite + in-process bus)', () => {
  let dataDir: string;
  let running: ServiceUnderTest | undefined;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'supervision-int-'));
  });

  afterAll(async () => {
    await running?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const boot = () => startServiceUnderTest({ module: ContentReviewModule, dataDir, collect: [INTERNAL_TOPICS.violations] });

  it('records, lists and resolves violations, publishes them without the evidence, and keeps the evidence sealed at rest', async () => {
    const service = await boot();
    running = service;
    const call = (method: string, path: string, body?: unknown) => callJson(method, service.url + path, body);
    const accountId = randomUUID();

    const recorded = await call('POST', '/v1/violations', { accountId, category: 'fraud', evidence: EVIDENCE });
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({ accountId, category: 'fraud', origin: 'REVIEWER', status: 'OPEN', evidence: EVIDENCE });
    const violationId: string = recorded.body.violationId;
    // Default rectification period: 7 days.
    expect(Date.parse(recorded.body.rectifyBy) - Date.parse(recorded.body.recordedAt)).toBe(7 * 24 * 3600 * 1000);

    // Published on sms.internal.violations for account-billing, keyed by account, without the evidence.
    await eventually(async () => expect(service.publishedOn(INTERNAL_TOPICS.violations)).toHaveLength(1));
    const [published] = running.publishedOn(INTERNAL_TOPICS.violations);
    expect(published).toMatchObject({ type: VIOLATION_RECORDED_V1, key: accountId, data: { violationId, accountId, category: 'fraud', origin: 'REVIEWER', rectifyBy: recorded.body.rectifyBy } });
    expect(JSON.stringify(published.data)).not.toContain('13812345678');

    // Listed by account (staff) and across accounts; the evidence opens for staff.
    await eventually(async () => expect((await call('GET', `/v1/violations?accountId=${accountId}`)).body.items).toHaveLength(1));
    expect((await call('GET', `/v1/violations?accountId=${accountId}`)).body.items[0]).toMatchObject({ violationId, evidence: EVIDENCE, status: 'OPEN' });
    expect((await call('GET', '/v1/violations')).body.items.map((v: { violationId: string }) => v.violationId)).toContain(violationId);
    expect((await call('GET', `/v1/violations?accountId=${randomUUID()}`)).body.items).toEqual([]);

    // Illegal transitions: stable codes.
    const missing = await call('POST', `/v1/violations/${randomUUID()}/resolution`, { outcome: 'reinstate', reason: 'x' });
    expect([missing.status, missing.body.code]).toEqual([404, 'VIOLATION_NOT_FOUND']);
    const bad = await call('POST', `/v1/violations/${violationId}/resolution`, { outcome: 'pardon', reason: 'x' });
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);

    const reinstated = await call('POST', `/v1/violations/${violationId}/resolution`, { outcome: 'reinstate', reason: 'template withdrawn, lists cleaned' });
    expect(reinstated.status).toBe(200);
    expect(reinstated.body).toMatchObject({ status: 'REINSTATED', resolution: { outcome: 'reinstate', reason: 'template withdrawn, lists cleaned' } });
    const again = await call('POST', `/v1/violations/${violationId}/resolution`, { outcome: 'terminate', reason: 'changed my mind' });
    expect([again.status, again.body.code]).toEqual([409, 'ALREADY_DECIDED']);

    await eventually(async () => expect(service.publishedOn(INTERNAL_TOPICS.violations)).toHaveLength(2));
    expect(running.publishedOn(INTERNAL_TOPICS.violations)[1]).toMatchObject({ type: VIOLATION_RESOLVED_V1, key: accountId, data: { violationId, accountId, outcome: 'reinstate' } });
    await eventually(async () => expect((await call('GET', `/v1/violations?accountId=${accountId}`)).body.items[0]).toMatchObject({ status: 'REINSTATED' }));

    // Bad input: 4xx problem+json, never 5xx.
    expect((await call('POST', '/v1/violations', { accountId, category: 'fraud', evidence: '' })).status).toBe(400);
    expect((await call('POST', '/v1/violations', { accountId, category: 'RUDE', evidence: 'x' })).status).toBe(400);
    const past = await call('POST', '/v1/violations', { accountId, category: 'fraud', evidence: 'x', rectifyBy: '2020-01-01T00:00:00Z' });
    expect([past.status, past.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect((await callJson('POST', `${running.url}/v1/violations`, { accountId, category: 'fraud', evidence: 'x' }, null)).status).toBe(401);

    // Neither the event store nor the read model holds the evidence (or its number) in clear.
    const files = readdirSync(dataDir).filter((f) => /\.db(-wal)?$/.test(f));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const bytes = readFileSync(join(dataDir, file));
      expect(bytes.includes(Buffer.from('13812345678'))).toBe(false);
      expect(bytes.includes(Buffer.from('冒充银行短信'))).toBe(false);
    }

    // A restart publishes nothing twice and still reads the violation.
    await running.close();
    running = await boot();
    expect((await callJson('GET', `${running.url}/v1/violations?accountId=${accountId}`)).body.items[0]).toMatchObject({ violationId, evidence: EVIDENCE, status: 'REINSTATED' });
    await running.get(SupervisionPipelines).caughtUp();
    expect(running.publishedOn(INTERNAL_TOPICS.violations)).toEqual([]);
  });
});
