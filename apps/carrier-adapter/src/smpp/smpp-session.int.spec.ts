// The simulator stands in for an operator's SMSC here; a test-only reach across the app boundary.
import { Throttle } from '@sms/carrier-protocols';
import { startSmppSimulator, type ObservedSubmit, type SmppSimulator, type SmppSimulatorOptions } from '@sms/carrier-simulator';
import { SmppBindError, SmppSession, type SmppInbound, type SmppReceipt, type SmppSessionOptions } from './smpp-session';

// Real sockets against the SMSC simulator on loopback.

const sessions: SmppSession[] = [];
const simulators: SmppSimulator[] = [];

afterEach(async () => {
  await Promise.all(sessions.splice(0).map((session) => session.close()));
  await Promise.all(simulators.splice(0).map((simulator) => simulator.close()));
});

async function simulator(options: SmppSimulatorOptions = {}): Promise<SmppSimulator> {
  const sim = await startSmppSimulator({ port: 0, ...options });
  simulators.push(sim);
  return sim;
}

function session(sim: SmppSimulator, options: Partial<SmppSessionOptions> = {}): SmppSession {
  const s = new SmppSession({
    host: sim.host,
    port: sim.port,
    systemId: 'acme',
    password: 'secret',
    reconnectBackoffMs: [10, 50],
    throttleBackoffMs: [5, 20],
    ...options,
  });
  sessions.push(s);
  return s;
}

/** Resolves with the first `count` payloads of an event. */
function collect<T>(emitter: { on(event: string, listener: (payload: T) => void): unknown }, event: string, count: number): Promise<T[]> {
  return new Promise((resolve) => {
    const seen: T[] = [];
    emitter.on(event, (payload: T) => {
      seen.push(payload);
      if (seen.length === count) resolve(seen);
    });
  });
}

const CHINESE_2_PARTS = '【示例科技】您的验证码是834721，五分钟内有效。请勿将验证码告诉他人，工作人员不会向您索取。如非本人操作请忽略本短信，感谢您的使用与支持，祝您生活愉快！';

