// The simulator stands in for an operator's SMSC here; a test-only reach across the app boundary.
import { startSmppSimulator, type SmppSimulator } from '@sms/carrier-simulator';
import { SmppChannel, type SmppChannelOptions } from './smpp-channel';

// Real sockets against the SMSC simulator on loopback: what a channel adds to its sessions.

let sim: SmppSimulator;
let channel: SmppChannel | undefined;

afterEach(async () => {
  await channel?.close();
  channel = undefined;
  await sim?.close();
});

function open(options: SmppChannelOptions): SmppChannel {
  channel = new SmppChannel('smpp-test', { host: sim.host, port: sim.port, systemId: 'acme', password: 'secret', reconnectBackoffMs: [10, 50], throttleBackoffMs: [5, 20] }, options);
  return channel;
}

function receipts(c: SmppChannel, count: number): Promise<Array<{ operatorMessageId: string; status: string }>> {
  return new Promise((resolve) => {
    const seen: Array<{ operatorMessageId: string; status: string }> = [];
    c.on('receipt', (r) => {
      seen.push(r);
      if (seen.length === count) resolve(seen);
    });
  });
}

describe('SmppChannel against the SMPP simulator', () => {
  it('binds a transmitter and a receiver per bind in transmitter-receiver mode: submits on the first, receipts on the second', async () => {
    sim = await startSmppSimulator({ port: 0 });
    const c = open({ binds: 2, bindMode: 'transmitter-receiver' });
    const arrived = receipts(c, 4);
    await c.start();
    expect(sim.stats().bound).toBe(4);
    expect(c.stats()).toMatchObject({ sessions: 4, sessionsBound: 2 });

    const outcomes = await Promise.all(Array.from({ length: 4 }, (_, i) => c.submit({ to: '+8613800138000', text: `split ${i}`, registeredDelivery: true })));

    const ids = outcomes.map((o) => o.parts[0].operatorMessageId);
    expect(ids.every(Boolean)).toBe(true);
    expect((await arrived).map((r) => r.operatorMessageId).sort()).toEqual([...ids].sort());
  });

  it("is up from its first transmitter's bind to the loss of its last", async () => {
    sim = await startSmppSimulator({ port: 0 });
    const c = open({ binds: 1, bindMode: 'transmitter-receiver' });
    const events: string[] = [];
    c.on('up', () => events.push('up'));
    c.on('down', () => events.push('down'));
    await c.start();
    expect(events).toEqual(['up']);
    await sim.close();
    await new Promise<void>((resolve) => c.once('down', () => resolve()));
    expect(events).toEqual(['up', 'down']);
    expect(c.stats().sessionsBound).toBe(0);
  });

  it("holds its TPS cap across every bind: the operator's limit is the channel's, not each bind's", async () => {
    sim = await startSmppSimulator({ port: 0 });
    const c = open({ binds: 2, tps: 100 });
    await c.start();
    const startedAt = Date.now();

    await Promise.all(Array.from({ length: 30 }, (_, i) => c.submit({ to: '+8613800138000', text: `capped ${i}`, registeredDelivery: false })));

    // 100/s for the channel: the 25 after the first burst take ≥ 200 ms; two uncapped binds of 100/s each would take half.
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(180);
    expect(sim.stats().accepted).toBe(30);
  });

  it('keeps and matches operator ids in the one form the channel declares (ADR 0039)', async () => {
    sim = await startSmppSimulator({ port: 0 });
    const c = open({ submitId: (id) => `s:${id.toLowerCase()}`, receiptId: (id) => `s:${id.toLowerCase()}` });
    const arrived = receipts(c, 1);
    await c.start();

    const outcome = await c.submit({ to: '+8613800138000', text: 'ids', registeredDelivery: true });

    expect(outcome.parts[0].operatorMessageId).toMatch(/^s:/);
    expect((await arrived)[0].operatorMessageId).toBe(outcome.parts[0].operatorMessageId);
  });
});
