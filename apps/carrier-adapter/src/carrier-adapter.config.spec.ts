import { loadConfig } from '@sms/service-kit';
import { CarrierAdapterConfig } from './carrier-adapter.config';

const settings = (env: Record<string, string>) => loadConfig(env).settings(CarrierAdapterConfig);

describe('CarrierAdapterConfig', () => {
  it('hosts the one channel the SMPP_* variables describe by default', () => {
    expect(settings({ SMPP_PORT: '2776', SMPP_WINDOW: '20' }).channels).toEqual([
      { id: 'smpp-default', host: '127.0.0.1', port: 2776, systemId: 'smsplatform', password: 'secret', window: 20, sessions: 1, sourceAddr: '10690000' },
    ]);
  });

  it('hosts more channels from CARRIER_CHANNELS, their window, sessions and source address defaulting to the SMPP_* ones', () => {
    const channels = [{ id: 'smpp-b', host: '10.0.0.2', port: 2775, systemId: 'acme', password: 'pw', sessions: 2 }];
    expect(settings({ SMPP_WINDOW: '30', CARRIER_CHANNELS: JSON.stringify(channels) }).channels.map((c) => [c.id, c.host, c.window, c.sessions, c.sourceAddr])).toEqual([
      ['smpp-default', '127.0.0.1', 30, 1, '10690000'],
      ['smpp-b', '10.0.0.2', 30, 2, '10690000'],
    ]);
    // An entry named smpp-default replaces the one of the SMPP_* variables.
    const replaced = settings({ CARRIER_CHANNELS: JSON.stringify([{ ...channels[0], id: 'smpp-default' }]) }).channels;
    expect(replaced.map((c) => [c.id, c.host])).toEqual([['smpp-default', '10.0.0.2']]);
  });

  it.each([
    ['not JSON', '[{'],
    ['an empty list', '[]'],
    ['a duplicate id', JSON.stringify([{ id: 'b', host: 'h', port: 1, systemId: 's', password: '' }, { id: 'b', host: 'h', port: 2, systemId: 's', password: '' }])],
    ['a bad port', JSON.stringify([{ id: 'b', host: 'h', port: 70000, systemId: 's', password: '' }])],
    ['an unknown field', JSON.stringify([{ id: 'b', host: 'h', port: 1, systemId: 's', password: '', windw: 5 }])],
    ['a bad id', JSON.stringify([{ id: 'b c', host: 'h', port: 1, systemId: 's', password: '' }])],
  ])('refuses CARRIER_CHANNELS with %s at start, naming it', (_what, value) => {
    expect(() => settings({ CARRIER_CHANNELS: value })).toThrow('CARRIER_CHANNELS');
  });

  it.each([['CHANNEL_FAILOVER_GRACE_MS', '-1'], ['CHANNEL_HEALTH_INTERVAL_MS', '10']])('refuses %s=%s', (name, value) => {
    expect(() => settings({ [name]: value })).toThrow(name);
  });
});
