import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { protoFile } from '@sms/contracts';
import { announceCustomerKey, grpcUnary as unary, type ServiceUnderTest, startServiceUnderTest } from '@sms/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContentReviewModule } from '../../content-review.module';
import { SupervisionPipelines } from '../infrastructure/supervision-pipelines';

const LOADER = { keepCase: true, longs: String, enums: String, defaults: true };

describe('content-review gRPC (sms.review.v1.SupervisionService, ADR 0034)', () => {
  let dataDir: string;
  let service: ServiceUnderTest | undefined;
  let client: any;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'supervision-grpc-'));
    service = await startServiceUnderTest({ module: ContentReviewModule, dataDir, grpc: { package: 'sms.review.v1', protoPath: protoFile('review.proto') } });
    const loaded: any = grpc.loadPackageDefinition(protoLoader.loadSync(protoFile('review.proto'), LOADER));
    client = new loaded.sms.review.v1.SupervisionService(service.grpcUrl, grpc.credentials.createInsecure());
  });

  afterAll(async () => {
    client?.close();
    await service?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('records, lists and resolves a violation with the REST handlers', async () => {
    const accountId = randomUUID();
    const recorded = await unary<any>(client, 'RecordViolation', { accountId, category: 'fraud', evidence: 'impersonates a bank' });
    expect(recorded).toMatchObject({ accountId, category: 'fraud', origin: 'REVIEWER', evidence: 'impersonates a bank', status: 'OPEN', resolution: null });
    await service?.get(SupervisionPipelines).caughtUp();
    expect((await unary<any>(client, 'ListViolations', { accountId })).items.map((v: { violationId: string }) => v.violationId)).toEqual([recorded.violationId]);
    expect((await unary<any>(client, 'ListViolations', {})).items.map((v: { violationId: string }) => v.violationId)).toContain(recorded.violationId);

    const resolved = await unary<any>(client, 'ResolveViolation', { violationId: recorded.violationId, outcome: 'reinstate', reason: 'rectified' });
    expect(resolved).toMatchObject({ status: 'REINSTATED', resolution: { outcome: 'reinstate', reason: 'rectified' } });
    await expect(unary(client, 'ResolveViolation', { violationId: recorded.violationId, outcome: 'terminate', reason: 'again' })).rejects.toMatchObject({
      code: grpc.status.ABORTED,
      details: expect.stringMatching(/^ALREADY_DECIDED: /),
    });
    for (const violationId of [randomUUID(), '', 'x'.repeat(10_000)]) {
      await expect(unary(client, 'ResolveViolation', { violationId, outcome: 'reinstate', reason: 'r' })).rejects.toMatchObject({ code: grpc.status.NOT_FOUND, details: expect.stringMatching(/^VIOLATION_NOT_FOUND: /) });
    }
    await expect(unary(client, 'RecordViolation', { accountId, category: 'nonsense', evidence: 'e' })).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT, details: expect.stringMatching(/^VALIDATION_FAILED: /) });
    await expect(unary(client, 'ResolveViolation', { violationId: recorded.violationId, outcome: 'pardon', reason: 'r' })).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
  });

  it('records and lists complaints, numbers masked, a customer key its own account only', async () => {
    const accountId = randomUUID();
    const receipt = await unary<any>(client, 'RecordComplaint', { accountId, phoneNumber: '13812345678', messageId: 'm-1', reason: '未订阅' });
    expect(Object.keys(receipt).sort()).toEqual(['accountId', 'complaintId', 'receivedAt']);
    const listed = await unary<any>(client, 'ListComplaints', { accountId });
    expect(listed).toEqual({
      items: [{ complaintId: receipt.complaintId, accountId, phoneNumber: '138****5678', messageId: 'm-1', reason: '未订阅', receivedBy: expect.any(String), receivedAt: receipt.receivedAt, source: 'API' }],
      nextCursor: '',
    });

    if (!service) throw new Error('booted in beforeAll');
    const customer = await announceCustomerKey(service.bus, accountId);
    expect((await unary<any>(client, 'ListComplaints', {}, customer)).items).toHaveLength(1);
    expect((await unary<any>(client, 'ListViolations', {}, customer)).items).toEqual([]);
    await expect(unary(client, 'ListComplaints', { accountId: randomUUID() }, customer)).rejects.toMatchObject({ code: grpc.status.NOT_FOUND, details: expect.stringMatching(/^ACCOUNT_NOT_FOUND: /) });
    await expect(unary(client, 'ListViolations', { accountId: randomUUID() }, customer)).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
    await expect(unary(client, 'RecordComplaint', { accountId, phoneNumber: '13812345678', reason: 'x' }, customer)).rejects.toMatchObject({ code: grpc.status.PERMISSION_DENIED });

    await expect(unary(client, 'RecordComplaint', { accountId, phoneNumber: '12345', reason: 'x' })).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT, details: expect.stringMatching(/^INVALID_PHONE_NUMBER: /) });
    await expect(unary(client, 'RecordComplaint', { accountId, phoneNumber: '13812345678', reason: '' })).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT, details: expect.stringMatching(/^VALIDATION_FAILED: /) });
    await expect(unary(client, 'ListComplaints', {})).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT, details: expect.stringMatching(/^VALIDATION_FAILED: /) });
    await expect(unary(client, 'ListComplaints', { accountId, cursor: 'garbage' })).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
  });
});
