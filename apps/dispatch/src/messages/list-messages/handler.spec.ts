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

  it('finds a number in any notation the send API takes, by batch and by outId', async () => {
    const messages = new InMemoryMessageReadModel();
    await messages.insertBatches([
      batchOf('b-1', ['m-1', 'm-2'], { outId: 'order-1' }),
      batchOf('b-2', ['m-3'], { acceptedAt: '2026-11-23T11:00:00.000Z' }),
    ]);
    // Whatever the read model does with notations, the handler hands it E.164.
    const asked: Array<string | undefined> = [];
    const query = messages.query.bind(messages);
    messages.query = async (q) => (asked.push(q.phoneNumber), query(q));
    const handler = new ListMessagesHandler(messages);
    const ids = async (filters: object) => (await handler.handle({ accountId: 'acc-1', ...filters })).items.map((m) => m.messageId);
    for (const notation of ['13800138000', '+86 138-0013-8000', '0086 138 0013 8000', '8613800138000', ' 138 0013 8000 ']) {
      expect(await ids({ phoneNumber: notation })).toEqual(['m-1', 'm-3']);
    }
    expect(new Set(asked)).toEqual(new Set(['+8613800138000']));
    expect(await ids({ batchId: 'b-1' })).toEqual(['m-1', 'm-2']);
    expect(await ids({ outId: 'order-1', phoneNumber: '13800138001' })).toEqual(['m-2']);
    expect(await ids({ outId: 'order-2' })).toEqual([]);
  });

  it.each(['abc', '123', '+86 138 0013 8000 ext 1', '010-12345678', ''])('refuses %j as a phone number instead of answering an empty page', async (phoneNumber) => {
    await expect(new ListMessagesHandler(new InMemoryMessageReadModel()).handle({ accountId: 'acc-1', phoneNumber })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      detail: expect.stringMatching(/^phoneNumber: /),
    });
  });

  it('refuses a cursor it never gave out', async () => {
    await expect(new ListMessagesHandler(new InMemoryMessageReadModel()).handle({ accountId: 'acc-1', cursor: 'garbage' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