describe('SmppSession against the SMPP simulator', () => {
  it.each(['transceiver', 'transmitter', 'receiver'] as const)('binds as %s', async (bindType) => {
    const sim = await simulator();
    const s = session(sim, { bindType });
    const up = collect(s, 'up', 1);
    await s.start();
    await up;
    expect(s.isUp).toBe(true);
    expect(sim.stats()).toMatchObject({ binds: 1, bound: 1 });
    if (bindType === 'receiver') await expect(s.submit({ to: '+8613800138000', text: 'x' })).rejects.toThrow('receiver');
  });

  it('submits one message, gets its id and a DELIVERED receipt carrying the same id', async () => {
    const sim = await simulator();
    const s = session(sim);
    await s.start();
    const receipts = collect<SmppReceipt>(s, 'receipt', 1);

    const result = await s.submit({ to: '+8613800138000', from: '106900001234', text: 'Your code is 834721' });

    expect(result.parts).toHaveLength(1);
    const [part] = result.parts;
    expect(part.seq).toBe(1);
    expect(part.error).toBeUndefined();
    expect(part.operatorMessageId).toMatch(/^[0-9a-f]{1,64}$/);
    const [receipt] = await receipts;
    expect(receipt).toMatchObject({ operatorMessageId: part.operatorMessageId, status: 'DELIVERED', stat: 'DELIVRD', err: '000' });
    expect(receipt.submitDate).toBeInstanceOf(Date);
    expect(receipt.doneDate).toBeInstanceOf(Date);
  });

  it('sends a long Chinese message as two UCS-2 parts with one UDH reference, two ids and two receipts', async () => {
    const sim = await simulator();
    const observed: ObservedSubmit[] = [];
    sim.on('submit', (submit) => observed.push(submit));
    const s = session(sim);
    await s.start();
    const receipts = collect<SmppReceipt>(s, 'receipt', 2);

    const result = await s.submit({ to: '+8613800138000', text: CHINESE_2_PARTS });

    expect(result.parts.map((p) => p.seq)).toEqual([1, 2]);
    const ids = result.parts.map((p) => p.operatorMessageId);
    expect(new Set(ids).size).toBe(2);
    expect((await receipts).map((r) => r.operatorMessageId).sort()).toEqual([...ids].sort());
    expect(observed).toHaveLength(2);
    const [first, second] = observed.sort((a, b) => (a.concat?.seq ?? 0) - (b.concat?.seq ?? 0));
    expect(first.concat).toEqual({ ref: second.concat?.ref, total: 2, seq: 1 });
    expect(second.concat).toMatchObject({ total: 2, seq: 2 });
    expect(observed.every((o) => o.dataCoding === 8 && (o.esmClass & 0x40) === 0x40)).toBe(true);
    expect(first.text + second.text).toBe(CHINESE_2_PARTS);
    expect(first.destinationAddr).toBe('8613800138000');
  });

  it('uses a new concatenation reference for each multipart message', async () => {
    const sim = await simulator();
    const refs = new Set<number | undefined>();
    sim.on('submit', (submit) => refs.add(submit.concat?.ref));
    const s = session(sim);
    await s.start();
    await s.submit({ to: '+8613800138000', text: CHINESE_2_PARTS });
    await s.submit({ to: '+8613800138000', text: CHINESE_2_PARTS });
    expect(refs.size).toBe(2);
  });

  it('retries throttled parts after a pause until they are accepted', async () => {
    const sim = await simulator({ throttleRate: { every: 2 } });
    const s = session(sim);
    await s.start();

    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => s.submit({ to: '+8613800138000', text: `message ${i}` })));

    expect(results.every((r) => r.parts[0].operatorMessageId && !r.parts[0].error)).toBe(true);
    const stats = sim.stats();
    expect(stats.throttled).toBeGreaterThanOrEqual(5);
    expect(stats.accepted).toBe(10);
  });

  it('reports ESME_RTHROTTLED once the retries are used up', async () => {
    const sim = await simulator({ throttleRate: 1 });
    const s = session(sim, { throttleRetries: 2 });
    await s.start();

    const result = await s.submit({ to: '+8613800138000', text: 'hello' });

    expect(result.parts[0]).toEqual({ seq: 1, error: { commandStatus: 0x58, code: 'SMPP_0x58', detail: 'ESME_RTHROTTLED' } });
    expect(sim.stats().throttled).toBe(3);
  });

  it('reports a refused submit as an error part without retrying it', async () => {
    const sim = await simulator({ submitFailRate: { every: 2 } });
    const s = session(sim);
    await s.start();

    const first = await s.submit({ to: '+8613800138000', text: 'one' });
    const second = await s.submit({ to: '+8613800138000', text: 'two' });

    expect(first.parts[0].operatorMessageId).toBeDefined();
    expect(second.parts[0]).toEqual({ seq: 1, error: { commandStatus: 0x45, code: 'SMPP_0x45', detail: 'ESME_RSUBMITFAIL' } });
    expect(sim.stats()).toMatchObject({ submits: 2, failed: 1 });
  });

  it('emits an UNDELIVERED receipt with the error code', async () => {
    const sim = await simulator({ undeliveredRate: 1, undeliveredErrorCode: 11 });
    const s = session(sim);
    await s.start();
    const receipts = collect<SmppReceipt>(s, 'receipt', 1);

    const result = await s.submit({ to: '+8613800138000', text: 'hello' });

    expect((await receipts)[0]).toMatchObject({ operatorMessageId: result.parts[0].operatorMessageId, status: 'UNDELIVERED', stat: 'UNDELIV', err: '011' });
  });

  it('asks for no receipt when registeredDelivery is false', async () => {
    const sim = await simulator();
    const observed: ObservedSubmit[] = [];
    sim.on('submit', (submit) => observed.push(submit));
    const s = session(sim);
    await s.start();
    await s.submit({ to: '+8613800138000', text: 'no receipt please', registeredDelivery: false });
    expect(observed[0].registeredDelivery).toBe(0);
  });

  it('reconnects after the SMSC drops the connection and resolves every submit', async () => {
    const sim = await simulator({ dropConnectionAfter: 7 });
    const s = session(sim, { window: 5 });
    const downs: unknown[] = [];
    s.on('down', (event) => downs.push(event));
    await s.start();

    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => s.submit({ to: '+8613800138000', text: `burst ${i}` })));

    const ids = results.map((r) => r.parts[0].operatorMessageId);
    expect(ids.every((id) => typeof id === 'string')).toBe(true);
    expect(new Set(ids).size).toBe(30);
    expect(downs.length).toBeGreaterThanOrEqual(4);
    expect(sim.stats().drops).toBeGreaterThanOrEqual(4);
    expect(sim.stats().binds).toBe(downs.length + 1);
  });

  it('detects a hung SMSC by its unanswered submits, reconnects and finishes every submit', async () => {
    const sim = await simulator({ hangAfter: 3 });
    const s = session(sim, { window: 5, responseTimeoutMs: 150 });
    const downs: Array<{ reason: string }> = [];
    s.on('down', (event) => downs.push(event));
    await s.start();

    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => s.submit({ to: '+8613800138000', text: `stalled ${i}` })));

    expect(results.every((r) => r.parts[0].operatorMessageId)).toBe(true);
    expect(downs[0].reason).toMatch(/submit unanswered/);
    expect(sim.stats().hangs).toBeGreaterThanOrEqual(1);
  });

  it('notices a silent idle link through enquire_link and binds again', async () => {
    const sim = await simulator({ hangAfter: 1 });
    const s = session(sim, { enquireLinkMs: 30, responseTimeoutMs: 100 });
    await s.start();
    const down = collect<{ reason: string }>(s, 'down', 1);
    const upAgain = collect(s, 'up', 1);
    await s.submit({ to: '+8613800138000', text: 'last answer before the SMSC hangs' });

    expect((await down)[0].reason).toMatch(/enquire_link unanswered/);
    await upAgain;
    expect(sim.stats().binds).toBe(2);
  });

  it('keeps going when the simulator is restarted on the same port', async () => {
    const first = await startSmppSimulator({ port: 0 });
    const s = session(first);
    await s.start();
    const port = first.port;
    const down = collect(s, 'down', 1);
    await first.close();
    await down;
    const pending = s.submit({ to: '+8613800138000', text: 'sent while the SMSC was away' });
    const up = collect(s, 'up', 1);
    await simulator({ port });
    await up;
    expect((await pending).parts[0].operatorMessageId).toBeDefined();
  });

  it('delivers mobile-originated messages as inbound, decoding GSM-7, UCS-2 and concatenated parts', async () => {
    const sim = await simulator();
    const s = session(sim);
    await s.start();
    const inbound = collect<SmppInbound>(s, 'inbound', 3);

    await sim.sendMo({ from: '+8613800138000', to: '106900001234', text: 'STOP {please} €5' });
    await sim.sendMo({ from: '+8613900139000', to: '106900001234', text: '退订，谢谢' });
    await sim.sendMo({ from: '+8613700137000', to: '106900001234', text: CHINESE_2_PARTS });

    const messages = await inbound;
    expect(messages.map(({ from, to, text }) => ({ from, to, text }))).toEqual([
      { from: '+8613800138000', to: '106900001234', text: 'STOP {please} €5' },
      { from: '+8613900139000', to: '106900001234', text: '退订，谢谢' },
      { from: '+8613700137000', to: '106900001234', text: CHINESE_2_PARTS },
    ]);
    expect(messages.every((m) => m.receivedAt instanceof Date)).toBe(true);
    expect(sim.stats().moSent).toBe(4);
  });

  it('tells MO from receipts when the simulator replies to every submit', async () => {
    const sim = await simulator({ moEvery: 1, moText: '好的' });
    const s = session(sim);
    await s.start();
    const inbound = collect<SmppInbound>(s, 'inbound', 1);
    const receipts = collect<SmppReceipt>(s, 'receipt', 1);

    await s.submit({ to: '+8613800138000', from: '106900001234', text: 'Reply Y to confirm' });

    expect((await inbound)[0]).toMatchObject({ from: '+8613800138000', to: '106900001234', text: '好的' });
    expect((await receipts)[0].status).toBe('DELIVERED');
  });

  it('never has more submits in flight than its window', async () => {
    const sim = await simulator({ latencyMs: 15 });
    const s = session(sim, { window: 4 });
    await s.start();

    const results = await Promise.all(Array.from({ length: 24 }, (_, i) => s.submit({ to: '+8613800138000', text: `windowed ${i}` })));

    expect(results.every((r) => r.parts[0].operatorMessageId)).toBe(true);
    // Filled to the window, never beyond it.
    expect(sim.stats().maxInFlight).toBe(4);
  });

  it.each([
    ['udh16', 'a 16-bit UDH reference', 0x40],
    ['sar', 'sar_* TLVs', 0x00],
  ] as const)('ties the parts together with %s (%s) when configured', async (concatenation, _label, esmClass) => {
    const sim = await simulator();
    const observed: ObservedSubmit[] = [];
    sim.on('submit', (submit) => observed.push(submit));
    const s = session(sim, { concatenation });
    await s.start();

    const result = await s.submit({ to: '+8613800138000', text: CHINESE_2_PARTS });

    expect(result.parts.every((p) => p.operatorMessageId)).toBe(true);
    const [first, second] = observed.sort((a, b) => (a.concat?.seq ?? 0) - (b.concat?.seq ?? 0));
    expect(first.concat).toEqual({ ref: second.concat?.ref, total: 2, seq: 1 });
    expect(second.concat).toMatchObject({ total: 2, seq: 2 });
    expect(observed.every((o) => o.esmClass === esmClass && o.dataCoding === 8)).toBe(true);
    expect(first.text + second.text).toBe(CHINESE_2_PARTS);
  });

  it('keeps to maxTps', async () => {
    const sim = await simulator();
    const s = session(sim, { maxTps: 100 }); // bucket of 5, then one every 10 ms
    await s.start();
    const startedAt = Date.now();

    await Promise.all(Array.from({ length: 20 }, (_, i) => s.submit({ to: '+8613800138000', text: `paced ${i}` })));

    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(140);
    expect(sim.stats().accepted).toBe(20);
  });

  it('holds a shared throttle for all sessions of a channel together', async () => {
    const sim = await simulator();
    const throttle = new Throttle({ tps: 100, burst: 5 });
    const [a, b] = [session(sim, { throttle }), session(sim, { throttle })];
    await Promise.all([a.start(), b.start()]);
    const startedAt = Date.now();

    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).submit({ to: '+8613800138000', text: `shared ${i}` })));

    // Two sessions with a bucket each would have needed half the time.
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(140);
    expect(sim.stats().accepted).toBe(20);
  });

  it('reports a bind failure from start() when the credentials are wrong', async () => {
    const sim = await simulator({ credentials: { acme: 'right-password' } });
    const wrongPassword = session(sim, { password: 'wrong' });
    const error = await wrongPassword.start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SmppBindError);
    expect(error).toMatchObject({ commandStatus: 0x0e, code: 'SMPP_0x0E' });
    await expect(wrongPassword.submit({ to: '+8613800138000', text: 'x' })).rejects.toThrow('closed');

    await expect(session(sim, { systemId: 'nobody', password: 'right-password' }).start()).rejects.toMatchObject({ commandStatus: 0x0f });
    await expect(session(sim, { password: 'right-password' }).start()).resolves.toBeUndefined();
  });

  it('with retryRefusedBind, reports the refusal, keeps what was submitted and binds once the SMSC accepts the account', async () => {
    const first = await startSmppSimulator({ port: 0, credentials: { acme: 'rotated' } });
    const port = first.port;
    const s = session(first, { retryRefusedBind: true });
    const refusals = collect<SmppBindError>(s, 'refused', 2);
    await expect(s.start()).rejects.toMatchObject({ code: 'SMPP_0x0E' });
    const pending = s.submit({ to: '+8613800138000', text: 'waits for the account to be fixed' });
    // Tried again with backoff, refused again: nothing submitted, nothing failed.
    expect((await refusals).map((e) => e.commandStatus)).toEqual([0x0e, 0x0e]);
    expect(first.stats().submits).toBe(0);

    await first.close();
    const up = collect(s, 'up', 1);
    const fixed = await simulator({ port, credentials: { acme: 'secret' } });
    await up;
    expect((await pending).parts[0].operatorMessageId).toBeDefined();
    expect(fixed.stats().accepted).toBe(1);
  });

  it('rejects queued submits when closed and unbinds cleanly', async () => {
    const sim = await simulator();
    const s = session(sim);
    await s.start();
    await s.submit({ to: '+8613800138000', text: 'before close' });
    await s.close();
    expect(s.isUp).toBe(false);
    await expect(s.submit({ to: '+8613800138000', text: 'after close' })).rejects.toThrow('closed');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sim.stats().bound).toBe(0);
  });
});
