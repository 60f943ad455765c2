import { MESSAGE_KINDS } from '@sms/contracts';
import { WorkflowSpecification } from '@sms/use-case-kit/core';
import type { BatchEvent } from './events';
import { type FundsReserved, routeBatchWorkflow } from './route-batch';
import { ChannelRouter, channelsOfTable, type RoutableChannel, ROUTABLE_OPERATORS, routerOfTable } from './routing';

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

describe('choosing a channel, failing over from one down or paused (DOMAIN §7; terms §9.2; ADR 0018)', () => {
  it('prefers an open channel to a paused one, UP to THROTTLING to DOWN or unknown, then the higher priority, then the id', () => {
    const route = (...channels: RoutableChannel[]) => new ChannelRouter(channels).route('CMCC', 'notification', 'CN');
    expect(route(channel('a', { priority: 1 }), channel('b', { priority: 5 }))).toBe('b');
    expect(route(channel('a', { priority: 1 }), channel('b', { priority: 5, health: 'THROTTLING' }))).toBe('a');
    expect(route(channel('a', { health: 'DOWN', priority: 9 }), channel('b', { health: 'THROTTLING' }))).toBe('b');
    expect(route(channel('a', { health: 'UNKNOWN', priority: 9 }), channel('b', { health: 'DOWN' }))).toBe('a');
    expect(route(channel('a', { paused: true, priority: 9 }), channel('b', { health: 'DOWN' }))).toBe('b');
    expect(route(channel('b'), channel('a'))).toBe('a');
    // A paused channel still serves: the message waits there rather than failing.
    expect(route(channel('a', { paused: true }))).toBe('a');
    // A disabled one does not.
    expect(route(channel('a', { enabled: false }))).toBeUndefined();
  });

  it('serves only its operators and kinds; international traffic by the country of the number', () => {
    const router = new ChannelRouter([
      channel('cmcc', { operators: new Set(['CMCC']), priority: 10 }),
      channel('otp', { kinds: new Set(['verification']), priority: 20 }),
      channel('europe', { operators: new Set(['INTERNATIONAL']), countries: new Set(['GB', 'FR']), priority: 30 }),
      channel('world', { operators: new Set(['INTERNATIONAL', 'CUCC']), kinds: new Set(['notification', 'international']) }),
    ]);
    expect(router.route('CMCC', 'notification', 'CN')).toBe('cmcc');
    expect(router.route('CMCC', 'verification', 'CN')).toBe('otp');
    expect(router.route('CUCC', 'notification', 'CN')).toBe('world');
    expect(router.route('CTCC', 'notification', 'CN')).toBeUndefined();
    expect(router.route('INTERNATIONAL', 'notification', 'GB')).toBe('europe');
    expect(router.route('INTERNATIONAL', 'notification', 'US')).toBe('world');
    expect(router.route('INTERNATIONAL', 'marketing', 'US')).toBeUndefined();
  });

  it('builds each candidate list once and answers from it (the same list object every time)', () => {
    const router = new ChannelRouter([channel('a'), channel('b')]);
    const first = router.candidates('INTERNATIONAL', 'notification', 'GB');
    expect(router.candidates('INTERNATIONAL', 'notification', 'GB')).toBe(first);
    expect(router.candidates('INTERNATIONAL', 'notification', 'FR')).not.toBe(first);
    // Domestic lists do not depend on the country.
    expect(router.candidates('CMCC', 'notification', 'CN')).toBe(router.candidates('CMCC', 'notification', 'XX'));
  });

  it('routes a handed-back message to the best other open channel, or to none', () => {
    const router = new ChannelRouter([channel('a', { priority: 9 }), channel('b', { health: 'DOWN' }), channel('c', { paused: true })]);
    expect(router.reroute('CMCC', 'notification', 'CN', 'a')).toBe('b');
    expect(router.reroute('CMCC', 'notification', 'CN', 'b')).toBe('a');
    expect(new ChannelRouter([channel('a'), channel('c', { paused: true })]).reroute('CMCC', 'notification', 'CN', 'a')).toBeUndefined();
  });

  it('reads DISPATCH_ROUTES as channels: the default serves every operator, one named for an operator is preferred', () => {
    expect(channelsOfTable({ CMCC: 'cmpp-1', '*': 'smpp-default' })).toEqual([
      { channelId: 'cmpp-1', operators: ['CMCC'], priority: 100 },
      { channelId: 'smpp-default', operators: [...ROUTABLE_OPERATORS], priority: 0 },
    ]);
    expect(routerOfTable({ CMCC: 'cmpp-1', '*': 'smpp-default' }).route('CMCC', 'marketing', 'CN')).toBe('cmpp-1');
  });
});

describe('routing a batch by kind and country', () => {
  const accepted: BatchEvent = {
    type: 'BatchAccepted',
    data: {
      batchId: 'b-1',
      accountId: 'acc-1',
      kind: 'verification',
      signatureId: 'sig-1',
      templateId: 'tpl-1',
      acceptedAt: '2026-11-23T10:00:00.000Z',
      texts: { domestic: '【阿里云】123456', international: '123456' },
      messages: [
        { messageId: 'm-1', phoneNumber: '+8613800138000', countryCode: 'CN', operator: 'CMCC', segments: 1, encoding: 'ucs2', text: 'domestic' },
        { messageId: 'm-2', phoneNumber: '+447400123456', countryCode: 'GB', operator: 'INTERNATIONAL', segments: 1, encoding: 'gsm7', text: 'international' },
        { messageId: 'm-3', phoneNumber: '+12025550123', countryCode: 'US', operator: 'INTERNATIONAL', segments: 1, encoding: 'gsm7', text: 'international' },
      ],
      rejected: [],
    },
  };
  const reserved: FundsReserved = { type: 'FundsReserved', reserved: [{ messageId: 'm-1' }, { messageId: 'm-2' }, { messageId: 'm-3' }], routedAt: '2026-11-23T10:00:05.000Z' };

  it("sends each message to the best channel for its kind and country; one no channel serves fails NO_ROUTE", () => {
    const router = new ChannelRouter([
      channel('otp', { operators: new Set(['CMCC']), kinds: new Set(['verification']) }),
      channel('uk', { operators: new Set(['INTERNATIONAL']), countries: new Set(['GB']) }),
      channel('bulk', { kinds: new Set(['marketing']) }),
    ]);
    const outputs = WorkflowSpecification.for(routeBatchWorkflow(router)).given([accepted]).when(reserved).outputs;
    expect(outputs.map((o) => (o.type === 'BatchRouted' ? [o.data.channelId, o.data.messages.map((m) => m.messageId)] : [o.type, (o.data as { messageIds: string[] }).messageIds]))).toEqual([
      ['otp', ['m-1']],
      ['uk', ['m-2']],
      ['BatchRoutingFailed', ['m-3']],
    ]);
  });
});
