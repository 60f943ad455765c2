import { InMemoryMessageReadModel } from '../../test-support';
import { batchOf } from '../application/message-read-model.contract';
import { GetMessageHandler } from './handler';

describe('GetMessageHandler', () => {
  it('answers a message the read model holds at once', async () => {
    const messages = new InMemoryMessageReadModel();
    await messages.insertBatches([batchOf('b-1', ['m-1'])]);
    let waits = 0;
    const handler = new GetMessageHandler(messages, { caughtUp: async () => void waits++ });
    expect(await handler.handle('m-1')).toMatchObject({ messageId: 'm-1', status: 'ACCEPTED' });
    expect(waits).toBe(0);
  });

  it('on a miss waits once for the projection to catch up (read-your-writes), then answers', async () => {
    const messages = new InMemoryMessageReadModel();
    let waits = 0;
    // The send answered before the projection ran; catching up brings the message in.
    const handler = new GetMessageHandler(messages, { caughtUp: async () => void (waits++, await messages.insertBatches([batchOf('b-1', ['m-1'])])) });
    expect(await handler.handle('m-1')).toMatchObject({ messageId: 'm-1' });
    expect(waits).toBe(1);
  });

  it('answers MESSAGE_NOT_FOUND when it is still missing after catching up', async () => {
    let waits = 0;
    const handler = new GetMessageHandler(new InMemoryMessageReadModel(), { caughtUp: async () => void waits++ });
    await expect(handler.handle('nope')).rejects.toMatchObject({ code: 'MESSAGE_NOT_FOUND' });
    expect(waits).toBe(1);
  });
});
