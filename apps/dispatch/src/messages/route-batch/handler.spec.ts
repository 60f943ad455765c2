import { type EventStore, InMemoryEventStore } from '@sms/event-store';
import { deterministicId } from '@sms/service-kit';
import { dispatchCodec } from '../../dispatch.codec';
import { DispatchConfig } from '../../dispatch.config';
import { accountLookup, consumed, fixedDirectory, InMemoryMessageReadModel, InMemoryReadModelDatabase } from '../../test-support';
import { batchCommandHandler, type Batches } from '../application/batches';
import { batchOf } from '../application/message-read-model.contract';
import type { BatchAccepted } from '../domain/events';
import { batchStream } from '../domain/events';
import { RouteBatchHandler } from './handler';

const clock = { now: () => new Date('2026-11-23T10:00:05.000Z') };
// m-3 is a China Unicom number: routes by operator leave it without a channel.
const threeMessages = batchOf('b-1', ['m-1', 'm-2', 'm-3'], { outId: 'order-7' });
const batch: BatchAccepted = { ...threeMessages, messages: threeMessages.messages.map((m, i) => (i === 2 ? { ...m, operator: 'CUCC' } : m)) };
const fundsReserved = consumed('sms.funds-reserved.v1', {
  batchId: 'b-1',
  accountId: 'acc-1',
  reservedAt: '2026-11-23T10:00:04.000Z',
  reserved: [
    { messageId: 'm-1', segments: 1, unitPriceMinor: 450, amountMinor: 450 },
    { messageId: 'm-3', segments: 1, unitPriceMinor: 450, amountMinor: 450 },
  ],
  rejected: [{ messageId: 'm-2', code: 'INSUFFICIENT_BALANCE' as const, detail: 'available 0.0000 < 0.0450' }],
});

/** Counts reads of the event store, to show routing decides on the cached batch. */
function countingReads(store: EventStore): { store: EventStore; reads: () => number } {
  let reads = 0;
  return {
    store: { ...store, appendToStream: store.appendToStream.bind(store), subscribeToAll: store.subscribeToAll.bind(store), close: store.close.bind(store), readStream: (...args) => (reads++, store.readStream(...args)) },
    reads: () => reads,
  };
}

