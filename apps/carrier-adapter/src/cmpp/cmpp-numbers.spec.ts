import fc from 'fast-check';
import { fromCmppTerminalId, toCmppTerminalId } from './cmpp-numbers';

describe('CMPP terminal ids', () => {
  it('sends a Chinese E.164 number nationally, without +86', () => {
    expect(toCmppTerminalId('+8613800138000')).toBe('13800138000');
    expect(toCmppTerminalId(' +8613900139000 ')).toBe('13900139000');
  });

  it("dials another country's number with China's international prefix, and keeps national digits as they are", () => {
    expect(toCmppTerminalId('+85291234567')).toBe('0085291234567');
    expect(toCmppTerminalId('13800138000')).toBe('13800138000');
  });

  it('reads a mobile number back as E.164, whether the gateway wrote it nationally, with 86 or with 0086', () => {
    expect(fromCmppTerminalId('13800138000')).toBe('+8613800138000');
    expect(fromCmppTerminalId('8613800138000')).toBe('+8613800138000');
    expect(fromCmppTerminalId('008613800138000')).toBe('+8613800138000');
    expect(fromCmppTerminalId('0085291234567')).toBe('+85291234567');
  });

  it('leaves SP numbers, short codes and what it cannot place as sent', () => {
    expect(fromCmppTerminalId('106900001234')).toBe('106900001234');
    expect(fromCmppTerminalId('10086')).toBe('10086');
    expect(fromCmppTerminalId('12345678901')).toBe('12345678901');
    expect(fromCmppTerminalId('')).toBe('');
  });

  it('round-trips every Chinese mobile number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 9 }), fc.stringMatching(/^\d{9}$/), (second, rest) => {
        const e164 = `+861${second}${rest}`;
        expect(fromCmppTerminalId(toCmppTerminalId(e164))).toBe(e164);
      }),
    );
  });
});
