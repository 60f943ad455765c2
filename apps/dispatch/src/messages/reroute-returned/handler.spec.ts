import { MESSAGES_RETURNED_V1, type MessagesReturnedV1 } from '@sms/contracts';
import { InMemoryEventStore } from '@sms/event-store';
import { deterministicId } from '@sms/service-kit';
import { dispatchCodec } from '../../dispatch.codec';
import { consumed, InMemoryMessageReadModel, InMemoryReadModelDatabase } from '../../test-support';
import { batchCommandHandler, type Batches } from '../application/batches';
import { batchOf } from '../application/message-read-model.contract';
import { batchStream } from '../domain/events';
import { routerOfTable } from '../domain/routing';
import { RerouteReturnedHandler } from './handler';

const clock = { now: () => new Date('2026-11-23T10:01:00.000Z') };
const batch = batchOf('b-1', ['m-1', 'm-2']);

describe('RerouteReturnedHandler (what the carrier hands back, routed again)', () => {
  let store: InMemoryEventStore;
  let batches: Batches;
  let messages: InMemoryMessageReadModel;
  let handler: RerouteReturnedHandler;
  const handBack = (channelId: string, ids: string[], id = '3f0c2f5e-4a4b-4c39-9f0e-2d7f7a1b0001') =>
    consumed<MessagesReturnedV1>(MESSAGES_RETURNED_V1, { accountId: 'acc-1', channelId, reason: 'CHANNEL_DOWN', returnedAt: '2026-11-23T10:00:59.000Z', messages: ids.map((messageId) => ({ messageId, batchId: 'b-1' })) }, id);

  beforeEach(async () => {
    store = new InMemoryEventStore();
    batches = batchCommandHandler(store, dispatchCodec);
    messages = new InMemoryMessageReadModel();
    await messages.insertBatches([batch]);
    await batches.handle(batchStream('b-1'), () => ({
      ok: true,
      events: [
        { type: 'BatchAccepted', data: batch },
        { type: 'BatchRouted', data: { batchId: 'b-1', accountId: 'acc-1', channelId: 'smpp-a', routedAt: '2026-11-23T10:00:05.000Z', messages: batch.messages.map((m) => ({ messageId: m.messageId, phoneNumber: m.phoneNumber, segments: m.segments, operator: m.operator })) } },
      ],
    }));
    await messages.advance(batch.messages.map((m) => ({ messageId: m.messageId, status: 'QUEUED' as const, channelId: 'smpp-a' })));
    handler = new RerouteReturnedHandler(batches, new InMemoryReadModelDatabase(), messages, clock, routerOfTable({ CMCC: 'smpp-a', '*': 'smpp-b' }));
  });

  afterEach(() => store.close());

  it('routes what was handed back to another channel, with an id derived from the hand-back; the message stays QUEUED on its new channel', async () => {
    const event = handBack('smpp-a', ['m-1']);
    await handler.handle(event);
    const stream = await store.readStream(batchStream('b-1'));
    expect(stream.slice(2).map((e) => [e.id, e.type])).toEqual([[deterministicId(event.id, 'rerouted', 'b-1', 'smpp-b'), 'dispatch.BatchRouted.v1']]);
    expect(stream[2].data).toMatchObject({ channelId: 'smpp-b', returnedBy: event.id, reroutedFrom: 'smpp-a', messages: [{ messageId: 'm-1' }] });
    expect(stream[2].metadata).toMatchObject({ causationId: event.id });
    expect(await messages.find('m-1')).toMatchObject({ status: 'QUEUED', channelId: 'smpp-b' });
    expect(await messages.find('m-2')).toMatchObject({ status: 'QUEUED', channelId: 'smpp-a' });
  });

  it('routes nothing twice on a redelivery, even by a process that cached nothing', async () => {
    const event = handBack('smpp-a', ['m-1', 'm-2']);
    await handler.handle(event);
    await handler.handle(event);
    const fresh = new RerouteReturnedHandler(batchCommandHandler(store, dispatchCodec), new InMemoryReadModelDatabase(), messages, clock, routerOfTable({ CMCC: 'smpp-a', '*': 'smpp-b' }));
    await fresh.handle(event);
    expect((await store.readStream(batchStream('b-1'))).map((e) => e.type)).toEqual(['dispatch.BatchAccepted.v2', 'dispatch.BatchRouted.v1', 'dispatch.BatchRouted.v1']);
  });

  it('leaves alone a hand-back from a channel the messages left already, and batches it never accepted', async () => {
    await handler.handle(handBack('smpp-b', ['m-1'], '3f0c2f5e-4a4b-4c39-9f0e-2d7f7a1b0002'));
    expect(await store.readStream(batchStream('b-1'))).toHaveLength(2);
    await handler.handle(consumed<MessagesReturnedV1>(MESSAGES_RETURNED_V1, { accountId: 'acc-1', channelId: 'smpp-a', reason: 'CHANNEL_PAUSED', returnedAt: '2026-11-23T10:00:59.000Z', messages: [{ messageId: 'x', batchId: 'b-unknown' }] }));
    await expect(store.readStream(batchStream('b-unknown'))).rejects.toThrow();
  });

  it('refuses a malformed payload', async () => {
    await expect(handler.handle(consumed(MESSAGES_RETURNED_V1, { accountId: 'acc-1', channelId: 'smpp-a', reason: 'BORED', returnedAt: 'now', messages: [] }))).rejects.toThrow(/reason, returnedAt/);
  });
});
