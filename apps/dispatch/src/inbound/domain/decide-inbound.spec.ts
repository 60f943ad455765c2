import { decideInbound, DEFAULT_ROUTING_WINDOW_MS, extensionIn, InboundContext, InboundMo, senderNumber } from './decide-inbound';

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

describe('decideInbound with an extension code: replies routed by signature (DOMAIN §1)', () => {
  const owner = { accountId: 'acc-ext', signatureId: 'sig-ext' };

  it("given the reply was addressed to a signature's code, then it goes to that signature though another account wrote to the number since", () => {
    const routed = decideInbound(mo({ to: '106900001000' }), { extensionOwner: owner, lastOutbound: sentBefore(1000, 'acc-recent', 'sig-recent') });
    expect(routed).toMatchObject({ accountId: 'acc-ext', signatureId: 'sig-ext', optOut: false });
  });

  it('given the code, then the routing window does not matter: the code names the signature, not a send', () => {
    expect(decideInbound(mo(), { extensionOwner: owner, lastOutbound: sentBefore(DEFAULT_ROUTING_WINDOW_MS * 3) }).accountId).toBe('acc-ext');
    expect(decideInbound(mo(), { extensionOwner: owner }).accountId).toBe('acc-ext');
  });

  it.each([['ＴＤ'], ['ｓｔｏｐ'], ['Ｕｎｓｕｂｓｃｒｉｂｅ'], ['退订'], ['Ｒ'], ['t']])('given the code, a reply of %j is an opt-out of that account', (content) => {
    expect(decideInbound(mo({ content }), { extensionOwner: owner })).toMatchObject({ accountId: 'acc-ext', signatureId: 'sig-ext', optOut: true });
  });
});

describe('extensionIn', () => {
  const ours = ['10690000'];

  it('reads the code after one of our service numbers', () => {
    expect(extensionIn('106900001000', ours)).toBe('1000');
    expect(extensionIn('10690000123456', ours)).toBe('123456');
    expect(extensionIn(' 1069000054321 ', ours)).toBe('54321');
  });

  it.each([
    ['the service number alone', '10690000'],
    ['too short a tail', '10690000999'],
    ['too long a tail', '106900001234567'],
    ['a leading zero', '106900000123'],
    ['another service number', '106500001000'],
    ['a number that merely ends like a code', '13800131000'],
    ['letters', '10690000ABCD'],
    ['nothing', ''],
    ['no address', undefined],
  ])('finds none in %s', (_case, to) => {
    expect(extensionIn(to, ours)).toBeUndefined();
  });

  it('tries the longest service number first, and the others after', () => {
    expect(extensionIn('1069000012345', ['1069', '10690000'])).toBe('12345');
    expect(extensionIn('10691000', ['1069', '10690000'])).toBe('1000');
    expect(extensionIn('106900001000', ['', '10650000'])).toBeUndefined();
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
