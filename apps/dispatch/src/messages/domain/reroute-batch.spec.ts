import { WorkflowSpecification } from '@sms/use-case-kit/core';
import type { BatchEvent } from './events';
import { type MessagesReturned, rerouteBatchWorkflow } from './reroute-batch';
import { ChannelRouter, type RoutableChannel, ROUTABLE_OPERATORS } from './routing';
import { MESSAGE_KINDS } from '@sms/contracts';

const accepted: BatchEvent = {
  type: 'BatchAccepted',
  data: {
    batchId: 'b-1',
    accountId: 'acc-1',
    kind: 'notification',
    signatureId: 'sig-1',
    templateId: 'tpl-1',
    acceptedAt: '2026-11-23T10:00:00.000Z',
    texts: { domestic: '【阿里云】您好', international: 'Hello' },
    messages: [
      { messageId: 'm-1', phoneNumber: '+8613800138000', countryCode: 'CN', operator: 'CMCC', segments: 1, encoding: 'ucs2', text: 'domestic' },
      { messageId: 'm-2', phoneNumber: '+8613012345678', countryCode: 'CN', operator: 'CUCC', segments: 1, encoding: 'ucs2', text: 'domestic' },
      { messageId: 'm-3', phoneNumber: '+447400123456', countryCode: 'GB', operator: 'INTERNATIONAL', segments: 1, encoding: 'gsm7', text: 'international' },
    ],
    rejected: [],
  },
};
const routedTo = (channelId: string, ...ids: string[]): BatchEvent => ({
  type: 'BatchRouted',
  data: {
    batchId: 'b-1',
    accountId: 'acc-1',
    channelId,
    routedAt: '2026-11-23T10:00:05.000Z',
    messages: (accepted.data as { messages: Array<{ messageId: string; phoneNumber: string; segments: number; operator: 'CMCC' }> }).messages
      .filter((m) => ids.includes(m.messageId))
      .map((m) => ({ messageId: m.messageId, phoneNumber: m.phoneNumber, segments: m.segments, operator: m.operator })),
  },
});
const channel = (channelId: string, change: Partial<RoutableChannel> = {}): RoutableChannel => ({
  channelId,
  operators: new Set(ROUTABLE_OPERATORS),
  kinds: new Set(MESSAGE_KINDS),
  priority: 0,
  enabled: true,
  paused: false,
  health: 'UP',
  ...change,
});
const routedAt = '2026-11-23T10:01:00.000Z';
const returned = (channelId: string, ...messageIds: string[]): MessagesReturned => ({ type: 'MessagesReturned', returnedBy: 'ret-1', channelId, messageIds, routedAt });

describe('routing again what the carrier handed back (failover)', () => {
  const twoChannels = WorkflowSpecification.for(rerouteBatchWorkflow(new ChannelRouter([channel('a', { priority: 10, health: 'DOWN' }), channel('b')])));

  it('given messages routed to a channel that handed them back, then each goes to the best other open channel, marked with the hand-back', () => {
    twoChannels
      .given([accepted, routedTo('a', 'm-1', 'm-2')])
      .when(returned('a', 'm-1', 'm-2'))
      .then([
        {
          type: 'BatchRouted',
          data: {
            batchId: 'b-1',
            accountId: 'acc-1',
            channelId: 'b',
            routedAt,
            messages: [
              { messageId: 'm-1', phoneNumber: '+8613800138000', segments: 1, operator: 'CMCC' },
              { messageId: 'm-2', phoneNumber: '+8613012345678', segments: 1, operator: 'CUCC' },
            ],
            returnedBy: 'ret-1',
            reroutedFrom: 'a',
          },
        },
      ]);
  });

  it('given the hand-back was routed again already, when it is redelivered, then nothing — even when it went back to the same channel', () => {
    const once = twoChannels.given([accepted, routedTo('a', 'm-1')]).when(returned('a', 'm-1')).outputs;
    twoChannels.given([accepted, routedTo('a', 'm-1'), ...once]).when(returned('a', 'm-1')).thenNothing();
    const alone = WorkflowSpecification.for(rerouteBatchWorkflow(new ChannelRouter([channel('a', { paused: true })])));
    const back = alone.given([accepted, routedTo('a', 'm-1')]).when(returned('a', 'm-1')).outputs;
    expect(back).toEqual([expect.objectContaining({ data: expect.objectContaining({ channelId: 'a', returnedBy: 'ret-1' }) })]);
    alone.given([accepted, routedTo('a', 'm-1'), ...back]).when(returned('a', 'm-1')).thenNothing();
  });

  it('given no other open channel serves a message, then it goes back to the channel that handed it back, where it waits', () => {
    const onlyPausedOther = WorkflowSpecification.for(rerouteBatchWorkflow(new ChannelRouter([channel('a', { paused: true }), channel('b', { paused: true })])));
    const [output] = onlyPausedOther.given([accepted, routedTo('a', 'm-1')]).when(returned('a', 'm-1')).outputs;
    expect(output).toMatchObject({ data: { channelId: 'a', messages: [{ messageId: 'm-1' }] } });
    // A channel that serves only domestic operators is no place for an international message.
    const domestic = WorkflowSpecification.for(rerouteBatchWorkflow(new ChannelRouter([channel('a'), channel('d', { operators: new Set(['CMCC', 'CUCC']) })])));
    const [abroad] = domestic.given([accepted, routedTo('a', 'm-3')]).when(returned('a', 'm-3')).outputs;
    expect(abroad).toMatchObject({ data: { channelId: 'a', messages: [{ messageId: 'm-3' }] } });
  });

  it('leaves alone messages routed elsewhere meanwhile, cancelled, or not of the batch; and batches it never accepted', () => {
    twoChannels.given([accepted, routedTo('b', 'm-1')]).when(returned('a', 'm-1')).thenNothing();
    twoChannels.given([accepted, routedTo('a', 'm-1')]).when(returned('a', 'nope')).thenNothing();
    twoChannels.given([]).when(returned('a', 'm-1')).thenNothing();
    const cancelled: BatchEvent = {
      type: 'MessagesCancelled',
      data: { batchId: 'b-1', accountId: 'acc-1', code: 'CANCELLED', detail: 'by the customer', cancelledAt: routedAt, cancelled: [], requested: [{ messageId: 'm-1', channelId: 'a' }] },
    };
    twoChannels.given([accepted, routedTo('a', 'm-1'), cancelled]).when(returned('a', 'm-1')).thenNothing();
  });
});
