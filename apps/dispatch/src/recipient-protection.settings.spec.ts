import { loadConfig } from '@sms/service-kit';
import { DispatchConfig } from './dispatch.config';

describe('DispatchConfig: recipient protection (ADR 0022)', () => {
  it('defaults to the guard of DOMAIN §3, 100 send requests a second per account (burst 200) and marketing 08:00–21:00', () => {
    const config = loadConfig({}).settings(DispatchConfig);
    expect(config.frequencyPolicy.limits.map((l) => l.label)).toEqual(['verification 1/1m', 'verification 5/1h', 'verification 10/1d', '* 50/1d']);
    expect([config.ACCOUNT_SEND_RATE, config.ACCOUNT_SEND_BURST]).toEqual([100, 200]);
    expect(config.marketingSendWindow).toEqual({ opens: 480, closes: 1260 });
  });

  it('reads them from the environment', () => {
    const config = loadConfig({ FREQUENCY_LIMITS: 'off', ACCOUNT_SEND_RATE: '0', MARKETING_SEND_WINDOW: '00:00-24:00' }).settings(DispatchConfig);
    expect(config.frequencyPolicy.limits).toEqual([]);
    expect(config.ACCOUNT_SEND_RATE).toBe(0);
    expect(config.marketingSendWindow).toEqual({ opens: 0, closes: 1440 });
  });

  it.each([
    ['FREQUENCY_LIMITS', 'verification:1/1w', 'not count/window'],
    ['FREQUENCY_LIMITS', 'sms:1/1m', 'neither * nor a message kind'],
    ['ACCOUNT_SEND_RATE', '-1', 'ACCOUNT_SEND_RATE'],
    ['ACCOUNT_SEND_BURST', '0', 'ACCOUNT_SEND_BURST'],
    ['MARKETING_SEND_WINDOW', '8-21', 'HH:MM-HH:MM'],
    ['MARKETING_SEND_WINDOW', '21:00-21:00', 'HH:MM-HH:MM'],
  ])('refuses %s=%s, naming it and why', (name, value, why) => {
    expect(() => loadConfig({ [name]: value }).settings(DispatchConfig)).toThrow(name);
    expect(() => loadConfig({ [name]: value }).settings(DispatchConfig)).toThrow(why);
  });
});
