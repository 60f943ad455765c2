import { InMemoryEventStore } from '@sms/event-store';
import { dispatchCodec } from '../../dispatch.codec';
import { InMemoryMessageReadModel, InMemoryReadModelDatabase } from '../../test-support';
import { batchCommandHandler, type Batches } from '../application/batches';
import { batchOf } from '../application/message-read-model.contract';
import { batchStream } from '../domain/events';
import { HaltAccountHandler } from '../halt-account/handler';
import { CANCEL_REQUESTED } from '../domain/hold-and-cancel';
import { CancelMessagesHandler } from './handler';

const clock = { now: () => new Date('2026-11-24T09:00:00.000Z') };

describe('cancelling messages (CancelMessagesHandler, HaltAccountHandler)', () => {
  let store: InMemoryEventStore;
  let batches: Batches;
  let messages: InMemoryMessageReadModel;
  let cancel: CancelMessagesHandler;

  beforeEach(async () => {
    store = new InMemoryEventStore();
    batches = batchCommandHandler(store, dispatchCodec);
    messages = new InMemoryMessageReadModel();
    cancel = new CancelMessagesHandler(batches, new InMemoryReadModelDatabase(), messages, clock);
    const batch = batchOf('b-1', ['m-1', 'm-2', 'm-3']);
    await batches.handle(batchStream('b-1'), () => ({ ok: true, events: [{ type: 'BatchAccepted', data: batch }] }));
    await batches.handle(batchStream('b-1'), () => ({
      ok: true,
      events: [{ type: 'BatchRouted', data: { batchId: 'b-1', accountId: 'acc-1', channelId: 'smpp-a', routedAt: '2026-11-24T08:00:00.000Z', messages: [{ messageId: 'm-2', phoneNumber: '+8613800138001', segments: 1, operator: 'CMCC' }] } }],
    }));
    await messages.insertBatches([batch]);
    await messages.advance([{ messageId: 'm-2', status: 'QUEUED', channelId: 'smpp-a' }, { messageId: 'm-3', status: 'DELIVERED' }]);
  });

  const find = async (id: string) => {
    const found = await messages.find(id);
    if (!found) throw new Error(`no message ${id}`);
    return found;
  };

  it('cancels a message dispatch holds at once, and asks a queued one back from its carrier', async () => {
    expect(await cancel.cancelOne(await find('m-1'))).toMatchObject({ status: 'CANCELLED', errorCode: 'CANCELLED' });
    expect(await cancel.cancelOne(await find('m-2'))).toMatchObject({ status: 'QUEUED', errorCode: CANCEL_REQUESTED });
    const cancelled = (await store.readStream(batchStream('b-1'))).filter((e) => e.type === 'dispatch.MessagesCancelled.v1');
    expect(cancelled.map((e) => dispatchCodec.decode(e))).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ cancelled: ['m-1'], requested: [] }) }),
      expect.objectContaining({ data: expect.objectContaining({ cancelled: [], requested: [{ messageId: 'm-2', channelId: 'smpp-a' }] }) }),
    ]);
  });

  it('refuses a message an operator has taken, and a second cancellation, with MESSAGE_NOT_CANCELLABLE', async () => {
    await expect(cancel.cancelOne(await find('m-3'))).rejects.toMatchObject({ code: 'MESSAGE_NOT_CANCELLABLE', detail: expect.stringContaining('DELIVERED') });
    await cancel.cancelOne(await find('m-1'));
    await expect(cancel.cancelOne(await find('m-1'))).rejects.toMatchObject({ code: 'MESSAGE_NOT_CANCELLABLE' });
  });

  it('a halted account has what dispatch holds cancelled with the halt code, once; the carrier stops what it holds itself', async () => {
    const halt = new HaltAccountHandler(messages, cancel, clock);
    expect(await halt.handle('acc-1', 'ACTIVE')).toBe(0);
    expect(await halt.handle('acc-1', 'SUSPENDED')).toBe(1);
    expect(await find('m-1')).toMatchObject({ status: 'CANCELLED', errorCode: 'ACCOUNT_SUSPENDED' });
    expect((await find('m-2')).status).toBe('QUEUED');
    const length = (await store.readStream(batchStream('b-1'))).length;
    expect(await halt.handle('acc-1', 'SUSPENDED')).toBe(0);
    expect(await store.readStream(batchStream('b-1'))).toHaveLength(length);
  });
});
