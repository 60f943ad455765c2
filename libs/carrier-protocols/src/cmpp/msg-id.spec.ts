import fc from 'fast-check';
import { CmppProtocolError } from './errors';
import { composeCmppMsgId, parseCmppMsgId, readCmppMsgId, writeCmppMsgId, type CmppMsgIdParts } from './msg-id';

/** Worked by hand: ((((((11·2^5 + 26)·2^5 + 22)·2^6 + 41)·2^6 + 55)·2^22 + 123456)·2^16 + 789 = 0xbd5a9dc1e2400315. */
const PARTS: CmppMsgIdParts = { month: 11, day: 26, hour: 22, minute: 41, second: 55, gatewayCode: 123456, sequence: 789 };
const DECIMAL = '13644391477122433813';

describe('CMPP Msg_Id', () => {
  it('packs month 4, day 5, hour 5, minute 6, second 6, gateway 22, sequence 16 bits into an unsigned decimal', () => {
    expect(composeCmppMsgId(PARTS)).toBe(DECIMAL);
    expect(BigInt(DECIMAL).toString(16)).toBe('bd5a9dc1e2400315');
    expect(parseCmppMsgId(DECIMAL)).toEqual(PARTS);
  });

  it('reads and writes the 8 octets big-endian and unsigned', () => {
    const bytes = Buffer.alloc(10);
    writeCmppMsgId(bytes, DECIMAL, 1);
    expect(bytes.toString('hex')).toBe('00bd5a9dc1e240031500');
    expect(readCmppMsgId(bytes, 1)).toBe(DECIMAL);
  });

  it('round-trips any valid parts', () => {
    const parts = fc.record({
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 31 }),
      hour: fc.integer({ min: 0, max: 23 }),
      minute: fc.integer({ min: 0, max: 59 }),
      second: fc.integer({ min: 0, max: 59 }),
      gatewayCode: fc.integer({ min: 0, max: 2 ** 22 - 1 }),
      sequence: fc.integer({ min: 0, max: 0xffff }),
    });
    fc.assert(fc.property(parts, (p) => expect(parseCmppMsgId(composeCmppMsgId(p))).toEqual(p)));
  });

  it.each([
    ['a month of 13', { ...PARTS, month: 13 }],
    ['a gateway code of 2^22', { ...PARTS, gatewayCode: 2 ** 22 }],
    ['a sequence of 65536', { ...PARTS, sequence: 65536 }],
    ['a fractional second', { ...PARTS, second: 1.5 }],
  ])('refuses %s', (_, parts) => {
    expect(() => composeCmppMsgId(parts)).toThrow(CmppProtocolError);
  });

  it.each(['', '-1', '18446744073709551616', '0x10', '007', '1e3'])('refuses %j as a Msg_Id', (text) => {
    expect(() => parseCmppMsgId(text)).toThrow(CmppProtocolError);
  });
});
