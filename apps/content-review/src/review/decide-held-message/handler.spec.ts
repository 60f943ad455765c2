import { ephemeralDataProtection } from '@sms/data-protection';
import { InMemoryEventStore } from '@sms/event-store';
import type { DomainError } from '@sms/service-kit';
import { SEALED_FIELD } from '@sms/use-case-kit/core';
import { createHeldMessages } from '../application/held-messages';
import { HELD_MESSAGE_EVENTS, heldMessageStream } from '../domain/held-message';
import { SqliteHeldMessageStore } from '../infrastructure/sqlite-held-message-store';
import { DecideHeldMessageHandler } from './handler';

const clock = { now: () => new Date('2026-03-01T09:00:00.000Z') };

describe('DecideHeldMessageHandler (decision streams on an in-memory event store, held messages in SQLite)', () => {
  let store: InMemoryEventStore;
  let close: () => void;
  let held: SqliteHeldMessageStore;
  let protection: ReturnType<typeof ephemeralDataProtection>;
  let handler: DecideHeldMessageHandler;

  beforeEach(async () => {
    store = new InMemoryEventStore();
    protection = ephemeralDataProtection();
    ({ store: held, close } = SqliteHeldMessageStore.inMemory(protection.ring));
    handler = new DecideHeldMessageHandler(createHeldMessages(store, protection.ring), held, clock);
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
});
