import { IsBoolean, IsInt, Max, Min } from 'class-validator';
import { inspect } from 'node:util';
import { loadConfig, loadSettings } from './config';

class ChannelSettings {
  @IsInt() @Min(1) @Max(1000) SMPP_WINDOW: number = 100;
  @IsBoolean() SIMULATOR: boolean = true;
}

describe('loadConfig', () => {
  it('uses the defaults of the embedded profile', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 8080, GRPC_PORT: 50051, DATA_DIR: './data', EVENT_STORE: 'sqlite' });
    expect(config.kafkaBrokers).toBeUndefined();
  });

  it('converts numbers from the environment and keeps only its own settings', () => {
    const config = loadConfig({ PORT: '3000', KAFKA_BROKERS: 'a:9092,b:9093', SMPP_WINDOW: '20' });
    expect(config.PORT).toBe(3000);
    expect(config.kafkaBrokers).toEqual(['a:9092', 'b:9093']);
    expect(config).not.toHaveProperty('SMPP_WINDOW');
  });

  it('stops with a message naming every wrong setting', () => {
    expect(() => loadConfig({ PORT: 'eighty', KAFKA_BROKERS: 'nohost', EVENT_STORE: 'postgres' })).toThrow(/PORT[\s\S]*KAFKA_BROKERS[\s\S]*EVENT_STORE/);
  });

  it('requires EVENTSTORE_URL when the EventStoreDB adapter is chosen', () => {
    expect(() => loadConfig({ EVENT_STORE: 'eventstoredb' })).toThrow(/EVENTSTORE_URL/);
  });
});

describe("a service's own settings", () => {
  it('are read from the same environment and overrides, booleans and numbers converted', () => {
    const config = loadConfig({ SMPP_WINDOW: '20', SIMULATOR: 'false' });
    expect(config.settings(ChannelSettings)).toEqual(Object.assign(new ChannelSettings(), { SMPP_WINDOW: 20, SIMULATOR: false }));
    expect(loadConfig({}, { SMPP_WINDOW: 7 }).settings(ChannelSettings).SMPP_WINDOW).toBe(7);
  });

  it('stop the process naming a wrong value', () => {
    expect(() => loadConfig({ SMPP_WINDOW: '0' }).settings(ChannelSettings)).toThrow(/SMPP_WINDOW/);
  });

  it('follow a configuration changed with `with` and rebuilt from its source (a worker thread)', () => {
    const config = loadConfig({ PORT: '3000', SMPP_WINDOW: '20' }).with({ SMPP_WINDOW: 30 });
    expect(config.PORT).toBe(3000);
    expect(config.settings(ChannelSettings).SMPP_WINDOW).toBe(30);
    expect(loadConfig({}, config.source()).settings(ChannelSettings).SMPP_WINDOW).toBe(30);
  });

  it('default when unset', () => {
    expect(loadSettings(ChannelSettings, {})).toEqual(new ChannelSettings());
  });
});

describe('MASTER_KEY', () => {
  it('is read like any setting but never shows when the configuration is serialised or inspected', () => {
    const secret = 'c2VjcmV0LWtleS1tYXRlcmlhbC0wMTIzNDU2Nzg5YWI=';
    const config = loadConfig({ MASTER_KEY: secret, DATA_DIR: '/tmp/x' });
    expect(config.MASTER_KEY).toBe(secret);
    expect(JSON.stringify(config)).not.toContain(secret);
    expect(inspect(config)).not.toContain(secret);
    expect(JSON.parse(JSON.stringify(config))).toMatchObject({ MASTER_KEY: '[redacted]', DATA_DIR: '/tmp/x' });
    // A worker thread rebuilds the configuration from its source, key included.
    expect(loadConfig({}, config.source()).MASTER_KEY).toBe(secret);
  });
});
