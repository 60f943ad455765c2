import { ephemeralDataProtection } from '@sms/data-protection';
import { SqliteHeldMessageStore } from '../infrastructure/sqlite-held-message-store';
import { ListHeldMessagesHandler } from './handler';

describe('ListHeldMessagesHandler (held messages in SQLite)', () => {
  let close: () => void;
  let held: SqliteHeldMessageStore;

  beforeEach(async () => {
    ({ store: held, close } = SqliteHeldMessageStore.inMemory(ephemeralDataProtection().ring));
    // Recorded out of order: the queue is oldest held first, ties by message id.
    await held.record(
      [
        ['m-3', '2026-03-01T08:00:02.000Z'],
        ['m-1', '2026-03-01T08:00:01.000Z'],
        ['m-2b', '2026-03-01T08:00:01.000Z'],
        ['m-2a', '2026-03-01T08:00:01.000Z'],
      ].map(([messageId, heldAt]) => ({
        messageId,
        batchId: 'b-1',
        accountId: 'acc-1',
        kind: 'notification' as const,
        category: 'fraud',
        terms: ['加微信'],
        segments: 1,
        countryCode: 'CN',
        operator: 'CMCC',
        heldAt,
        text: `text of ${messageId}`,
      })),
    );
  });

  afterEach(() => close());

  it('pages the undecided ones oldest first by cursor, the text opened; a decided one leaves the queue', async () => {
    const handler = new ListHeldMessagesHandler(held);
    const first = await handler.handle({ limit: 2 });
    expect(first.items.map((m) => [m.messageId, m.text])).toEqual([
      ['m-1', 'text of m-1'],
      ['m-2a', 'text of m-2a'],
    ]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await handler.handle({ limit: 2, cursor: first.nextCursor });
    expect(second.items.map((m) => m.messageId)).toEqual(['m-2b', 'm-3']);
    expect(second.nextCursor).toBeUndefined();

    await held.decided('m-2a', '2026-03-01T09:00:00.000Z');
    expect((await handler.handle()).items.map((m) => m.messageId)).toEqual(['m-1', 'm-2b', 'm-3']);
  });

  it('refuses a cursor it did not hand out', async () => {
    await expect(new ListHeldMessagesHandler(held).handle({ cursor: 'not-a-cursor' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
