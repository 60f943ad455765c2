import { loadConfig } from '@sms/service-kit';
import { CarrierAdapterConfig } from './carrier-adapter.config';

const settings = (env: Record<string, string>) => loadConfig(env).settings(CarrierAdapterConfig);

describe('CarrierAdapterConfig', () => {
  it('hosts the one channel the SMPP_* variables describe by default', () => {
    expect(settings({ SMPP_PORT: '2776', SMPP_WINDOW: '20' }).channels).toEqual([
      {
        id: 'smpp-default',
        protocol: 'smpp',
        host: '127.0.0.1',
        port: 2776,
        systemId: 'smsplatform',
        password: 'secret',
        window: 20,
        sessions: 1,
        sourceAddr: '10690000',
        tps: 0,
        bindMode: 'transceiver',
        concatenation: 'udh8',
        systemType: '',
        submitIdBase: 'text',
        receiptIdBase: 'text',
        cmppVersion: '3.0',
        serviceId: '',
      },
    ]);
  });

  it('also hosts the default CMPP channel from the CMPP_* variables when CMPP_ENABLED', () => {
    const channels = settings({ CMPP_ENABLED: 'true', CMPP_PORT: '7891', CMPP_SP_ID: '912345', CMPP_VERSION: '2.0', CMPP_SRC_ID: '1065800' }).channels;
    expect(channels.map((c) => c.id)).toEqual(['smpp-default', 'cmpp-default']);
    expect(channels[1]).toMatchObject({ protocol: 'cmpp', port: 7891, systemId: '912345', password: 'secret', cmppVersion: '2.0', sourceAddr: '1065800', serviceId: 'SMS', window: 100 });
    // Declared CMPP channels default to the CMPP_* window and source, not the SMPP ones.
    const declared = [{ id: 'cmpp-b', protocol: 'cmpp', host: 'h', port: 7890, systemId: '900001', password: 'x', tps: 200 }];
    const withDeclared = settings({ CMPP_ENABLED: 'true', CMPP_WINDOW: '16', SMPP_WINDOW: '64', CARRIER_CHANNELS: JSON.stringify(declared) }).channels;
    expect(withDeclared.find((c) => c.id === 'cmpp-b')).toMatchObject({ protocol: 'cmpp', window: 16, sourceAddr: '10690000', tps: 200 });
  });

  it('takes the SMPP options of a declared channel: bind mode, TPS, concatenation and id bases', () => {
    const declared = [{ id: 'smpp-b', host: 'h', port: 2775, systemId: 's', password: '', bindMode: 'transmitter-receiver', tps: 300, concatenation: 'sar', submitIdBase: 'hex', receiptIdBase: 'decimal', systemType: 'VMA' }];
    expect(settings({ CARRIER_CHANNELS: JSON.stringify(declared) }).channels[1]).toMatchObject(declared[0]);
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
    ['an unknown protocol', JSON.stringify([{ id: 'b', protocol: 'sgip', host: 'h', port: 1, systemId: 's', password: '' }])],
    ['a CMPP SP id longer than six characters', JSON.stringify([{ id: 'b', protocol: 'cmpp', host: 'h', port: 1, systemId: '9012345', password: '' }])],
    ['a negative TPS', JSON.stringify([{ id: 'b', host: 'h', port: 1, systemId: 's', password: '', tps: -1 }])],
    ['an unknown bind mode', JSON.stringify([{ id: 'b', host: 'h', port: 1, systemId: 's', password: '', bindMode: 'both' }])],
    ['an unknown id base', JSON.stringify([{ id: 'b', host: 'h', port: 1, systemId: 's', password: '', receiptIdBase: 'octal' }])],
  ])('refuses CARRIER_CHANNELS with %s at start, naming it', (_what, value) => {
    expect(() => settings({ CARRIER_CHANNELS: value })).toThrow('CARRIER_CHANNELS');
  });

  it.each([
    ['CHANNEL_FAILOVER_GRACE_MS', '-1'],
    ['CHANNEL_HEALTH_INTERVAL_MS', '10'],
    ['CMPP_SP_ID', '9012345'],
    ['CMPP_VERSION', '2.5'],
    ['CMPP_SRC_ID', '1069x'],
  ])('refuses %s=%s', (name, value) => {
    expect(() => settings({ [name]: value })).toThrow(name);
  });
});
