import { smpp, type Pdu } from '@sms/carrier-protocols';
import { startCmppSimulator, type CmppSimulator } from '../smsc/cmpp-simulator';
import { CmppTestClient } from '../smsc/cmpp-test-client.spec-helper';
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

  it('refuses a CMPP MO when no CMPP side runs', async () => {
    const response = await fetch(`${base}/mo`, { method: 'POST', body: JSON.stringify({ protocol: 'cmpp', from: '+8613800138000', to: '10690000', text: 'x' }) });
    expect(response.status).toBe(400);
    expect(simulator.stats().moSent).toBe(0);
  });

  it('rejects an MO request without the required fields', async () => {
    const response = await fetch(`${base}/mo`, { method: 'POST', body: JSON.stringify({ from: '+8613800138000' }) });
    expect(response.status).toBe(400);
  });
});

describe('simulator control server with the CMPP side', () => {
  let simulator: SmppSimulator;
  let cmpp: CmppSimulator;
  let control: ControlServer;
  let base: string;

  beforeEach(async () => {
    simulator = await startSmppSimulator({ port: 0 });
    cmpp = await startCmppSimulator({ port: 0, terminateGraceMs: 20 });
    control = await startControlServer(simulator, { port: 0, cmpp });
    base = `http://127.0.0.1:${control.port}`;
  });

  afterEach(async () => {
    await control.close();
    await Promise.all([simulator.close(), cmpp.close()]);
  });

  it("adds the CMPP side's counters to /stats under cmpp", async () => {
    const stats = await (await fetch(`${base}/stats`)).json();
    expect(stats).toMatchObject({ binds: 0, submits: 0, cmpp: { connects: 0, submits: 0, moSent: 0 } });
  });

  it('injects a CMPP MO when asked for protocol cmpp, to the SP named', async () => {
    const other = await CmppTestClient.open(cmpp.port);
    const client = await CmppTestClient.open(cmpp.port);
    try {
      expect((await other.connect('SP0002', '')).status).toBe(0);
      expect((await client.connect('SP0001', '')).status).toBe(0);
      const response = await fetch(`${base}/mo`, {
        method: 'POST',
        body: JSON.stringify({ protocol: 'cmpp', spId: 'SP0001', from: '+8613800138000', to: '106900001000', text: '退订' }),
      });
      expect(response.status).toBe(202);
      expect(await response.json()).toEqual({ status: 'delivered' });
      const [deliver] = await client.deliveries(1);
      expect(deliver).toMatchObject({ registeredDelivery: 0, msgFmt: 8, srcTerminalId: '8613800138000', destId: '106900001000' });
      expect(deliver.msgContent.toString('hex')).toBe('90008ba2');
      expect(other.delivered).toHaveLength(0);
      expect(simulator.stats().moSent).toBe(0);
    } finally {
      client.close();
      other.close();
    }
  });

  it('refuses an unknown protocol and a number CMPP cannot carry', async () => {
    const post = (body: unknown) => fetch(`${base}/mo`, { method: 'POST', body: JSON.stringify(body) });
    expect((await post({ protocol: 'sgip', from: '+8613800138000', to: '10690000', text: 'x' })).status).toBe(400);
    const tooLong = await post({ protocol: 'cmpp', from: '1'.repeat(40), to: '10690000', text: 'x' });
    expect(tooLong.status).toBe(400);
    expect(((await tooLong.json()) as { error: string }).error).toContain('CMPP_FIELD_INVALID');
  });
});
