import { ephemeralDataProtection } from '@sms/data-protection';
import { InMemoryEventStore } from '@sms/event-store';
import type { DomainError } from '@sms/service-kit';
import { SEALED_FIELD } from '@sms/use-case-kit/core';
import { createViolations, type Violations } from '../../supervision/application/violations';
import { SUPERVISION_EVENTS, violationStream } from '../../supervision/domain/events';
import { RecordViolationHandler } from '../../supervision/record-violation/handler';
import { createHeldMessages } from '../application/held-messages';
import { HELD_MESSAGE_EVENTS, heldMessageStream } from '../domain/held-message';
import { SqliteHeldMessageStore } from '../infrastructure/sqlite-held-message-store';
import { blockEvidence, DecideHeldMessageHandler, reviewerBlockViolationId } from './handler';

const clock = { now: () => new Date('2026-03-01T09:00:00.000Z') };

describe('DecideHeldMessageHandler (decision streams on an in-memory event store, held messages in SQLite)', () => {
  let store: InMemoryEventStore;
  let close: () => void;
  let held: SqliteHeldMessageStore;
  let protection: ReturnType<typeof ephemeralDataProtection>;
  let handler: DecideHeldMessageHandler;
  let violations: Violations;

  beforeEach(async () => {
    store = new InMemoryEventStore();
    protection = ephemeralDataProtection();
    ({ store: held, close } = SqliteHeldMessageStore.inMemory(protection.ring));
    violations = createViolations(store, protection.ring);
    handler = new DecideHeldMessageHandler(createHeldMessages(store, protection.ring), held, clock, new RecordViolationHandler(violations, clock));
    await held.record([
      {
        messageId: 'm-1',
        batchId: 'b-1',
        accountId: 'acc-1',
        kind: 'marketing',
        category: 'missing-opt-out',
        terms: [],
        segments: 2,
        countryCode: 'CN',
        operator: 'CTCC',
        heldAt: '2026-03-01T08:00:00.000Z',
        text: '【商城】全场5折',
      },
      {
        messageId: 'm-2',
        batchId: 'b-1',
        accountId: 'acc-1',
        kind: 'notification',
        category: 'fraud',
        terms: ['加微信', '冒充客服'],
        segments: 1,
        countryCode: 'CN',
        operator: 'CMCC',
        heldAt: '2026-03-01T08:00:00.000Z',
        text: '【银行】请加微信 13812345678 办理',
      },
    ]);
  });

  afterEach(async () => {
    await store.close();
    close();
  });

  const rejection = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error as DomainError);

  it('DOMAIN §3: records the decision on the message stream, the reviewer named and the reason sealed', async () => {
    expect(await handler.handle({ messageId: 'm-1', release: false, reason: '未含退订方式', decidedBy: 'key-r' })).toEqual({
      messageId: 'm-1',
      released: false,
      decidedAt: '2026-03-01T09:00:00.000Z',
    });
    const [recorded] = await store.readStream(heldMessageStream('m-1'));
    expect(recorded.type).toBe(HELD_MESSAGE_EVENTS.blocked);
    expect(recorded.data).toMatchObject({ messageId: 'm-1', batchId: 'b-1', accountId: 'acc-1', segments: 2, countryCode: 'CN', operator: 'CTCC', decidedBy: 'key-r', reason: '' });
    expect(typeof (recorded.data as Record<string, unknown>)[SEALED_FIELD]).toBe('string');
    expect(JSON.stringify(recorded.data)).not.toContain('退订');
  });

  it('DOMAIN §3: a second decision is ALREADY_DECIDED, an id screening never held MESSAGE_NOT_FOUND', async () => {
    await handler.handle({ messageId: 'm-1', release: true, decidedBy: 'key-r' });
    expect(await rejection(handler.handle({ messageId: 'm-1', release: false, decidedBy: 'key-r' }))).toMatchObject({ code: 'ALREADY_DECIDED' });
    expect(await rejection(handler.handle({ messageId: 'm-unknown', release: true, decidedBy: 'key-r' }))).toMatchObject({ code: 'MESSAGE_NOT_FOUND' });
    await expect(store.readStream(heldMessageStream('m-unknown'))).rejects.toThrow(/not found/);
    expect(await store.readStream(heldMessageStream('m-1'))).toHaveLength(1);
  });

  it("answers ACCOUNT_ERASED for a reason to seal once the account's key is destroyed", async () => {
    protection.ring.destroy('acc-1');
    expect(await rejection(handler.handle({ messageId: 'm-1', release: false, reason: 'x', decidedBy: 'key-r' }))).toMatchObject({ code: 'ACCOUNT_ERASED' });
  });

  it('DOMAIN §3: a block with recordViolation records one REVIEWER violation of the account, evidence sealed, id from the message', async () => {
    const decided = await handler.handle({ messageId: 'm-2', release: false, reason: '冒充银行客服', recordViolation: true, decidedBy: 'key-r' });
    const violationId = reviewerBlockViolationId('m-2');
    expect(decided).toEqual({ messageId: 'm-2', released: false, decidedAt: '2026-03-01T09:00:00.000Z', violationId });
    expect((await violations.load(violationStream(violationId))).state).toMatchObject({
      violationId,
      accountId: 'acc-1',
      category: 'fraud',
      origin: 'REVIEWER',
      recordedBy: 'key-r',
      status: 'OPEN',
      evidence: "held message m-2 blocked by a reviewer; category: fraud; terms: 加微信, 冒充客服; reviewer's reason: 冒充银行客服",
    });
    const [recorded] = await store.readStream(violationStream(violationId));
    expect(recorded.type).toBe(SUPERVISION_EVENTS.violationRecorded);
    expect(JSON.stringify(recorded.data)).not.toContain('冒充');
    expect(JSON.stringify(recorded.data)).not.toContain('13812345678');
    // A retried request is ALREADY_DECIDED and records nothing more.
    expect(await rejection(handler.handle({ messageId: 'm-2', release: false, recordViolation: true, decidedBy: 'key-r' }))).toMatchObject({ code: 'ALREADY_DECIDED' });
    expect(await store.readStream(violationStream(violationId))).toHaveLength(1);
  });

  it('recordViolation with release is VALIDATION_FAILED and decides nothing; a block without it records no violation', async () => {
    expect(await rejection(handler.handle({ messageId: 'm-2', release: true, recordViolation: true, decidedBy: 'key-r' }))).toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(store.readStream(heldMessageStream('m-2'))).rejects.toThrow(/not found/);
    expect(await handler.handle({ messageId: 'm-2', release: false, recordViolation: false, decidedBy: 'key-r' })).not.toHaveProperty('violationId');
    expect((await violations.load(violationStream(reviewerBlockViolationId('m-2')))).state).toBeNull();
  });

  it("names a category supervision does not know 'other' and keeps the evidence within its limit", async () => {
    const long = blockEvidence({ messageId: 'm', batchId: 'b', accountId: 'a', kind: 'marketing', category: 'x', terms: Array.from({ length: 900 }, (_, i) => `t${i}`), segments: 1, countryCode: 'CN', operator: 'CMCC', heldAt: '' }, 'r');
    expect([...long]).toHaveLength(4000);
    await handler.handle({ messageId: 'm-1', release: false, recordViolation: true, decidedBy: 'key-r' });
    // missing-opt-out is a hold reason, no violation category: recorded as 'other', the evidence names it.
    expect((await violations.load(violationStream(reviewerBlockViolationId('m-1')))).state).toMatchObject({ category: 'other', evidence: expect.stringContaining('category: missing-opt-out') });
  });
});
