import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { INTERNAL_TOPICS, protoFile, SIGNATURE_STATUS_CHANGED_V1, type SignatureStatusChangedV1, TEMPLATE_STATUS_CHANGED_V1, type TemplateStatusChangedV1 } from '@sms/contracts';
import { callJson as call, grpcUnary as unary, type ServiceUnderTest, startServiceUnderTest } from '@sms/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContentReviewModule } from '../../content-review.module';
import { ContentReviewPipelines } from '../../integration/content-review-pipelines';

const LOADER = { keepCase: true, longs: String, enums: String, defaults: true };

// Lists and revocation over REST and gRPC on the real module (SQLite file, in-process bus, outbox): DOMAIN §2.
describe('content-review lists and revocation (REST + gRPC)', () => {
  let dataDir: string;
  let service: ServiceUnderTest;
  let client: any;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'content-review-lists-'));
    service = await startServiceUnderTest({ module: ContentReviewModule, dataDir, collect: [INTERNAL_TOPICS.review], grpc: { package: 'sms.review.v1', protoPath: protoFile('review.proto') } });
    const loaded: any = grpc.loadPackageDefinition(protoLoader.loadSync(protoFile('review.proto'), LOADER));
    client = new loaded.sms.review.v1.ReviewService(service.grpcUrl, grpc.credentials.createInsecure());
  });

  afterAll(async () => {
    client?.close();
    await service?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const caughtUp = () => service.get(ContentReviewPipelines).caughtUp();

  it('lists signatures by account and status, a page at a time, and revokes an approved one (published REVOKED for dispatch)', async () => {
    const accountId = randomUUID();
    const other = randomUUID();
    const submit = async (account: string, name: string) =>
      (await call('POST', `${service.url}/v1/signatures`, { accountId: account, name, purpose: 'trademark', documents: [{ kind: 'trademark-certificate', reference: `TM-${name}` }] })).body
        .signatureId as string;
    const first = await submit(accountId, '甲公司');
    const second = await submit(accountId, '乙公司');
    await submit(other, '丙公司');
    expect((await call('POST', `${service.url}/v1/signatures/${first}/decision`, { approve: true })).status).toBe(200);

    const revoked = await call('POST', `${service.url}/v1/signatures/${first}/revocation`, { reason: 'IP complaint upheld' });
    expect([revoked.status, revoked.body]).toEqual([200, expect.objectContaining({ signatureId: first, status: 'REVOKED', reason: 'IP complaint upheld' })]);
    const again = await call('POST', `${service.url}/v1/signatures/${first}/revocation`, { reason: 'again' });
    expect([again.status, again.body.code, again.contentType]).toEqual([422, 'SIGNATURE_NOT_APPROVED', expect.stringContaining('problem+json')]);
    const pending = await call('POST', `${service.url}/v1/signatures/${second}/revocation`, { reason: 'x' });
    expect([pending.status, pending.body.code]).toEqual([422, 'SIGNATURE_NOT_APPROVED']);
    const noReason = await call('POST', `${service.url}/v1/signatures/${second}/revocation`, {});
    expect([noReason.status, noReason.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect((await call('POST', `${service.url}/v1/signatures/${randomUUID()}/revocation`, { reason: 'x' })).body.code).toBe('SIGNATURE_NOT_FOUND');

    await caughtUp();
    const page1 = await call('GET', `${service.url}/v1/signatures?accountId=${accountId}&limit=1`);
    expect(page1.status).toBe(200);
    expect(page1.body.items).toEqual([expect.objectContaining({ signatureId: first, status: 'REVOKED', documents: [{ kind: 'trademark-certificate', reference: 'TM-甲公司' }] })]);
    const page2 = await call('GET', `${service.url}/v1/signatures?accountId=${accountId}&limit=1&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items.map((s: { signatureId: string }) => s.signatureId)).toEqual([second]);
    expect(page2.body.nextCursor).toBeUndefined();
    const revokedOnly = await call('GET', `${service.url}/v1/signatures?status=REVOKED`);
    expect(revokedOnly.body.items.map((s: { signatureId: string }) => s.signatureId)).toEqual([first]);
    expect((await call('GET', `${service.url}/v1/signatures`)).body.items).toHaveLength(3);
    expect((await call('GET', `${service.url}/v1/signatures?status=GONE`)).body.code).toBe('VALIDATION_FAILED');
    expect((await call('GET', `${service.url}/v1/signatures?cursor=bogus`)).body.code).toBe('VALIDATION_FAILED');

    const statuses = (service.published.get(INTERNAL_TOPICS.review) ?? [])
      .filter((e) => e.type === SIGNATURE_STATUS_CHANGED_V1 && (e.data as SignatureStatusChangedV1).signatureId === first)
      .map((e) => [(e.data as SignatureStatusChangedV1).status, (e.data as SignatureStatusChangedV1).reason]);
    expect(statuses).toEqual([
      ['PENDING_REVIEW', undefined],
      ['APPROVED', undefined],
      ['REVOKED', 'IP complaint upheld'],
    ]);
  });

  it('lists and revokes templates over gRPC with the same rules', async () => {
    const accountId = randomUUID();
    const template = await unary<any>(client, 'SubmitTemplate', { accountId, name: 'otp', kind: 'verification', content: '您的验证码为${code}。' });
    await expect(unary(client, 'RevokeTemplate', { templateId: template.templateId, reason: 'x' })).rejects.toMatchObject({
      code: grpc.status.FAILED_PRECONDITION,
      details: expect.stringMatching(/^TEMPLATE_NOT_APPROVED: /),
    });
    await unary(client, 'DecideTemplate', { templateId: template.templateId, approve: true });
    await expect(unary(client, 'RevokeTemplate', { templateId: template.templateId, reason: '' })).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
    expect(await unary<any>(client, 'RevokeTemplate', { templateId: template.templateId, reason: 'violation confirmed' })).toMatchObject({ status: 'REVOKED', reason: 'violation confirmed' });

    await caughtUp();
    const list = await unary<any>(client, 'ListTemplates', { accountId });
    expect(list).toEqual({ items: [expect.objectContaining({ templateId: template.templateId, status: 'REVOKED', variables: ['code'], content: '您的验证码为${code}。' })], nextCursor: '' });
    expect((await unary<any>(client, 'ListTemplates', { accountId, status: 'APPROVED' })).items).toEqual([]);
    expect((await unary<any>(client, 'ListSignatures', { accountId })).items).toEqual([]);
    const published = (service.published.get(INTERNAL_TOPICS.review) ?? []).filter(
      (e) => e.type === TEMPLATE_STATUS_CHANGED_V1 && (e.data as TemplateStatusChangedV1).templateId === template.templateId,
    );
    expect(published.map((e) => (e.data as TemplateStatusChangedV1).status)).toEqual(['PENDING_REVIEW', 'APPROVED', 'REVOKED']);
  });
});
