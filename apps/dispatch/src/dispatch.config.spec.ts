import { loadConfig } from '@sms/service-kit';
import { DispatchConfig } from './dispatch.config';

describe('DispatchConfig', () => {
  it('defaults to a 30-day reply window and one SMPP channel for every operator', () => {
    const config = loadConfig({}).settings(DispatchConfig);
    expect(config.inboundRoutingWindowMs).toBe(30 * 24 * 60 * 60 * 1000);
    expect(config.routingTable).toEqual({ '*': 'smpp-default' });
  });

  it('reads its own settings from the environment the platform reads', () => {
    const config = loadConfig({ INBOUND_ROUTING_WINDOW_DAYS: '7', DISPATCH_ROUTES: 'CMCC=cmpp-1,*=smpp-default' }).settings(DispatchConfig);
    expect(config.inboundRoutingWindowMs).toBe(7 * 24 * 60 * 60 * 1000);
    expect(config.routingTable).toEqual({ CMCC: 'cmpp-1', '*': 'smpp-default' });
  });

  it.each([
    ['INBOUND_ROUTING_WINDOW_DAYS', '0'],
    ['INBOUND_ROUTING_WINDOW_DAYS', 'soon'],
    ['DISPATCH_ROUTES', 'CMCC'],
    ['DISPATCH_ROUTES', 'VODAFONE=smpp-1'],
  ])('refuses %s=%s, naming it', (name, value) => {
    expect(() => loadConfig({ [name]: value }).settings(DispatchConfig)).toThrow(name);
  });
});
