import { createHash } from 'node:crypto';
import { cmppAuthenticatorIsmg, cmppAuthenticatorSource, cmppTimestamp, cmppTimestampText, cmppTimestampValue } from './authenticator';
import { CMPP_VERSION } from './constants';
import { CmppProtocolError } from './errors';

describe('CMPP authenticators', () => {
  it('AuthenticatorSource = MD5(Source_Addr + 9 zero octets + secret + MMDDHHMMSS), against a value computed once', () => {
    expect(cmppAuthenticatorSource('901234', 's3cr3t', '0102030405').toString('hex')).toBe('30b6be75459b716b168dba31b8d9cb4e');
    const byHand = createHash('md5')
      .update(Buffer.from('901234' + '\0'.repeat(9) + 's3cr3t' + '1126224155', 'latin1'))
      .digest();
    expect(cmppAuthenticatorSource('901234', 's3cr3t', '1126224155')).toEqual(byHand);
  });

  it('AuthenticatorISMG = MD5(Status + AuthenticatorSource + secret), Status 4 octets in 3.0 and 1 in 2.0', () => {
    const source = Buffer.from('30b6be75459b716b168dba31b8d9cb4e', 'hex');
    expect(cmppAuthenticatorIsmg(0, source, 's3cr3t', CMPP_VERSION.V3_0).toString('hex')).toBe('a70ff5bcb396e4ba1426f56291b91b1e');
    expect(cmppAuthenticatorIsmg(0, source, 's3cr3t', CMPP_VERSION.V2_0).toString('hex')).toBe('1d9330f3a281742b0e9096571da92e4b');
  });

  it('the Timestamp is MMDDHHMMSS in UTC+8 by default, carried as an integer', () => {
    const at = new Date('2026-01-02T19:04:05Z'); // 03:04:05 on 3 January in Beijing
    expect(cmppTimestamp(at)).toBe('0103030405');
    expect(cmppTimestamp(at, 0)).toBe('0102190405');
    expect(cmppTimestampValue('0103030405')).toBe(103030405);
    expect(cmppTimestampText(103030405)).toBe('0103030405');
  });

  it.each(['1301000000', '0132000000', '0101240000', '010100000', 'abcdefghij'])('refuses the timestamp %j', (ts) => {
    expect(() => cmppAuthenticatorSource('901234', 's', ts)).toThrow(CmppProtocolError);
  });
});
