import { InMemoryMessageReadModel } from '../../test-support';
import { batchOf } from '../application/message-read-model.contract';
import { decodeCursor, ListMessagesHandler } from './handler';

describe('ListMessagesHandler', () => {
  it('pages an account’s messages with an opaque cursor, absent on the last page', async () => {
    const messages = new InMemoryMessageReadModel();
    await messages.insertBatches([batchOf('b-1', ['m-1', 'm-2', 'm-3'])]);
    const handler = new ListMessagesHandler(messages);
    const first = await handler.handle({ accountId: 'acc-1', limit: 2 });
    expect(first.items.map((m) => m.messageId)).toEqual(['m-1', 'm-2']);
    expect(decodeCursor(first.nextCursor ?? '')).toEqual({ acceptedAt: '2026-11-23T10:00:00.000Z', messageId: 'm-2' });
    const second = await handler.handle({ accountId: 'acc-1', limit: 2, cursor: first.nextCursor });
    expect(second).toEqual({ items: [expect.objectContaining({ messageId: 'm-3' })] });
    expect((await handler.handle({ accountId: 'acc-1' })).items).toHaveLength(3);
  });

  it('refuses a cursor it never gave out', async () => {
    await expect(new ListMessagesHandler(new InMemoryMessageReadModel()).handle({ accountId: 'acc-1', cursor: 'garbage' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
