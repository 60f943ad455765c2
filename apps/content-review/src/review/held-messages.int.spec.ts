import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import {
  INTERNAL_TOPICS,
  MESSAGE_REVIEW_DECIDED_V1,
  type MessageReviewDecidedV1,
  MESSAGES_ACCEPTED_V1,
  type MessagesAcceptedV1,
  type MessagesScreenedV1,
  type OperatorCode,
  protoFile,
  SOURCES,
} from '@sms/contracts';
import { callJson, eventuallyPasses as eventually, grpcUnary as unary, type ServiceUnderTest, startServiceUnderTest, testEvent } from '@sms/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContentReviewModule } from '../content-review.module';
import { ContentReviewPipelines } from '../integration/content-review-pipelines';
import { CONTENT_REVIEW_DB } from '../tokens';
import { HeldMessagePipelines } from './infrastructure/held-message-pipelines';

const LOADER = { keepCase: true, longs: String, enums: String, defaults: true };
/** Texts screening holds (REVIEW): marketing without the opt-out instruction; a WeChat contact in a notification. */
const NO_OPT_OUT = '【好物商城】会员日全场五折，仅限今日';
const WECHAT = '【阿里云】详情请加微信咨询客服';

const batchOf = (accountId: string, kind: MessagesAcceptedV1['kind'], texts: Array<[string, string, OperatorCode]>): MessagesAcceptedV1 => ({
  batchId: randomUUID(),
  accountId,
  kind,
  signatureId: randomUUID(),
  templateId: randomUUID(),
  acceptedAt: new Date().toISOString(),
  messages: texts.map(([messageId, text, operator], i) => ({
    messageId,
    phoneNumber: `+861380013800${i}`,
    countryCode: 'CN',
    operator,
    segments: 2,
    encoding: 'ucs2' as const,
    text,
  })),
});

