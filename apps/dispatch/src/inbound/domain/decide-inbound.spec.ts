import { decideInbound, DEFAULT_ROUTING_WINDOW_MS, InboundContext, InboundMo, senderNumber } from './decide-inbound';

const DAY = 24 * 60 * 60 * 1000;

const mo = (overrides: Partial<InboundMo> = {}): InboundMo => ({
  inboundId: 'in-1',
  from: '+8613800138000',
  content: '好的，收到',
  receivedAt: '2026-11-23T10:00:00.000Z',
  ...overrides,
});

const sentBefore = (ms: number, accountId = 'acc-1', signatureId = 'sig-1'): InboundContext['lastOutbound'] => ({
  accountId,
  signatureId,
  sentAt: new Date(Date.parse('2026-11-23T10:00:00.000Z') - ms).toISOString(),
});

describe('decideInbound', () => {
  it('given a message sent to the number an hour ago, when the number replies, then the reply goes to that account and signature', () => {
    const routed = decideInbound(mo(), { lastOutbound: sentBefore(60 * 60 * 1000) });
    expect(routed).toEqual({
      inboundId: 'in-1',
      accountId: 'acc-1',
      signatureId: 'sig-1',
      phoneNumber: '+8613800138000',
      content: '好的，收到',
      receivedAt: '2026-11-23T10:00:00.000Z',
      optOut: false,
    });
  });

  it('given a recent send, when the reply is 退订, then it is routed and marked as an opt-out', () => {
    const routed = decideInbound(mo({ content: '退订' }), { lastOutbound: sentBefore(1000, 'acc-2', 'sig-9') });
    expect(routed).toMatchObject({ accountId: 'acc-2', signatureId: 'sig-9', optOut: true });
  });

  it('given no message was ever sent to the number, when it replies STOP, then the reply is unmatched but still an opt-out', () => {
    const routed = decideInbound(mo({ content: 'STOP' }), {});
    expect(routed).toEqual({
      inboundId: 'in-1',
      phoneNumber: '+8613800138000',
      content: 'STOP',
      receivedAt: '2026-11-23T10:00:00.000Z',
      optOut: true,
    });
    expect('accountId' in routed).toBe(false);
    expect('signatureId' in routed).toBe(false);
  });

  it('given the last send is exactly at the edge of the default 30-day window, then the reply is still routed', () => {
    expect(decideInbound(mo(), { lastOutbound: sentBefore(DEFAULT_ROUTING_WINDOW_MS) }).accountId).toBe('acc-1');
  });

  it('given the last send is older than the default 30 days, then the reply is unmatched', () => {
    expect(decideInbound(mo(), { lastOutbound: sentBefore(DEFAULT_ROUTING_WINDOW_MS + 1) }).accountId).toBeUndefined();
  });

  it('given a shorter configured window, then a send outside it no longer claims the reply', () => {
    const context = { lastOutbound: sentBefore(2 * DAY), routingWindowMs: DAY };
    expect(decideInbound(mo(), context).accountId).toBeUndefined();
    expect(decideInbound(mo(), { ...context, routingWindowMs: 3 * DAY }).accountId).toBe('acc-1');
  });

  it('given the only send happened after the reply arrived, then the reply is unmatched', () => {
    expect(decideInbound(mo(), { lastOutbound: sentBefore(-1000) }).accountId).toBeUndefined();
  });

  it('normalises the sender to E.164 and the receive time to UTC', () => {
    const routed = decideInbound(mo({ from: '13800138000', receivedAt: '2026-11-23T18:00:00+08:00' }), {});
    expect(routed.phoneNumber).toBe('+8613800138000');
    expect(routed.receivedAt).toBe('2026-11-23T10:00:00.000Z');
  });
});

describe('senderNumber', () => {
  it('keeps E.164, completes national mainland numbers and leaves addresses that are not phone numbers alone', () => {
    expect(senderNumber('+447400123456')).toBe('+447400123456');
    expect(senderNumber('13800138000')).toBe('+8613800138000');
    expect(senderNumber(' 10690000 ')).toBe('10690000');
    expect(senderNumber('BANK')).toBe('BANK');
  });
});
