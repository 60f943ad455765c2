import { smpp, type LibSession, type Pdu } from '@sms/carrier-protocols';
import { decodeUcs2, parseDeliveryReceipt } from '@sms/sms';
import { startSmppSimulator, type SmppSimulator, type SmppSimulatorOptions } from './smpp-simulator';

// Real sockets: the smpp package's client side plays the ESME.

type BindType = 'transmitter' | 'receiver' | 'transceiver';

/** A bare ESME: sends requests, records every deliver_sm, answers them unless told not to. */
class Esme {
  readonly delivered: Pdu[] = [];
  private waiters: Array<{ count: number; resolve: (pdus: Pdu[]) => void }> = [];
  readonly closed: Promise<void>;

  private constructor(
    readonly lib: LibSession,
    private readonly acknowledge: boolean,
  ) {
    this.closed = new Promise((resolve) => lib.on('close', () => resolve()));
    lib.on('error', () => undefined);
    lib.on('deliver_sm', (pdu: Pdu) => {
      if (this.acknowledge) lib.send(pdu.response());
      this.delivered.push(pdu);
      this.waiters = this.waiters.filter((w) => {
        if (this.delivered.length < w.count) return true;
        w.resolve(this.delivered.slice(0, w.count));
        return false;
      });
    });
  }

  static async connect(sim: SmppSimulator, acknowledge = true): Promise<Esme> {
    const lib = smpp.connect({ host: sim.host, port: sim.port });
    lib.socket.setNoDelay(true);
    await new Promise<void>((resolve) => lib.on('connect', () => resolve()));
    return new Esme(lib, acknowledge);
  }

  static async bound(sim: SmppSimulator, bindType: BindType, systemId = 'acme', acknowledge = true): Promise<Esme> {
    const esme = await Esme.connect(sim, acknowledge);
    const response = await esme.request(`bind_${bindType}`, { system_id: systemId, password: 'pw' });
    expect(response.command_status).toBe(0);
    return esme;
  }

  request(command: string, fields: Record<string, unknown> = {}): Promise<Pdu> {
    return new Promise((resolve) => this.lib.send(new smpp.PDU(command, fields), resolve));
  }

  submit(fields: Record<string, unknown> = {}): Promise<Pdu> {
    return this.request('submit_sm', {
      source_addr: '106900001234',
      dest_addr_ton: 1,
      dest_addr_npi: 1,
      destination_addr: '8613800138000',
      registered_delivery: 1,
      data_coding: 0,
      short_message: Buffer.from('Hello there'),
      ...fields,
    });
  }