describe('RouteBatchHandler (the routing workflow over the batch stream)', () => {
  let inner: InMemoryEventStore;
  let counted: ReturnType<typeof countingReads>;
  let batches: Batches;
  let db: InMemoryReadModelDatabase;
  let messages: InMemoryMessageReadModel;
  const handler = (routes = '*=smpp-default') => new RouteBatchHandler(batches, db, messages, clock, fixedDirectory(accountLookup('acc-1')), Object.assign(new DispatchConfig(), { DISPATCH_ROUTES: routes }));

  beforeEach(async () => {
    inner = new InMemoryEventStore();
    counted = countingReads(inner);
    batches = batchCommandHandler(counted.store, dispatchCodec);
    db = new InMemoryReadModelDatabase();
    messages = new InMemoryMessageReadModel();
    await batches.handle(batchStream('b-1'), () => ({ ok: true, events: [{ type: 'BatchAccepted', data: batch }] }));
    await messages.insertBatches([batch]);
  });

  afterEach(async () => {
    await inner.close();
  });

  it('appends BatchRouted per channel with ids derived from the consumed event, deciding on the cached batch', async () => {
    const readsBefore = counted.reads();
    await handler('CMCC=cmpp-1,*=smpp-default').handle(fundsReserved);
    expect(counted.reads()).toBe(readsBefore);
    const stream = await inner.readStream(batchStream('b-1'));
    expect(stream.slice(1).map((e) => [e.id, e.type, (e.data as { channelId: string }).channelId])).toEqual([
      [deterministicId(fundsReserved.id, 'routed', 'cmpp-1'), 'dispatch.BatchRouted.v1', 'cmpp-1'],
      [deterministicId(fundsReserved.id, 'routed', 'smpp-default'), 'dispatch.BatchRouted.v1', 'smpp-default'],
    ]);
    expect(stream[1].data).toEqual({ batchId: 'b-1', accountId: 'acc-1', channelId: 'cmpp-1', routedAt: '2026-11-23T10:00:05.000Z', messages: [{ messageId: 'm-1', phoneNumber: '+8613800138000', segments: 1, operator: 'CMCC' }] });
    expect(stream[1].metadata).toMatchObject({ causationId: fundsReserved.id, traceparent: fundsReserved.extensions?.traceparent });
    expect(await messages.find('m-1')).toMatchObject({ status: 'QUEUED', channelId: 'cmpp-1', priceMinor: 450 });
    expect(await messages.find('m-3')).toMatchObject({ status: 'QUEUED', channelId: 'smpp-default' });
    expect(await messages.find('m-2')).toMatchObject({ status: 'REJECTED', errorCode: 'INSUFFICIENT_BALANCE', errorDetail: 'available 0.0000 < 0.0450' });
  });

  it('fails messages no channel serves with NO_ROUTE, on the stream and in the read model', async () => {
    await handler('CMCC=smpp-default').handle(fundsReserved);
    const stream = await inner.readStream(batchStream('b-1'));
    expect(stream.map((e) => e.type)).toEqual(['dispatch.BatchAccepted.v2', 'dispatch.BatchRouted.v1', 'dispatch.BatchRoutingFailed.v1']);
    expect(stream[2]).toMatchObject({ id: deterministicId(fundsReserved.id, 'BatchRoutingFailed'), data: { code: 'NO_ROUTE', messageIds: ['m-3'] } });
    expect(await messages.find('m-3')).toMatchObject({ status: 'FAILED', errorCode: 'NO_ROUTE', errorDetail: 'No channel serves this operator' });
  });

  it('appends nothing and changes nothing on a redelivery', async () => {
    await handler().handle(fundsReserved);
    await messages.advance([{ messageId: 'm-1', status: 'SUBMITTED', submittedAt: '2026-11-23T10:00:06.000Z' }]);
    await handler().handle(fundsReserved);
    expect(await inner.readStream(batchStream('b-1'))).toHaveLength(2);
    expect((await messages.find('m-1'))?.status).toBe('SUBMITTED');
  });

  it('after a crash between the append and the statuses, the redelivery applies them from the stream and appends nothing', async () => {
    const failing = Object.assign(Object.create(messages) as InMemoryMessageReadModel, {
      advance: async () => {
        throw new Error('disk full');
      },
    });
    await expect(new RouteBatchHandler(batches, db, failing, clock, fixedDirectory(accountLookup('acc-1')), new DispatchConfig()).handle(fundsReserved)).rejects.toThrow('disk full');
    expect(await inner.readStream(batchStream('b-1'))).toHaveLength(2);
    expect((await messages.find('m-1'))?.status).toBe('ACCEPTED');
    // A fresh process (nothing cached) takes the redelivery.
    batches = batchCommandHandler(inner, dispatchCodec);
    await handler().handle(fundsReserved);
    expect(await inner.readStream(batchStream('b-1'))).toHaveLength(2);
    expect(await messages.find('m-1')).toMatchObject({ status: 'QUEUED', channelId: 'smpp-default' });
  });

  it('applies refusals for a batch it never accepted, and appends nothing', async () => {
    const other = consumed('sms.funds-reserved.v1', { ...fundsReserved.data, batchId: 'b-unknown' }, 'e8b0c6a4-1d5e-4c1f-9a55-0d7c1e0a0002');
    await handler().handle(other);
    await expect(inner.readStream(batchStream('b-unknown'))).rejects.toThrow();
    expect((await messages.find('m-2'))?.status).toBe('REJECTED');
  });

  describe("a held message a reviewer released (ADR 0036): reserved later, under the same batch", () => {
    const reservedOnly = (messageIds: string[], id: string) =>
      consumed(
        'sms.funds-reserved.v1',
        { batchId: 'b-1', accountId: 'acc-1', reservedAt: '2026-11-23T10:00:04.000Z', reserved: messageIds.map((messageId) => ({ messageId, segments: 1, unitPriceMinor: 450, amountMinor: 450 })), rejected: [] },
        id,
      );
    const screening = reservedOnly(['m-1'], 'e8b0c6a4-1d5e-4c1f-9a55-0d7c1e0a0011');
    const release = reservedOnly(['m-2'], 'e8b0c6a4-1d5e-4c1f-9a55-0d7c1e0a0012');

    beforeEach(async () => {
      await messages.advance([
        { messageId: 'm-2', status: 'HELD', errorCode: 'HELD_FOR_REVIEW', errorDetail: 'released by a reviewer' },
        { messageId: 'm-3', status: 'HELD', errorCode: 'HELD_FOR_REVIEW', errorDetail: 'held for human review: fraud' },
      ]);
    });

    it('routes the released message from the batch stream on its own FundsReserved, once, leaving the still-held one HELD', async () => {
      await handler().handle(screening);
      expect(await messages.find('m-2')).toMatchObject({ status: 'HELD' });
      await handler().handle(release);
      await handler().handle(release);
      // Republished under another id: the message is routed already, so nothing more.
      await handler().handle(reservedOnly(['m-2'], 'e8b0c6a4-1d5e-4c1f-9a55-0d7c1e0a0013'));
      const stream = await inner.readStream(batchStream('b-1'));
      expect(stream.slice(1).map((e) => [e.id, (e.data as { messages: Array<{ messageId: string }> }).messages.map((m) => m.messageId)])).toEqual([
        [deterministicId(screening.id, 'routed', 'smpp-default'), ['m-1']],
        [deterministicId(release.id, 'routed', 'smpp-default'), ['m-2']],
      ]);
      expect(await messages.find('m-2')).toMatchObject({ status: 'QUEUED', channelId: 'smpp-default', priceMinor: 450 });
      expect(await messages.find('m-3')).toMatchObject({ status: 'HELD', errorDetail: 'held for human review: fraud' });
    });

    it('withdraws a released message its account halt cancelled meanwhile: it stays CANCELLED, its funds released', async () => {
      await handler().handle(screening);
      await batches.handle(batchStream('b-1'), () => ({
        ok: true,
        events: [{ type: 'MessagesCancelled', data: { batchId: 'b-1', accountId: 'acc-1', code: 'ACCOUNT_SUSPENDED', detail: 'The account is suspended', cancelledAt: '2026-11-23T10:00:04.500Z', cancelled: ['m-2'], requested: [] } }],
      }));
      await messages.advance([{ messageId: 'm-2', status: 'CANCELLED', errorCode: 'ACCOUNT_SUSPENDED' }]);
      await handler().handle(release);
      const stream = await inner.readStream(batchStream('b-1'));
      expect(stream.at(-1)).toMatchObject({ type: 'dispatch.MessagesWithdrawn.v1', data: { code: 'ACCOUNT_SUSPENDED', messageIds: ['m-2'] } });
      expect(await messages.find('m-2')).toMatchObject({ status: 'CANCELLED', errorCode: 'ACCOUNT_SUSPENDED' });
    });
  });
});
