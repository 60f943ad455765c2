import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { protoFile } from '@sms/contracts';
import { grpcUnary as unary, type ServiceUnderTest, startServiceUnderTest } from '@sms/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContentReviewModule } from '../../content-review.module';

const LOADER = { keepCase: true, longs: String, enums: String, defaults: true };

describe('content-review gRPC (sms.review.v1.ReviewService)', () => {
  let dataDir: string;
  let service: ServiceUnderTest | undefined;
  let client: any;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'content-review-grpc-'));
    service = await startServiceUnderTest({ module: ContentReviewModule, dataDir, grpc: { package: 'sms.review.v1', protoPath: protoFile('review.proto') } });

    const loaded: any = grpc.loadPackageDefinition(protoLoader.loadSync(protoFile('review.proto'), LOADER));
    client = new loaded.sms.review.v1.ReviewService(service.grpcUrl, grpc.credentials.createInsecure());
  });

  afterAll(async () => {
    client?.close();
    await service?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('submits, reads and decides a signature and a template with the REST handlers', async () => {
    const accountId = randomUUID();
    const signature = await unary<any>(client, 'SubmitSignature', {
      accountId,
      name: '阿里云',
      purpose: 'company',
      documents: [{ kind: 'business-licence', reference: 'BL-1' }],
    });
    expect(signature).toMatchObject({ accountId, name: '阿里云', status: 'PENDING_REVIEW', documents: [{ kind: 'business-licence', reference: 'BL-1' }] });

    const decided = await unary<any>(client, 'DecideSignature', { signatureId: signature.signatureId, approve: false, reason: 'licence expired' });
    expect(decided).toMatchObject({ status: 'REJECTED', reason: 'licence expired' });
    expect(await unary<any>(client, 'GetSignature', { signatureId: signature.signatureId })).toMatchObject({ status: 'REJECTED' });

    const template = await unary<any>(client, 'SubmitTemplate', { accountId, name: 'otp', kind: 'verification', content: '您的验证码为${code}。' });
    expect(template).toMatchObject({ status: 'PENDING_REVIEW', variables: ['code'], screening: { outcome: 'PASS', category: '' } });
    expect(await unary<any>(client, 'DecideTemplate', { templateId: template.templateId, approve: true })).toMatchObject({ status: 'APPROVED' });
    expect(await unary<any>(client, 'GetTemplate', { templateId: template.templateId })).toMatchObject({ status: 'APPROVED', content: '您的验证码为${code}。' });
  });

  it('screens a text', async () => {
    const result = await unary<any>(client, 'Screen', { content: '网上賭 博', kind: 'notification' });
    expect(result).toEqual({ outcome: 'BLOCK', category: 'gambling', matches: [{ term: '赌博', category: 'gambling', index: 0, start: 2, end: 5 }], lexiconVersion: 0 });
  });

  it('maps domain errors to gRPC status codes with the REST code in the message', async () => {
    await expect(unary(client, 'GetSignature', { signatureId: randomUUID() })).rejects.toMatchObject({
      code: grpc.status.NOT_FOUND,
      details: expect.stringMatching(/^SIGNATURE_NOT_FOUND: /),
    });
    await expect(unary(client, 'SubmitSignature', { accountId: 'a', name: '阿里云', purpose: 'charity', documents: [] })).rejects.toMatchObject({
      code: grpc.status.INVALID_ARGUMENT,
      details: expect.stringMatching(/^VALIDATION_FAILED: /),
    });
    const template = await unary<any>(client, 'SubmitTemplate', { accountId: 'a', name: 'n', kind: 'notification', content: '您的订单已发货' });
    await unary(client, 'DecideTemplate', { templateId: template.templateId, approve: true });
    await expect(unary(client, 'DecideTemplate', { templateId: template.templateId, approve: true })).rejects.toMatchObject({
      code: grpc.status.ABORTED,
      details: expect.stringMatching(/^ALREADY_DECIDED: /),
    });
  });
});
