import { INTERNAL_TOPICS, MESSAGES_ROUTED_V1 } from '@sms/contracts';
import type { IntegrationEvent, MessageBus, SubscribeOptions } from '@sms/messaging';
import { consumed, FakeChannel, fixedClock } from '../../test-support';
import type { QueueRoutedHandler } from '../queue-routed/handler';
import type { OperatorAnswer, RecordOutcomesHandler } from '../record-outcomes/handler';
import { CarrierEventConsumers, ROUTED_CONSUMER_GROUP } from './event-consumers';

describe('CarrierEventConsumers', () => {
  const clock = fixedClock('2026-11-23T10:00:30.000Z');
  let subscribed: SubscribeOptions | undefined;
  let closed: number;
  let queued: IntegrationEvent[];
  let answers: OperatorAnswer[];
  let consumers: CarrierEventConsumers;

  beforeEach(() => {
    subscribed = undefined;
    closed = 0;
    queued = [];
    answers = [];
    const bus = {
      subscribe: async (options: SubscribeOptions) => {
        subscribed = options;
        return { close: async () => void closed++ };
      },
    } as unknown as MessageBus;
    const queueRouted = { handle: async (event: IntegrationEvent) => void queued.push(event) } as unknown as QueueRoutedHandler;
    const recordOutcomes = { handle: (answer: OperatorAnswer) => void answers.push(answer) } as unknown as RecordOutcomesHandler;
    consumers = new CarrierEventConsumers(bus, clock, queueRouted, recordOutcomes);
  });

  it('hands routed events of its group to queue-routed, and nothing else on the topic', async () => {
    await consumers.subscribe();
    expect(subscribed).toMatchObject({ groupId: ROUTED_CONSUMER_GROUP, topics: [INTERNAL_TOPICS.messagesRouted] });
    const context = { topic: INTERNAL_TOPICS.messagesRouted, partition: 0, offset: '0', attempt: 1 };
    await subscribed?.handler(consumed(MESSAGES_ROUTED_V1, {}), context);
    await subscribed?.handler(consumed('sms.messages-routed.v2', {}), context);
    expect(queued.map((e) => e.type)).toEqual([MESSAGES_ROUTED_V1]);
    await consumers.close();
    expect(closed).toBe(1);
  });

  it("turns a channel's final receipts into receipts to record, and skips intermediate ones", () => {
    const channel = new FakeChannel('smpp-default', 1);
    consumers.listen(channel);
    channel.emit('receipt', { operatorMessageId: 'op-0', status: 'ENROUTE' });
    channel.emit('receipt', { operatorMessageId: 'op-1', status: 'DELIVERED', err: '000', doneDate: new Date('2026-11-23T10:00:00.000Z') });
    channel.emit('receipt', { operatorMessageId: 'op-2', status: 'UNDELIVERED', err: '001', doneDate: new Date('2026-11-23T08:15:00.000Z') });
    channel.emit('receipt', { operatorMessageId: 'op-3', status: 'EXPIRED' });
    expect(answers).toEqual([
      // Done this very minute: timed by its arrival (the receipt's date has minute resolution).
      { kind: 'receipt', receipt: { channelId: 'smpp-default', operatorMessageId: 'op-1', status: 'DELIVERED', doneAt: '2026-11-23T10:00:30.000Z' } },
      // Older: the operator's own time, and its error code.
      { kind: 'receipt', receipt: { channelId: 'smpp-default', operatorMessageId: 'op-2', status: 'UNDELIVERED', errorCode: '001', doneAt: '2026-11-23T08:15:00.000Z' } },
      { kind: 'receipt', receipt: { channelId: 'smpp-default', operatorMessageId: 'op-3', status: 'EXPIRED', doneAt: '2026-11-23T10:00:30.000Z' } },
    ]);
  });

  it("turns a channel's inbound messages into inbound results, each with its own id", () => {
    const channel = new FakeChannel('smpp-default', 1);
    consumers.listen(channel);
    channel.emit('inbound', { from: '+8613800138000', to: '10690000', text: 'TD', receivedAt: new Date('2026-11-23T10:00:20.000Z') });
    channel.emit('inbound', { from: '+8613800138000', to: '10690000', text: 'TD' });
    expect(answers).toEqual([
      { kind: 'inbound', channelId: 'smpp-default', message: { inboundId: expect.any(String), from: '+8613800138000', to: '10690000', content: 'TD', receivedAt: '2026-11-23T10:00:20.000Z' } },
      { kind: 'inbound', channelId: 'smpp-default', message: expect.objectContaining({ receivedAt: '2026-11-23T10:00:30.000Z' }) },
    ]);
    const [a, b] = answers as Array<Extract<OperatorAnswer, { kind: 'inbound' }>>;
    expect(a.message.inboundId).not.toBe(b.message.inboundId);
  });
});
