import { INBOUND_MESSAGE_V1, type InboundMessageV1, INTERNAL_TOPICS, PUBLIC_TOPICS, SOURCES, VIOLATION_RECORDED_V1 } from '@sms/contracts';
import { callJson, eventuallyPasses as eventually, type ServiceUnderTest, startServiceUnderTest, testEvent } from '@sms/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContentReviewModule } from '../content-review.module';
import { SupervisionPipelines } from './infrastructure/supervision-pipelines';

// Three complaints suffice for a breach: the accounts here have no screened messages, so the minimum count decides.
const MIN_COUNT = '3';

describe('complaint keywords in MO replies (ADR 0034; sms.inbound on the in-process bus, SQLite)', () => {
  let dataDir: string;
  let service: ServiceUnderTest;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mo-complaints-int-'));
    // The settings reach the rule and the matcher through ContentReviewConfig, as the host's environment would.
    service = await startServiceUnderTest({ module: ContentReviewModule, dataDir, collect: [INTERNAL_TOPICS.violations], config: { COMPLAINT_MIN_COUNT: MIN_COUNT, COMPLAINT_KEYWORDS: 'JUNK,广告太多' } });
  });

  afterAll(async () => {
    await service?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** dispatch's `sms.inbound-message.v1` for a reply routed to `accountId`; resolves once every group handled it. */
  const mo = (accountId: string, content: string, phoneNumber = '+8613812345678', id: string = randomUUID()) => {
    const data: InboundMessageV1 = { inboundId: randomUUID(), accountId, phoneNumber, content, receivedAt: new Date().toISOString(), optOut: false };
    return service.bus.publish(PUBLIC_TOPICS.inbound, [testEvent(INBOUND_MESSAGE_V1, SOURCES.dispatch, accountId, data, id)]).then(() => id);
  };
  const complaintsOf = async (accountId: string) => {
    const response = await callJson('GET', `${service.url}/v1/complaints?accountId=${accountId}`);
    expect(response.status).toBe(200);
    return response.body.items as Array<Record<string, unknown>>;
  };
  const violationsOf = (accountId: string) => service.publishedOn(INTERNAL_TOPICS.violations).filter((e) => (e.data as { accountId: string }).accountId === accountId);

  it('records an MO "投诉" as one complaint of the routed account, masked, source MO — once under redelivery', async () => {
    const accountId = randomUUID();
    const eventId = await mo(accountId, '投诉');
    const listed = await complaintsOf(accountId);
    expect(listed).toEqual([
      { complaintId: expect.any(String), accountId, phoneNumber: '138****5678', reason: 'MO reply: 投诉', receivedBy: 'mo-reply', receivedAt: expect.any(String), source: 'MO' },
    ]);

    await mo(accountId, '投诉', '+8613812345678', eventId);
    expect(await complaintsOf(accountId)).toEqual(listed);

    // An ordinary reply, an opt-out and a long sentence using the word record nothing; a configured keyword does.
    await mo(accountId, '好的，收到');
    await mo(accountId, 'TD');
    await mo(accountId, 'Your report is ready, thank you very much for the quick service');
    expect(await complaintsOf(accountId)).toHaveLength(1);
    await mo(accountId, '广告太多！');
    expect((await complaintsOf(accountId)).map((c) => c['reason'])).toEqual(['MO reply: 广告太多！', 'MO reply: 投诉']);

    // The number and the text are sealed at rest.
    for (const file of readdirSync(dataDir).filter((f) => /\.db(-wal)?$/.test(f))) {
      const bytes = readFileSync(join(dataDir, file));
      expect([file, bytes.includes(Buffer.from('8613812345678')), bytes.includes(Buffer.from('广告太多！'))]).toEqual([file, false, false]);
    }
  });

  it('counts MO complaints in the complaint rate: enough of them record one COMPLAINT_RATE violation', async () => {
    const accountId = randomUUID();
    await mo(accountId, 'SPAM', '+8613900000001');
    await mo(accountId, '我要举报', '+8613900000002');
    await service.get(SupervisionPipelines).caughtUp();
    expect(violationsOf(accountId)).toEqual([]);

    const third = await mo(accountId, 'Junk', '+8613900000003');
    await eventually(async () => expect(violationsOf(accountId)).toHaveLength(1));
    expect(violationsOf(accountId)[0]).toMatchObject({ type: VIOLATION_RECORDED_V1, key: accountId, data: { accountId, category: 'complaints', origin: 'COMPLAINT_RATE', recordedBy: 'complaint-rate' } });
    expect(await complaintsOf(accountId)).toHaveLength(3);

    // A redelivered complaint adds neither a complaint nor a violation.
    await mo(accountId, 'Junk', '+8613900000003', third);
    await service.get(SupervisionPipelines).caughtUp();
    expect(await complaintsOf(accountId)).toHaveLength(3);
    expect(violationsOf(accountId)).toHaveLength(1);
  });
});
