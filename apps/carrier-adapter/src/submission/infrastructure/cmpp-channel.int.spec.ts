// The simulator stands in for China Mobile's ISMG here; a test-only reach across the app boundary.
import { startCmppSimulator, type CmppObservedSubmit, type CmppSimulator } from '@sms/carrier-simulator';
import { CmppChannel, type CmppChannelOptions } from './cmpp-channel';

// Real sockets against the CMPP simulator on loopback: what a channel adds to its sessions.

let sim: CmppSimulator;
let channel: CmppChannel | undefined;

afterEach(async () => {
  await channel?.close();
  channel = undefined;
  await sim?.close();
});

function open(options: CmppChannelOptions, window = 50): CmppChannel {
  channel = new CmppChannel(
    'cmpp-test',
    { host: sim.host, port: sim.port, spId: '901234', sharedSecret: 'secret', srcId: '106900001234', window, reconnectBackoffMs: [10, 50], throttleBackoffMs: [5, 20] },
    options,
  );
  return channel;
}

function receipts(c: CmppChannel, count: number): Promise<Array<{ operatorMessageId: string; status: string }>> {
  return new Promise((resolve) => {
    const seen: Array<{ operatorMessageId: string; status: string }> = [];
    c.on('receipt', (r) => {
      seen.push(r);
      if (seen.length === count) resolve(seen);
    });
  });
}

describe('CmppChannel against the CMPP simulator', () => {
  it('connects every session and spreads submits over them round-robin; reports from any are the channel’s', async () => {
    sim = await startCmppSimulator({ port: 0, latencyMs: 20 });
    const c = open({ sessions: 2 }, 1);
    const arrived = receipts(c, 4);
    await c.start();
    expect(sim.stats()).toMatchObject({ connects: 2, connected: 2 });
    expect(c.capacity).toBe(4);

    const outcomes = Promise.all(Array.from({ length: 4 }, (_, i) => c.submit({ to: '+8613800138000', text: `spread ${i}`, registeredDelivery: true })));
    // A window of one each: two in flight at once means both sessions carry traffic.
    expect(c.stats()).toEqual({ sessions: 2, sessionsBound: 2, windowSize: 2, windowInUse: 2 });

    const ids = (await outcomes).map((o) => o.parts[0].operatorMessageId);
    expect(new Set(ids).size).toBe(4);
    expect((await arrived).map((r) => r.operatorMessageId).sort()).toEqual([...ids].sort());
    expect(sim.stats()).toMatchObject({ accepted: 4, maxInFlight: 1 });
  });

  it('is up from its first connection to the loss of its last', async () => {
    sim = await startCmppSimulator({ port: 0 });
    const c = open({ sessions: 2 });
    const events: string[] = [];
    c.on('up', () => events.push('up'));
    c.on('down', () => events.push('down'));
    await c.start();
    expect(events).toEqual(['up']);
    const down = new Promise<void>((resolve) => c.once('down', () => resolve()));
    await sim.close();
    await down;
    expect(events).toEqual(['up', 'down']);
    expect(c.stats().sessionsBound).toBe(0);
  });

  it('counts every flow-control answer of any session as throttled', async () => {
    sim = await startCmppSimulator({ port: 0, throttleRate: { every: 3 } });
    const c = open({ sessions: 2 });
    let throttled = 0;
    c.on('throttled', () => throttled++);
    await c.start();

    const outcomes = await Promise.all(Array.from({ length: 12 }, (_, i) => c.submit({ to: '+8613800138000', text: `busy ${i}`, registeredDelivery: false })));

    expect(outcomes.every((o) => o.parts[0].operatorMessageId)).toBe(true);
    expect(throttled).toBe(sim.stats().throttled);
    expect(throttled).toBeGreaterThanOrEqual(4);
  });

  it("holds its TPS cap across every connection: the operator's limit is the channel's", async () => {
    sim = await startCmppSimulator({ port: 0 });
    const c = open({ sessions: 2, tps: 100 });
    await c.start();
    const startedAt = Date.now();

    await Promise.all(Array.from({ length: 30 }, (_, i) => c.submit({ to: '+8613800138000', text: `capped ${i}`, registeredDelivery: false })));

    // 100/s for the channel: the 25 after the first burst take ≥ 200 ms; two uncapped connections would take half.
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(180);
    expect(sim.stats().accepted).toBe(30);
  });

  it("sends from its Src_Id plus the signature's extension code, within Src_Id's 21 octets", async () => {
    sim = await startCmppSimulator({ port: 0 });
    const observed: CmppObservedSubmit[] = [];
    sim.on('submit', (s) => observed.push(s));
    const c = open({});
    await c.start();

    await c.submit({ to: '+8613800138000', text: 'a', registeredDelivery: false, sourceExtension: '5678' });
    await c.submit({ to: '+8613800138000', text: 'b', registeredDelivery: false, sourceExtension: '123456789' });
    await c.submit({ to: '+8613800138000', text: 'c', registeredDelivery: false, sourceExtension: '1234567890' });

    expect(observed.map((o) => o.srcId)).toEqual(['1069000012345678', '106900001234123456789', '106900001234']);
  });

  it('keeps and matches operator ids in the one form the channel declares (ADR 0039)', async () => {
    sim = await startCmppSimulator({ port: 0 });
    const c = open({ submitId: (id) => `c:${id}`, receiptId: (id) => `c:${id}` });
    const arrived = receipts(c, 1);
    await c.start();

    const outcome = await c.submit({ to: '+8613800138000', text: 'ids', registeredDelivery: true });

    expect(outcome.parts[0].operatorMessageId).toMatch(/^c:\d+$/);
    expect((await arrived)[0].operatorMessageId).toBe(outcome.parts[0].operatorMessageId);
  });
});
