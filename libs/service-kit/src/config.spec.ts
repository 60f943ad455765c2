import { loadConfig } from './config';

describe('loadConfig', () => {
  it('uses the defaults of the embedded profile', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 8080, GRPC_PORT: 50051, DATA_DIR: './data', EVENT_STORE: 'sqlite', SIMULATOR: true });
    expect(config.kafkaBrokers).toBeUndefined();
  });

  it('converts numbers and booleans from the environment', () => {
    const config = loadConfig({ PORT: '3000', SMPP_WINDOW: '20', SIMULATOR: 'false', KAFKA_BROKERS: 'a:9092,b:9093', SIMULATOR_HTTP_PORT: '8081' });
    expect(config.PORT).toBe(3000);
    expect(config.SIMULATOR_HTTP_PORT).toBe(8081);
    expect(config.SMPP_WINDOW).toBe(20);
    expect(config.SIMULATOR).toBe(false);
    expect(config.kafkaBrokers).toEqual(['a:9092', 'b:9093']);
  });

  it('stops with a message naming every wrong setting', () => {
    expect(() => loadConfig({ PORT: 'eighty', KAFKA_BROKERS: 'nohost', EVENT_STORE: 'postgres' })).toThrow(/PORT[\s\S]*KAFKA_BROKERS[\s\S]*EVENT_STORE/);
  });

  it('requires EVENTSTORE_URL when the EventStoreDB adapter is chosen', () => {
    expect(() => loadConfig({ EVENT_STORE: 'eventstoredb' })).toThrow(/EVENTSTORE_URL/);
  });
});