  /** The first `count` deliver_sm this ESME received, once it has them. */
  deliveries(count: number): Promise<Pdu[]> {
    if (this.delivered.length >= count) return Promise.resolve(this.delivered.slice(0, count));
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  close(): void {
    this.lib.destroy();
  }
}

const simulators: SmppSimulator[] = [];
const esmes: Esme[] = [];

afterEach(async () => {
  esmes.splice(0).forEach((esme) => esme.close());
  await Promise.all(simulators.splice(0).map((sim) => sim.close()));
});

async function simulator(options: SmppSimulatorOptions = {}): Promise<SmppSimulator> {
  const sim = await startSmppSimulator({ port: 0, ...options });
  simulators.push(sim);
  return sim;
}

async function esme(sim: SmppSimulator, bindType: BindType, systemId = 'acme', acknowledge = true): Promise<Esme> {
  const client = await Esme.bound(sim, bindType, systemId, acknowledge);
  esmes.push(client);
  return client;
}

describe('SMPP simulator', () => {
  it('binds every bind type, answers enquire_link and closes after unbind', async () => {
    const sim = await simulator();
    for (const bindType of ['transmitter', 'receiver', 'transceiver'] as const) {
      const client = await esme(sim, bindType);
      expect((await client.request('enquire_link')).command_status).toBe(0);
      expect((await client.request('unbind')).command).toBe('unbind_resp');
      await client.closed;
    }
    expect(sim.stats()).toMatchObject({ binds: 3, bound: 0 });
  });

  it('checks credentials when configured and refuses a second bind on one connection', async () => {
    const sim = await simulator({ credentials: { acme: 'pw' } });
    const wrongPassword = await Esme.connect(sim);
    esmes.push(wrongPassword);
    expect((await wrongPassword.request('bind_transceiver', { system_id: 'acme', password: 'nope' })).command_status).toBe(0x0e);
    await wrongPassword.closed;

    const unknown = await Esme.connect(sim);
    esmes.push(unknown);
    expect((await unknown.request('bind_transmitter', { system_id: 'other', password: 'pw' })).command_status).toBe(0x0f);

    const good = await esme(sim, 'transceiver');
    expect((await good.request('bind_transceiver', { system_id: 'acme', password: 'pw' })).command_status).toBe(0x05);
    expect(sim.stats().binds).toBe(1);
  });

  it('answers submit_sm with unique ids and sends the standard receipt with its TLVs', async () => {
    const sim = await simulator();
    const client = await esme(sim, 'transceiver');

    const responses = await Promise.all([client.submit(), client.submit({ short_message: Buffer.from('Second message, long enough to be cut') })]);
    const ids = responses.map((r) => r.message_id as string);
    expect(responses.every((r) => r.command_status === 0)).toBe(true);
    expect(new Set(ids).size).toBe(2);
    expect(ids.every((id) => id.length > 0 && id.length <= 64)).toBe(true);

    const receipts = await client.deliveries(2);
    const byId = new Map(receipts.map((r) => [r.receipted_message_id as string, r]));
    const receipt = byId.get(ids[1]) as Pdu;
    expect(receipt).toMatchObject({
      esm_class: 0x04,
      message_state: 2,
      source_addr: '8613800138000',
      source_addr_ton: 1,
      destination_addr: '106900001234',
    });
    const text: string = receipt.short_message.message;
    expect(text).toMatch(/^id:\S+ sub:001 dlvrd:001 submit date:\d{10} done date:\d{10} stat:DELIVRD err:000 text:Second message, long$/);
    expect(parseDeliveryReceipt(text)).toMatchObject({ id: ids[1], stat: 'DELIVRD', text: 'Second message, long' });
    expect(byId.get(ids[0])?.short_message.message).toContain(`id:${ids[0]} `);
    expect(sim.stats()).toMatchObject({ submits: 2, accepted: 2, receiptsSent: 2 });
  });

  it('routes receipts of a transmitter to a receiver bound with the same system_id only', async () => {
    const sim = await simulator();
    const otherCustomer = await esme(sim, 'receiver', 'other');
    const receiver = await esme(sim, 'receiver', 'acme');
    const transmitter = await esme(sim, 'transmitter', 'acme');

    const { message_id } = await transmitter.submit();
    const [receipt] = await receiver.deliveries(1);

    expect(receipt.receipted_message_id).toBe(message_id);
    expect(otherCustomer.delivered).toHaveLength(0);
    expect(transmitter.delivered).toHaveLength(0);
  });

  it('keeps receipts until a receiver binds', async () => {
    const sim = await simulator();
    const transmitter = await esme(sim, 'transmitter');
    const { message_id } = await transmitter.submit();
    await transmitter.submit({ registered_delivery: 0 }); // answered after the first receipt was parked
    expect(sim.stats().pendingDeliveries).toBe(1);

    const receiver = await esme(sim, 'receiver');
    const [receipt] = await receiver.deliveries(1);
    expect(receipt.receipted_message_id).toBe(message_id);
    expect(sim.stats().pendingDeliveries).toBe(0);
  });

  it('sends a receipt again to the next receiver when the first never acknowledged it', async () => {
    const sim = await simulator();
    const silent = await esme(sim, 'transceiver', 'acme', false);
    const { message_id } = await silent.submit();
    await silent.deliveries(1);
    silent.close();
    await silent.closed;

    const receiver = await esme(sim, 'receiver');
    const [receipt] = await receiver.deliveries(1);
    expect(receipt.receipted_message_id).toBe(message_id);
    expect(sim.stats().receiptsSent).toBe(2);
  });

  it('refuses submit_sm on a receiver bind', async () => {
    const sim = await simulator();
    const receiver = await esme(sim, 'receiver');
    expect((await receiver.submit()).command_status).toBe(0x04);
  });

  it('injects throttling and submit failures deterministically', async () => {
    const sim = await simulator({ throttleRate: { every: 3 }, submitFailRate: { every: 2 } });
    const client = await esme(sim, 'transmitter');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await client.submit()).command_status);
    // Throttling counts every submit (3rd, 6th); failures count those that got past it (2nd and 4th of 1, 2, 4, 5).
    expect(statuses).toEqual([0, 0x45, 0x58, 0, 0x45, 0x58]);
    expect(sim.stats()).toMatchObject({ submits: 6, accepted: 2, throttled: 2, failed: 2 });
  });

  it('honours registered_delivery: none, failure only, and undelivered receipts', async () => {
    const sim = await simulator({ undeliveredRate: { every: 2 }, undeliveredErrorCode: 34 });
    const client = await esme(sim, 'transceiver');

    await client.submit({ registered_delivery: 0 }); // 1st: delivered, no receipt asked
    await client.submit({ registered_delivery: 0 }); // 2nd: undelivered, no receipt asked
    await client.submit({ registered_delivery: 2 }); // 3rd: delivered, receipt on failure only → none
    const failed = await client.submit({ registered_delivery: 2 }); // 4th: undelivered → receipt

    const [receipt] = await client.deliveries(1);
    expect(receipt.receipted_message_id).toBe(failed.message_id);
    expect(receipt.message_state).toBe(5);
    expect(parseDeliveryReceipt(receipt.short_message.message)).toMatchObject({ stat: 'UNDELIV', err: '034', dlvrd: '000' });

    const last = await client.submit(); // 5th: delivered, receipt asked — arrives right after, nothing in between
    const receipts = await client.deliveries(2);
    expect(receipts[1].receipted_message_id).toBe(last.message_id);
  });