describe('held messages in content-review (ADR 0036; SQLite + in-process bus + gRPC)', () => {
  let dataDir: string;
  let service: ServiceUnderTest;
  let client: any;
  const call = (method: string, path: string, body?: unknown) => callJson(method, service.url + path, body);
  const publish = (batch: MessagesAcceptedV1, id = randomUUID()) =>
    service.bus.publish(INTERNAL_TOPICS.messagesAccepted, [{ ...testEvent(MESSAGES_ACCEPTED_V1, SOURCES.dispatch, batch.accountId, batch, id), time: batch.acceptedAt }]);
  const screenedOf = (batchId: string) => service.publishedOn<MessagesScreenedV1>(INTERNAL_TOPICS.messagesScreened).filter((e) => e.type !== MESSAGE_REVIEW_DECIDED_V1 && e.data.batchId === batchId);
  const decisionsOf = (messageId: string) =>
    service.publishedOn<MessageReviewDecidedV1>(INTERNAL_TOPICS.messagesScreened).filter((e) => e.type === MESSAGE_REVIEW_DECIDED_V1 && e.data.messageId === messageId);
  const queue = async () => (await call('GET', '/v1/review-queue?type=message&limit=500')).body.items as Array<Record<string, unknown>>;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'held-messages-int-'));
    service = await startServiceUnderTest({
      module: ContentReviewModule,
      dataDir,
      collect: [INTERNAL_TOPICS.messagesScreened],
      grpc: { package: 'sms.review.v1', protoPath: protoFile('review.proto') },
    });
    const loaded: any = grpc.loadPackageDefinition(protoLoader.loadSync(protoFile('review.proto'), LOADER));
    client = new loaded.sms.review.v1.ReviewService(service.grpcUrl, grpc.credentials.createInsecure());
  });

  afterAll(async () => {
    client?.close();
    await service?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('holds a REVIEW message for the reviewer with its text sealed at rest, releases it once and publishes the decision', async () => {
    const accountId = randomUUID();
    const batch = batchOf(accountId, 'marketing', [
      ['m-ok', '【好物商城】会员日全场五折，拒收请回复R', 'CMCC'],
      ['m-held', NO_OPT_OUT, 'CUCC'],
    ]);
    await publish(batch);
    await eventually(() => expect(screenedOf(batch.batchId)).toHaveLength(1));
    expect(screenedOf(batch.batchId)[0].data).toMatchObject({ cleared: [{ messageId: 'm-ok' }], held: [{ messageId: 'm-held', category: 'missing-opt-out' }] });

    // The queue shows it with the text the reviewer must read.
    const listed = await call('GET', '/v1/review-queue?type=message');
    expect(listed.status).toBe(200);
    const mine = listed.body.items.filter((i: { accountId: string }) => i.accountId === accountId);
    expect(mine).toEqual([
      {
        type: 'message',
        id: 'm-held',
        messageId: 'm-held',
        accountId,
        batchId: batch.batchId,
        kind: 'marketing',
        category: 'missing-opt-out',
        terms: [],
        heldAt: expect.any(String),
        text: NO_OPT_OUT,
      },
    ]);

    // Sealed at rest: no SQLite file holds the text in clear.
    const files = readdirSync(dataDir).filter((f) => /\.db(-wal)?$/.test(f));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(readFileSync(join(dataDir, file)).includes(Buffer.from('会员日全场五折，仅限今日'))).toBe(false);

    // The reviewer releases it: 200, then the bus carries the decision with what billing prices it by.
    const released = await call('POST', '/v1/messages/m-held/review-decision', { release: true, reason: '已补充退订说明' });
    expect(released.status).toBe(200);
    expect(released.body).toEqual({ messageId: 'm-held', released: true, decidedAt: expect.any(String) });
    await eventually(() => expect(decisionsOf('m-held')).toHaveLength(1));
    const [decision] = decisionsOf('m-held');
    expect(decision).toMatchObject({ type: MESSAGE_REVIEW_DECIDED_V1, key: accountId, source: SOURCES.contentReview });
    expect(decision.data).toEqual({
      batchId: batch.batchId,
      accountId,
      kind: 'marketing',
      messageId: 'm-held',
      released: true,
      category: 'missing-opt-out',
      decidedAt: released.body.decidedAt,
      segments: 2,
      countryCode: 'CN',
      operator: 'CUCC',
    });
    // The reviewer's reason is sealed in the event store too.
    for (const file of readdirSync(dataDir).filter((f) => /\.db(-wal)?$/.test(f))) expect(readFileSync(join(dataDir, file)).includes(Buffer.from('已补充退订说明'))).toBe(false);

    // Once only; unknown ids are 404; the decided one leaves the queue.
    const again = await call('POST', '/v1/messages/m-held/review-decision', { release: false });
    expect(again.status).toBe(409);
    expect(again.contentType).toContain('application/problem+json');
    expect(again.body.code).toBe('ALREADY_DECIDED');
    const cleared = await call('POST', '/v1/messages/m-ok/review-decision', { release: true });
    expect([cleared.status, cleared.body.code]).toEqual([404, 'MESSAGE_NOT_FOUND']);
    const unknown = await call('POST', `/v1/messages/${randomUUID()}/review-decision`, { release: true });
    expect([unknown.status, unknown.body.code]).toEqual([404, 'MESSAGE_NOT_FOUND']);
    await service.get(HeldMessagePipelines).caughtUp();
    expect((await queue()).filter((i) => i.accountId === accountId)).toEqual([]);
    await service.get(ContentReviewPipelines).caughtUp();
    expect(decisionsOf('m-held')).toHaveLength(1);
  });

  it('blocks a held message, and pages the queue oldest first by cursor', async () => {
    const accountId = randomUUID();
    const batch = batchOf(accountId, 'notification', [
      ['n-1', WECHAT, 'CMCC'],
      ['n-2', WECHAT, 'CTCC'],
    ]);
    await publish(batch);
    await eventually(async () => expect((await queue()).filter((i) => i.accountId === accountId)).toHaveLength(2));
    const first = await call('GET', '/v1/review-queue?type=message&limit=1');
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const rest = await call('GET', `/v1/review-queue?type=message&limit=500&cursor=${first.body.nextCursor}`);
    const all = [...first.body.items, ...rest.body.items].map((i: { heldAt: string; id: string }) => `${i.heldAt} ${i.id}`);
    expect([...all].sort()).toEqual(all);
    expect(all.filter((k) => k.endsWith(' n-1') || k.endsWith(' n-2'))).toHaveLength(2);

    const blocked = await call('POST', '/v1/messages/n-2/review-decision', { release: false, reason: '疑似诱导添加私人联系方式' });
    expect(blocked.status).toBe(200);
    expect(blocked.body).toMatchObject({ messageId: 'n-2', released: false });
    await eventually(() => expect(decisionsOf('n-2')).toHaveLength(1));
    expect(decisionsOf('n-2')[0].data).toMatchObject({ released: false, category: 'fraud', operator: 'CTCC', segments: 2 });
    await service.get(HeldMessagePipelines).caughtUp();
    expect((await queue()).filter((i) => i.accountId === accountId).map((i) => i.id)).toEqual(['n-1']);
  });

  it('fills in held messages a crash lost after the screening was appended, on the redelivery', async () => {
    const accountId = randomUUID();
    const batch = batchOf(accountId, 'notification', [['c-1', WECHAT, 'CMCC']]);
    const eventId = randomUUID();
    await publish(batch, eventId);
    await eventually(async () => expect((await queue()).filter((i) => i.accountId === accountId)).toHaveLength(1));

    // The crash: the screening is in the event store, the held row is not.
    service.get<DatabaseSync>(CONTENT_REVIEW_DB).prepare('DELETE FROM held_messages WHERE message_id = ?').run('c-1');
    expect((await queue()).filter((i) => i.accountId === accountId)).toEqual([]);
    expect((await call('POST', '/v1/messages/c-1/review-decision', { release: true })).status).toBe(404);

    // The bus redelivers the batch: nothing is screened again, the row is back with its text.
    await publish(batch, eventId);
    await eventually(async () => expect((await queue()).filter((i) => i.accountId === accountId)).toMatchObject([{ id: 'c-1', text: WECHAT, category: 'fraud' }]));
    await service.get(ContentReviewPipelines).caughtUp();
    expect(screenedOf(batch.batchId)).toHaveLength(1);
  });

  it('answers bad input with 4xx problem+json', async () => {
    for (const [path, body] of [
      ['/v1/messages/x/review-decision', {}],
      ['/v1/messages/x/review-decision', { release: 'yes' }],
      ['/v1/messages/x/review-decision', { release: true, reason: 'r'.repeat(2001) }],
    ] as const) {
      const answer = await call('POST', path, body);
      expect([answer.status, answer.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    }
    expect((await call('GET', '/v1/review-queue?type=letters')).status).toBe(400);
    expect((await call('GET', '/v1/review-queue?type=message&cursor=bogus')).body.code).toBe('VALIDATION_FAILED');
    expect((await call('GET', '/v1/review-queue?cursor=bogus')).body.code).toBe('VALIDATION_FAILED');
  });

  it('lists and decides held messages over gRPC with the REST handlers', async () => {
    const accountId = randomUUID();
    const batch = batchOf(accountId, 'notification', [
      ['g-1', WECHAT, 'CMCC'],
      ['g-2', WECHAT, 'CMCC'],
    ]);
    await publish(batch);
    await eventually(async () => {
      const list = await unary<any>(client, 'ListHeldMessages', { limit: 500 });
      expect(list.items.filter((i: { accountId: string }) => i.accountId === accountId)).toEqual([
        { messageId: 'g-1', batchId: batch.batchId, accountId, kind: 'notification', category: 'fraud', terms: ['加微信'], heldAt: expect.any(String), text: WECHAT },
        { messageId: 'g-2', batchId: batch.batchId, accountId, kind: 'notification', category: 'fraud', terms: ['加微信'], heldAt: expect.any(String), text: WECHAT },
      ]);
    });
    // proto3: an empty violationId when none was recorded.
    expect(await unary<any>(client, 'DecideHeldMessage', { messageId: 'g-1', release: true })).toEqual({ messageId: 'g-1', released: true, decidedAt: expect.any(String), violationId: '' });
    // recordViolation (ADR 0034/0036): only with a block; the block records a REVIEWER violation of the account.
    await expect(unary(client, 'DecideHeldMessage', { messageId: 'g-2', release: true, recordViolation: true })).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT, details: expect.stringMatching(/^VALIDATION_FAILED: /) });
    const blocked = await unary<any>(client, 'DecideHeldMessage', { messageId: 'g-2', release: false, reason: '诈骗', recordViolation: true });
    expect(blocked).toEqual({ messageId: 'g-2', released: false, decidedAt: expect.any(String), violationId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    await expect(unary(client, 'DecideHeldMessage', { messageId: 'g-1', release: false })).rejects.toMatchObject({ code: grpc.status.ABORTED, details: expect.stringMatching(/^ALREADY_DECIDED: /) });
    await expect(unary(client, 'DecideHeldMessage', { messageId: 'nope', release: false })).rejects.toMatchObject({ code: grpc.status.NOT_FOUND, details: expect.stringMatching(/^MESSAGE_NOT_FOUND: /) });
    await expect(unary(client, 'ListHeldMessages', { limit: 501 })).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
  });
});
