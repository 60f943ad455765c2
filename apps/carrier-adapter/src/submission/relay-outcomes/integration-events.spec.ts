import { INTERNAL_TOPICS, MESSAGES_RETURNED_V1, type MessagesReturnedV1, SOURCES } from '@sms/contracts';
import { toIntegrationEvents } from './integration-events';

describe('toIntegrationEvents: messages handed back (ADR 0018)', () => {
  it('publishes them on the submissions topic, one event per account and reason, ids from the entry', () => {
    const at = new Date('2026-11-23T10:00:30.000Z');
    const returned = (messageId: string, accountId: string, reason: 'CHANNEL_DOWN' | 'CHANNEL_PAUSED') => ({ messageId, batchId: `b-${accountId}`, accountId, reason, returnedAt: '2026-11-23T10:00:29.000Z' });
    const events = toIntegrationEvents('db-1', { seq: 7, kind: 'returned', channelId: 'a', items: [returned('m-1', 'acc-1', 'CHANNEL_DOWN'), returned('m-2', 'acc-2', 'CHANNEL_DOWN'), returned('m-3', 'acc-1', 'CHANNEL_DOWN'), returned('m-4', 'acc-1', 'CHANNEL_PAUSED')] }, at);
    expect(events.map((e) => [e.topic, e.event.type, e.event.key, e.event.source])).toEqual([
      [INTERNAL_TOPICS.submissions, MESSAGES_RETURNED_V1, 'acc-1', SOURCES.carrierAdapter],
      [INTERNAL_TOPICS.submissions, MESSAGES_RETURNED_V1, 'acc-2', SOURCES.carrierAdapter],
      [INTERNAL_TOPICS.submissions, MESSAGES_RETURNED_V1, 'acc-1', SOURCES.carrierAdapter],
    ]);
    expect(events[0].event.data).toEqual<MessagesReturnedV1>({
      accountId: 'acc-1',
      channelId: 'a',
      reason: 'CHANNEL_DOWN',
      returnedAt: '2026-11-23T10:00:29.000Z',
      messages: [
        { messageId: 'm-1', batchId: 'b-acc-1' },
        { messageId: 'm-3', batchId: 'b-acc-1' },
      ],
    });
    expect((events[2].event.data as MessagesReturnedV1).reason).toBe('CHANNEL_PAUSED');
    // The same entry republished after a crash gives the same ids.
    expect(toIntegrationEvents('db-1', { seq: 7, kind: 'returned', channelId: 'a', items: [returned('m-1', 'acc-1', 'CHANNEL_DOWN')] }, at)[0].event.id).toBe(events[0].event.id);
  });
});
