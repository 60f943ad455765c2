import { loadConfig } from '@sms/service-kit';
import { DispatchConfig } from './dispatch.config';

describe('DispatchConfig', () => {
  it('defaults to a 30-day reply window and one SMPP channel for every operator', () => {
    const config = loadConfig({}).settings(DispatchConfig);
    expect(config.inboundRoutingWindowMs).toBe(30 * 24 * 60 * 60 * 1000);
    expect(config.routingTable).toEqual({ '*': 'smpp-default' });
    expect(config.serviceNumbers).toEqual(['10690000']);
  });

  it('reads the service numbers replies come back to', () => {
    expect(loadConfig({ INBOUND_SERVICE_NUMBERS: '10690000,1065502' }).settings(DispatchConfig).serviceNumbers).toEqual(['10690000', '1065502']);
  });

  it('reads its own settings from the environment the platform reads', () => {
    const config = loadConfig({ INBOUND_ROUTING_WINDOW_DAYS: '7', DISPATCH_ROUTES: 'CMCC=cmpp-1,*=smpp-default' }).settings(DispatchConfig);
    expect(config.inboundRoutingWindowMs).toBe(7 * 24 * 60 * 60 * 1000);
    expect(config.routingTable).toEqual({ CMCC: 'cmpp-1', '*': 'smpp-default' });
  });

  it('defaults to webhooks reaching public addresses only, retried for 24 h, and receipts awaited for 72 h', () => {
    const config = loadConfig({}).settings(DispatchConfig);
    expect([config.WEBHOOK_ALLOW_PRIVATE, config.WEBHOOK_RETRY_HOURS, config.WEBHOOK_TIMEOUT_MS, config.receiptValidityMs]).toEqual([false, 24, 10_000, 72 * 3_600_000]);
    expect(loadConfig({ WEBHOOK_ALLOW_PRIVATE: 'true', RECEIPT_VALIDITY_HOURS: '1' }).settings(DispatchConfig)).toMatchObject({ WEBHOOK_ALLOW_PRIVATE: true, receiptValidityMs: 3_600_000 });
    // What the chart sets in a cluster.
    expect(loadConfig({ WEBHOOK_ALLOW_PRIVATE: 'false' }).settings(DispatchConfig)).toMatchObject({ WEBHOOK_ALLOW_PRIVATE: false });
  });

  it.each([
    ['INBOUND_ROUTING_WINDOW_DAYS', '0'],
    ['WEBHOOK_ALLOW_PRIVATE', 'maybe'],
    ['WEBHOOK_RETRY_HOURS', '0'],
    ['RECEIPT_VALIDITY_HOURS', 'forever'],
    ['INBOUND_ROUTING_WINDOW_DAYS', 'soon'],
    ['DISPATCH_ROUTES', 'CMCC'],
    ['DISPATCH_ROUTES', 'VODAFONE=smpp-1'],
    ['INBOUND_SERVICE_NUMBERS', 'ACME'],
    ['INBOUND_SERVICE_NUMBERS', '10690000,'],
  ])('refuses %s=%s, naming it', (name, value) => {
    expect(() => loadConfig({ [name]: value }).settings(DispatchConfig)).toThrow(name);
  });
});