  it('gives each part of a concatenated submit its own id and receipt', async () => {
    const sim = await simulator();
    const client = await esme(sim, 'transceiver');
    const part = (seq: number) =>
      client.submit({ esm_class: 0x40, data_coding: 8, short_message: Buffer.concat([Buffer.from([5, 0, 3, 9, 2, seq]), Buffer.from('6d4b8bd5', 'hex')]) });
    const ids = (await Promise.all([part(1), part(2)])).map((r) => r.message_id);
    expect(new Set(ids).size).toBe(2);
    const receipts = await client.deliveries(2);
    expect(receipts.map((r) => r.receipted_message_id).sort()).toEqual([...ids].sort());
  });

  it('drops the connection right after the Nth submit answer', async () => {
    const sim = await simulator({ dropConnectionAfter: 3 });
    const client = await esme(sim, 'transmitter');
    const answers: Pdu[] = [];
    for (let i = 0; i < 5; i++) void client.submit({ registered_delivery: 0 }).then((pdu) => answers.push(pdu));
    await client.closed;
    expect(answers).toHaveLength(3);
    expect(answers.every((a) => a.command_status === 0)).toBe(true);
    expect(sim.stats()).toMatchObject({ drops: 1, accepted: 3 });
  });

  it('sends a mobile-originated reply every Nth submit to the submitting session', async () => {
    const sim = await simulator({ moEvery: 2, moText: 'YES' });
    const client = await esme(sim, 'transceiver');
    await client.submit({ registered_delivery: 0 });
    await client.submit({ registered_delivery: 0 });
    const [mo] = await client.deliveries(1);
    expect(mo).toMatchObject({ esm_class: 0, data_coding: 0, source_addr: '8613800138000', destination_addr: '106900001234' });
    expect(mo.short_message.message).toBe('YES');
    expect(mo.receipted_message_id).toBeUndefined();
  });

  it('sends a long Chinese MO as UCS-2 parts with one reference and resolves once acknowledged', async () => {
    const sim = await simulator();
    const client = await esme(sim, 'receiver');
    const text = '您好，'.repeat(30);

    await sim.sendMo({ from: '+8613800138000', to: '106900001234', text });

    const parts = client.delivered;
    expect(parts).toHaveLength(2);
    const udh = parts.map((p) => p.short_message.udh[0] as Buffer);
    expect(udh.map((u) => [u[0], u[3], u[4]])).toEqual([
      [0, 2, 1],
      [0, 2, 2],
    ]);
    expect(udh[0][2]).toBe(udh[1][2]);
    expect(parts.every((p) => p.data_coding === 8 && p.source_addr_ton === 1)).toBe(true);
    expect(parts.map((p) => p.short_message.message).join('')).toBe(text);
    expect(decodeUcs2(Buffer.from('60a8', 'hex'))).toBe('您');
    expect(sim.stats().moSent).toBe(2);
  });

  it('answers late when given latency, and sees how many submits a session keeps outstanding', async () => {
    const sim = await simulator({ latencyMs: 20 });
    const client = await esme(sim, 'transmitter');
    // One corked write: all five reach the simulator together, well inside its latency.
    client.lib.socket.cork();
    const pending = Array.from({ length: 5 }, () => client.submit({ registered_delivery: 0 }));
    client.lib.socket.uncork();
    const answers = await Promise.all(pending);
    expect(answers.every((a) => a.command_status === 0)).toBe(true);
    expect(sim.stats().maxInFlight).toBe(5);
  });

  it('sends receipts after receiptDelayMs, in submit order', async () => {
    const sim = await simulator({ receiptDelayMs: 20 });
    const client = await esme(sim, 'transceiver');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await client.submit()).message_id);
    const receipts = await client.deliveries(3);
    expect(receipts.map((r) => r.receipted_message_id)).toEqual(ids);
    const parsed = receipts.map((r) => parseDeliveryReceipt(r.short_message.message));
    expect(parsed.every((p) => p && p.doneDate && p.submitDate && p.doneDate >= p.submitDate)).toBe(true);
  });

  it('goes silent after hangAfter submits without closing the connection', async () => {
    const sim = await simulator({ hangAfter: 2 });
    const client = await esme(sim, 'transmitter');
    expect((await client.submit({ registered_delivery: 0 })).command_status).toBe(0);
    expect((await client.submit({ registered_delivery: 0 })).command_status).toBe(0);
    void client.submit({ registered_delivery: 0 });
    expect(sim.stats()).toMatchObject({ hangs: 1, bound: 1 });
  });

  it('answers an unknown command with generic_nack', async () => {
    const sim = await simulator();
    const client = await esme(sim, 'transceiver');
    const raw = Buffer.alloc(16);
    raw.writeUInt32BE(16, 0);
    raw.writeUInt32BE(0x00000777, 4);
    raw.writeUInt32BE(42, 12);
    const nack = new Promise<Pdu>((resolve) => client.lib.on('generic_nack', resolve));
    client.lib.socket.write(raw);
    expect(await nack).toMatchObject({ command_status: 0x03, sequence_number: 42 });
  });
});
