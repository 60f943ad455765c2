import { smpp, type Pdu } from '@sms/carrier-protocols';
import { startSmppSimulator, type SmppSimulator } from '../smsc/smpp-simulator';
import { startControlServer, type ControlServer } from './control-server';

describe('simulator control server', () => {
  let simulator: SmppSimulator;
  let control: ControlServer;
  let base: string;

  beforeEach(async () => {
    simulator = await startSmppSimulator({ port: 0 });
    control = await startControlServer(simulator, { port: 0 });
    base = `http://127.0.0.1:${control.port}`;
  });

  afterEach(async () => {
    await control.close();
    await simulator.close();
  });

  it('answers health probes and reports counters', async () => {
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const stats = await (await fetch(`${base}/stats`)).json();
    expect(stats).toMatchObject({ binds: 0, submits: 0, moSent: 0 });
    expect((await fetch(`${base}/nope`)).status).toBe(404);
  });

  it('injects a mobile-originated message to a bound receiver', async () => {
    const receiver = smpp.connect({ host: simulator.host, port: simulator.port });
    receiver.on('error', () => undefined);
    const bound = await new Promise<Pdu>((resolve) => receiver.on('connect', () => receiver.send(new smpp.PDU('bind_receiver', { system_id: 'acme', password: 'pw' }), resolve)));
    expect(bound.command_status).toBe(0);
    const delivered = new Promise<Pdu>((resolve) =>
      receiver.on('deliver_sm', (pdu: Pdu) => {
        receiver.send(pdu.response());
        resolve(pdu);
      }),
    );

    const response = await fetch(`${base}/mo`, { method: 'POST', body: JSON.stringify({ from: '+8613800138000', to: '10690000', text: '退订' }) });

    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ status: 'delivered' });
    const pdu = await delivered;
    expect(pdu).toMatchObject({ source_addr: '8613800138000', destination_addr: '10690000', data_coding: 8 });
    expect(pdu.short_message.message).toBe('退订');
    receiver.destroy();
  });

  it('delivers the MO to the destination the request chose: a service number followed by an extension code (ADR 0021)', async () => {
    const receiver = smpp.connect({ host: simulator.host, port: simulator.port });
    receiver.on('error', () => undefined);
    await new Promise<Pdu>((resolve) => receiver.on('connect', () => receiver.send(new smpp.PDU('bind_receiver', { system_id: 'acme', password: 'pw' }), resolve)));
    const delivered = new Promise<Pdu>((resolve) =>
      receiver.on('deliver_sm', (pdu: Pdu) => {
        receiver.send(pdu.response());
        resolve(pdu);
      }),
    );

    const response = await fetch(`${base}/mo`, { method: 'POST', body: JSON.stringify({ from: '+8613800138000', to: '106900001000', text: 'ＴＤ' }) });

    expect(response.status).toBe(202);
    expect(await delivered).toMatchObject({ source_addr: '8613800138000', destination_addr: '106900001000' });
    receiver.destroy();
  });

  it('rejects an MO request without the required fields', async () => {
    const response = await fetch(`${base}/mo`, { method: 'POST', body: JSON.stringify({ from: '+8613800138000' }) });
    expect(response.status).toBe(400);
  });
});
