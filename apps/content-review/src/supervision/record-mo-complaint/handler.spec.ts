import { INBOUND_MESSAGE_V1, type InboundMessageV1, SOURCES } from '@sms/contracts';
import { ephemeralDataProtection } from '@sms/data-protection';
import { InMemoryEventStore } from '@sms/event-store';
import type { IntegrationEvent } from '@sms/messaging';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createViolations } from '../application/violations';
import { complaintMatcher } from '../domain/complaint-keywords';
import { DEFAULT_COMPLAINT_RATE } from '../domain/complaint-rate';
import { openComplaintRepository, type SqliteComplaintRepository } from '../infrastructure/sqlite-complaint-repository';
import { RecordComplaintHandler } from '../record-complaint/handler';
import { RecordViolationHandler } from '../record-violation/handler';
import { InvalidInboundPayloadError, MO_COMPLAINT_RECORDER, RecordMoComplaintHandler } from './handler';

const clock = { now: () => new Date('2026-03-01T08:00:00.000Z') };

const reply = (id: string, data: Partial<InboundMessageV1>): IntegrationEvent => ({
  id,
  type: INBOUND_MESSAGE_V1,
  source: SOURCES.dispatch,
  time: clock.now().toISOString(),
  key: data.accountId ?? 'unmatched',
  data: { inboundId: `in-${id}`, accountId: 'acc-1', phoneNumber: '+8613812345678', content: '投诉', receivedAt: clock.now().toISOString(), optOut: false, ...data },
});

describe('RecordMoComplaintHandler (complaint keywords in MO replies; SQLite file, in-memory event store)', () => {
  let dir: string;
  let closeDb: () => void;
  let store: InMemoryEventStore;
  let complaints: SqliteComplaintRepository;
  let handler: RecordMoComplaintHandler;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mo-complaint-'));
    const { ring } = ephemeralDataProtection();
    const opened = openComplaintRepository(join(dir, 'content-review.db'), ring);
    complaints = opened.complaints;
    closeDb = opened.close;
    store = new InMemoryEventStore();
    const recordComplaint = new RecordComplaintHandler(complaints, DEFAULT_COMPLAINT_RATE, clock, new RecordViolationHandler(createViolations(store, ring), clock));
    handler = new RecordMoComplaintHandler(complaintMatcher(['JUNK']), recordComplaint);
  });

  afterEach(async () => {
    await store.close();
    closeDb();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records a complaint reply for the account it was routed to, source MO, once however often it is delivered', async () => {
    expect(await handler.handle(reply('e-1', { content: '投诉！天天发广告' }))).toBe('recorded');
    expect(await handler.handle(reply('e-1', { content: '投诉！天天发广告' }))).toBe('recorded');
    const listed = await complaints.list({ accountId: 'acc-1', limit: 10 });
    expect(listed).toEqual([
      {
        complaintId: expect.any(String),
        accountId: 'acc-1',
        phoneNumber: '+8613812345678',
        reason: 'MO reply: 投诉！天天发广告',
        receivedBy: MO_COMPLAINT_RECORDER,
        receivedAt: clock.now().toISOString(),
        source: 'MO',
      },
    ]);
    // Another reply (another event) is another complaint; a configured keyword counts too.
    expect(await handler.handle(reply('e-2', { content: 'junk' }))).toBe('recorded');
    expect(await complaints.countSince('acc-1', '1970-01-01T00:00:00Z')).toBe(2);
  });

  it('ignores an ordinary reply, an unrouted one and one from an address that is no phone number', async () => {
    expect(await handler.handle(reply('e-3', { content: 'Your report is ready, thanks' }))).toBe('not-a-complaint');
    expect(await handler.handle(reply('e-4', { content: 'TD' }))).toBe('not-a-complaint');
    const { accountId: _dropped, ...unrouted } = reply('e-5', {}).data as InboundMessageV1;
    expect(await handler.handle({ ...reply('e-5', {}), data: unrouted })).toBe('unrouted');
    expect(await handler.handle(reply('e-6', { phoneNumber: '10086' }))).toBe('no-phone-number');
    expect(await complaints.countSince('acc-1', '1970-01-01T00:00:00Z')).toBe(0);
  });

  it('refuses a malformed payload (the bus retries and dead-letters it)', async () => {
    for (const data of [null, 'x', { accountId: 'acc-1', phoneNumber: '+8613812345678' }, { accountId: 'acc-1', content: '投诉' }, { accountId: 7, phoneNumber: '+8613812345678', content: '投诉' }]) {
      await expect(handler.handle({ ...reply('e-7', {}), data })).rejects.toBeInstanceOf(InvalidInboundPayloadError);
    }
  });
});
