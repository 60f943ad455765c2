import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { INTERNAL_TOPICS, MESSAGES_ACCEPTED_V1, type MessagesAcceptedV1, type MessagesScreenedV1, protoFile, SOURCES } from '@sms/contracts';
import { SqliteEventStore } from '@sms/event-store';
import { callJson as call, eventually, grpcUnary as unary, type ServiceUnderTest, startServiceUnderTest, testEvent } from '@sms/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ContentReviewModule } from '../content-review.module';
import { ContentReviewPipelines } from '../integration/content-review-pipelines';
import { CurrentLexicon } from './application/current-lexicon';
import { LexiconFollower } from './follow-lexicon/follower';

const LOADER = { keepCase: true, longs: String, enums: String, defaults: true };
/** The promise is 1 s; the test asserts well inside it (SQLite subscriptions poll every 200 ms). */
const WITHIN_MS = 700;
const TERM = '蓝鲸跳跳乐';
const TEXT = `今晚八点 ${TERM} 等你来`;

/**
 * Two content-review processes on one event store: instance A is the whole service (HTTP, gRPC, screening consumer);
 * instance B is a second follower on its own connection to the same SQLite event-store file, as another process
 * would open it. A change made through A must reach B's engine within 1 s.
 */
describe('runtime lexicon (SQLite event store shared by two instances)', () => {
  let dataDir: string;
  let a: ServiceUnderTest;
  let storeB: SqliteEventStore;
  let followerB: LexiconFollower;
  let lexiconB: CurrentLexicon;
  let grpcClient: any;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'content-review-lexicon-'));
    a = await startServiceUnderTest({
      module: ContentReviewModule,
      dataDir,
      grpc: { package: 'sms.review.v1', protoPath: protoFile('review.proto') },
      collect: [INTERNAL_TOPICS.messagesScreened],
    });
    storeB = new SqliteEventStore(join(dataDir, 'event-store.db'));
    lexiconB = new CurrentLexicon();
    followerB = new LexiconFollower(storeB, lexiconB);
    await followerB.onModuleInit();
    const loaded: any = grpc.loadPackageDefinition(protoLoader.loadSync(protoFile('review.proto'), LOADER));
    grpcClient = new loaded.sms.review.v1.LexiconService(a.grpcUrl, grpc.credentials.createInsecure());
  });

  afterAll(async () => {
    grpcClient?.close();
    await followerB?.onModuleDestroy();
    await storeB?.close();
    await a?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const appliedByB = async (version: number, started: number): Promise<number> => {
    expect(await lexiconB.waitFor(version, 5_000)).toBe(true);
    return performance.now() - started;
  };

  it('adds a term through A: A screens with it at once, B within 1 s; retiring it stops both', async () => {
    const before = await call('POST', `${a.url}/v1/screenings`, { content: TEXT, kind: 'notification' });
    expect(before.body).toMatchObject({ outcome: 'PASS', lexiconVersion: 0 });
    expect(lexiconB.snapshot().engine.screen(TEXT, 'notification').outcome).toBe('PASS');

    const started = performance.now();
    const added = await call('POST', `${a.url}/v1/lexicon/terms`, { term: TERM, category: 'gambling', action: 'BLOCK' });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({ termId: expect.any(String), term: TERM, category: 'gambling', action: 'BLOCK', source: 'runtime', version: 1 });
    const addLatency = await appliedByB(1, started);
    expect(addLatency).toBeLessThan(WITHIN_MS);
    expect(lexiconB.snapshot().engine.screen(TEXT, 'notification')).toMatchObject({ outcome: 'BLOCK', category: 'gambling' });

    // A answers its 201 once it screens with the term itself.
    const after = await call('POST', `${a.url}/v1/screenings`, { content: TEXT, kind: 'notification' });
    expect(after.body).toMatchObject({ outcome: 'BLOCK', category: 'gambling', lexiconVersion: 1 });

    const list = await call('GET', `${a.url}/v1/lexicon?offset=0&limit=1000`);
    expect(list.status).toBe(200);
    expect(list.body.version).toBe(1);
    // The built-in lexicon can outgrow one page (v9: over 1,000 terms): follow nextOffset to the end.
    for (let next = list.body.nextOffset; next !== undefined; ) {
      const page = await call('GET', `${a.url}/v1/lexicon?offset=${next}&limit=1000`);
      list.body.terms.push(...page.body.terms);
      next = page.body.nextOffset;
    }
    expect(list.body.terms).toContainEqual({ termId: added.body.termId, term: TERM, category: 'gambling', action: 'BLOCK', source: 'runtime' });
    expect(list.body.terms.filter((t: { source: string }) => t.source === 'builtin').length).toBeGreaterThan(100);

    const retireStarted = performance.now();
    const retired = await call('DELETE', `${a.url}/v1/lexicon/terms/${added.body.termId}`, { reason: 'campaign over' });
    expect([retired.status, retired.body]).toEqual([204, undefined]);
    const retireLatency = await appliedByB(2, retireStarted);
    expect(retireLatency).toBeLessThan(WITHIN_MS);
    expect(lexiconB.snapshot().engine.screen(TEXT, 'notification').outcome).toBe('PASS');
    expect((await call('POST', `${a.url}/v1/screenings`, { content: TEXT, kind: 'notification' })).body).toMatchObject({ outcome: 'PASS', lexiconVersion: 2 });
    console.log(`lexicon change applied by the second instance after ${addLatency.toFixed(0)} ms (add), ${retireLatency.toFixed(0)} ms (retire)`);
  });

  it('answers problem+json for bad changes: unknown category 400, duplicate 409, unknown term 404, retired term 409', async () => {
    const unknownCategory = await call('POST', `${a.url}/v1/lexicon/terms`, { term: '某词', category: 'spam', action: 'BLOCK' });
    expect([unknownCategory.status, unknownCategory.body.code, unknownCategory.contentType]).toEqual([400, 'VALIDATION_FAILED', expect.stringContaining('problem+json')]);
    const badAction = await call('POST', `${a.url}/v1/lexicon/terms`, { term: '某词', category: 'fraud', action: 'DROP' });
    expect([badAction.status, badAction.body.code]).toEqual([400, 'VALIDATION_FAILED']);

    const first = await call('POST', `${a.url}/v1/lexicon/terms`, { term: '紫鲸跳跳乐', category: 'fraud', action: 'REVIEW' });
    expect(first.status).toBe(201);
    const duplicate = await call('POST', `${a.url}/v1/lexicon/terms`, { term: ' 紫鲸跳跳乐', category: 'fraud', action: 'BLOCK' });
    expect([duplicate.status, duplicate.body.code]).toEqual([409, 'TERM_EXISTS']);

    const unknown = await call('DELETE', `${a.url}/v1/lexicon/terms/no-such-term`);
    expect([unknown.status, unknown.body.code]).toEqual([404, 'TERM_NOT_FOUND']);
    expect((await call('DELETE', `${a.url}/v1/lexicon/terms/${first.body.termId}`)).status).toBe(204);
    const again = await call('DELETE', `${a.url}/v1/lexicon/terms/${first.body.termId}`, { reason: 'twice' });
    expect([again.status, again.body.code]).toEqual([409, 'TERM_RETIRED']);

    const badPage = await call('GET', `${a.url}/v1/lexicon?limit=5000`);
    expect([badPage.status, badPage.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('screens an accepted batch with the lexicon current when the batch arrives', async () => {
    const term = '黑鲸跳跳乐';
    const added = await call('POST', `${a.url}/v1/lexicon/terms`, { term, category: 'fraud', action: 'REVIEW' });
    expect(added.status).toBe(201);
    const batch: MessagesAcceptedV1 = {
      batchId: randomUUID(),
      accountId: randomUUID(),
      kind: 'notification',
      signatureId: randomUUID(),
      templateId: randomUUID(),
      acceptedAt: new Date().toISOString(),
      messages: [
        { messageId: 'm-clean', phoneNumber: '+8613800138000', countryCode: 'CN', operator: 'CMCC', segments: 1, encoding: 'ucs2', text: '【阿里云】您的订单已发货。' },
        { messageId: 'm-term', phoneNumber: '+8613012345678', countryCode: 'CN', operator: 'CUCC', segments: 1, encoding: 'ucs2', text: `【阿里云】${term}活动今晚开始。` },
      ],
    };
    await a.bus.publish(INTERNAL_TOPICS.messagesAccepted, [{ ...testEvent(MESSAGES_ACCEPTED_V1, SOURCES.dispatch, batch.accountId, batch), time: batch.acceptedAt }]);
    const screened = await eventually(async () => {
      await a.get(ContentReviewPipelines).caughtUp();
      return a.publishedOn<MessagesScreenedV1>(INTERNAL_TOPICS.messagesScreened).find((e) => e.data.batchId === batch.batchId);
    }, 'the screened batch');
    expect(screened.data.cleared.map((c) => c.messageId)).toEqual(['m-clean']);
    expect(screened.data.held).toEqual([{ messageId: 'm-term', category: 'fraud' }]);
  });

  it('serves the same operations over gRPC (sms.review.v1.LexiconService)', async () => {
    const added = await unary<any>(grpcClient, 'AddTerm', { term: '白鲸跳跳乐', category: 'gambling', action: 'BLOCK' });
    expect(added).toMatchObject({ term: '白鲸跳跳乐', category: 'gambling', action: 'BLOCK', source: 'runtime' });
    const page = await unary<any>(grpcClient, 'ListLexicon', { offset: 0, limit: 2 });
    expect(page).toMatchObject({ version: added.version, nextOffset: 2 });
    expect(page.terms).toHaveLength(2);
    expect(await unary<any>(grpcClient, 'RetireTerm', { termId: added.termId, reason: '' })).toEqual({ version: added.version + 1 });
    await expect(unary(grpcClient, 'RetireTerm', { termId: added.termId })).rejects.toMatchObject({ code: grpc.status.ABORTED, details: expect.stringMatching(/^TERM_RETIRED: /) });
    await expect(unary(grpcClient, 'AddTerm', { term: 'x', category: 'nope', action: 'BLOCK' })).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
    // The second instance saw both changes.
    expect(await lexiconB.waitFor(added.version + 1, 5_000)).toBe(true);
    expect(lexiconB.snapshot().terms.some((t) => t.termId === added.termId)).toBe(false);
  });
});
