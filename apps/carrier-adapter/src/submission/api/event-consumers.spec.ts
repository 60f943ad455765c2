import { ACCOUNT_STATUS_CHANGED_V1, INTERNAL_TOPICS, MESSAGE_CANCELLATIONS_REQUESTED_V1, MESSAGES_ROUTED_V1 } from '@sms/contracts';
import type { IntegrationEvent, MessageBus, SubscribeOptions } from '@sms/messaging';
import { consumed, FakeChannel, fixedClock } from '../../test-support';
import type { CancelQueuedHandler } from '../cancel-queued/handler';
import type { HaltAccountHandler } from '../halt-account/handler';
import type { QueueRoutedHandler } from '../queue-routed/handler';
import type { OperatorAnswer, RecordOutcomesHandler } from '../record-outcomes/handler';
import { CarrierEventConsumers, ROUTED_CONSUMER_GROUP, STOP_TRANSMISSION_CONSUMER_GROUP } from './event-consumers';

describe('CarrierEventConsumers', () => {
  const clock = fixedClock('2026-11-23T10:00:30.000Z');
  let subscribed: SubscribeOptions | undefined;
  let groups: SubscribeOptions[];
  let stopping: Array<[string, IntegrationEvent]>;
  let closed: number;
  let queued: IntegrationEvent[];
  let answers: OperatorAnswer[];
  let consumers: CarrierEventConsumers;

  beforeEach(() => {
    subscribed = undefined;
    groups = [];
    stopping = [];
    closed = 0;
    queued = [];
    answers = [];
    const bus = {
      subscribe: async (options: SubscribeOptions) => {
        groups.push(options);
        if (options.groupId === ROUTED_CONSUMER_GROUP) subscribed = options;
        return { close: async () => void closed++ };
      },
    } as unknown as MessageBus;
    const queueRouted = { handle: async (event: IntegrationEvent) => void queued.push(event) } as unknown as QueueRoutedHandler;
    const recordOutcomes = { handle: (answer: OperatorAnswer) => void answers.push(answer) } as unknown as RecordOutcomesHandler;
    const haltAccount = { handle: async (event: IntegrationEvent) => void stopping.push(['halt', event]) } as unknown as HaltAccountHandler;
    const cancelQueued = { handle: async (event: IntegrationEvent) => void stopping.push(['cancel', event]) } as unknown as CancelQueuedHandler;
    consumers = new CarrierEventConsumers(bus, clock, queueRouted, recordOutcomes, haltAccount, cancelQueued);
  });

  it('hands routed events of its group to queue-routed, and nothing else on the topic', async () => {
    await consumers.subscribe();
    expect(subscribed).toMatchObject({ groupId: ROUTED_CONSUMER_GROUP, topics: [INTERNAL_TOPICS.messagesRouted] });
    const context = { topic: INTERNAL_TOPICS.messagesRouted, partition: 0, offset: '0', attempt: 1 };
    await subscribed?.handler(consumed(MESSAGES_ROUTED_V1, {}), context);
    await subscribed?.handler(consumed('sms.messages-routed.v2', {}), context);
    expect(queued.map((e) => e.type)).toEqual([MESSAGES_ROUTED_V1]);
    await consumers.close();
    expect(closed).toBe(2);
  });

  it('hands account status changes to halt-account and cancellation requests to cancel-queued, in a group of their own', async () => {
    await consumers.subscribe();
    const group = groups.find((g) => g.groupId === STOP_TRANSMISSION_CONSUMER_GROUP);
    expect(group?.topics.sort()).toEqual([INTERNAL_TOPICS.accounts, INTERNAL_TOPICS.messageCancellations].sort());
    const context = { topic: INTERNAL_TOPICS.accounts, partition: 0, offset: '0', attempt: 1 };
    await group?.handler(consumed(ACCOUNT_STATUS_CHANGED_V1, {}), context);
    await group?.handler(consumed(MESSAGE_CANCELLATIONS_REQUESTED_V1, {}), { ...context, topic: INTERNAL_TOPICS.messageCancellations });
    await group?.handler(consumed('sms.account-opened.v9', {}), context);
    expect(stopping.map(([to, event]) => [to, event.type])).toEqual([
      ['halt', ACCOUNT_STATUS_CHANGED_V1],
      ['cancel', MESSAGE_CANCELLATIONS_REQUESTED_V1],
    ]);
  });

  it('leaves the group it joined when the other fails to join, and fails the start', async () => {
    const failing = {
      subscribe: async (options: SubscribeOptions) => {
        if (options.groupId === STOP_TRANSMISSION_CONSUMER_GROUP) throw new Error('group did not join');
        return { close: async () => void closed++ };
      },
    } as unknown as MessageBus;
    const noop = { handle: async () => undefined };
    const starting = new CarrierEventConsumers(failing, clock, noop as never, noop as never, noop as never, noop as never);
    await expect(starting.subscribe()).rejects.toThrow('group did not join');
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
