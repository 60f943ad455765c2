import type { RecordedEvent } from '@sms/event-store';
import { INBOUND_EVENT_TYPES, InboundRouted } from '../domain/events';
import { toInboundMessage } from './outbox-mapping';

const recorded = (data: InboundRouted): RecordedEvent => ({
  id: '5cfa5131-40db-5243-8289-862d40307288',
  type: INBOUND_EVENT_TYPES.inboundRouted,
  streamName: `dispatch-inbound-${data.accountId ?? 'unmatched'}`,
  revision: 0n,
  position: 7n,
  data,
  metadata: { causationId: 'e-1', traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
  created: new Date('2026-11-23T10:00:01.000Z'),
});

const routed: InboundRouted = {
  inboundId: 'in-1',
  accountId: 'acc-1',
  signatureId: 'sig-1',
  phoneNumber: '+8613800138000',
  content: '退订',
  receivedAt: '2026-11-23T10:00:00.000Z',
  optOut: true,
};

describe('toInboundMessage', () => {
  it('maps a routed reply to sms.inbound-message.v1 keyed by account, with the domain event id and trace context', () => {
    expect(toInboundMessage(recorded(routed), routed)).toEqual([
      {
        id: '5cfa5131-40db-5243-8289-862d40307288',
        type: 'sms.inbound-message.v1',
        source: '/sms/dispatch',
        time: '2026-11-23T10:00:01.000Z',
        key: 'acc-1',
        data: routed,
        extensions: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
      },
    ]);
  });

  it('leaves signatureId out when the routed reply has none', () => {
    const withoutSignature = { ...routed, signatureId: undefined };
    const [message] = toInboundMessage(recorded(withoutSignature), withoutSignature);
    expect('signatureId' in message.data).toBe(false);
  });

  it('publishes nothing for a reply no account claimed', () => {
    const { accountId: _a, signatureId: _s, ...unmatched } = routed;
    expect(toInboundMessage(recorded(unmatched), unmatched)).toEqual([]);
  });
});
