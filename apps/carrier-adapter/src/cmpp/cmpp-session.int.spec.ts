// The simulator stands in for China Mobile's ISMG here; a test-only reach across the app boundary.
import { CMPP_VERSION, Throttle } from '@sms/carrier-protocols';
import { startCmppSimulator, type CmppObservedSubmit, type CmppSimulator, type CmppSimulatorOptions } from '@sms/carrier-simulator';
import { CmppConnectError, CmppSession, CmppSessionClosedError, type CmppInbound, type CmppReceipt, type CmppSessionOptions } from './cmpp-session';

// Real sockets against the CMPP simulator on loopback.

const SP = '901234';
const SECRET = 'secret';

const sessions: CmppSession[] = [];
const simulators: CmppSimulator[] = [];

afterEach(async () => {
  await Promise.all(sessions.splice(0).map((session) => session.close()));
  await Promise.all(simulators.splice(0).map((simulator) => simulator.close()));
});

async function simulator(options: CmppSimulatorOptions = {}): Promise<CmppSimulator> {
  const sim = await startCmppSimulator({ port: 0, ...options });
  simulators.push(sim);
  return sim;
}

function session(sim: CmppSimulator, options: Partial<CmppSessionOptions> = {}): CmppSession {
  const s = new CmppSession({
    host: sim.host,
    port: sim.port,
    spId: SP,
    sharedSecret: SECRET,
    serviceId: 'MXX0012345',
    srcId: '106900001234',
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

function observe(sim: CmppSimulator): CmppObservedSubmit[] {
  const observed: CmppObservedSubmit[] = [];
  sim.on('submit', (submit) => observed.push(submit));
  return observed;
}

const CHINESE_2_PARTS = '【示例科技】您的验证码是834721，五分钟内有效。请勿将验证码告诉他人，工作人员不会向您索取。如非本人操作请忽略本短信，感谢您的使用与支持，祝您生活愉快！';

describe('CmppSession against the CMPP simulator', () => {
  it('connects in CMPP 3.0 with the MD5 authenticator', async () => {
    const sim = await simulator({ credentials: { [SP]: SECRET } });
    const s = session(sim);
    const up = collect(s, 'up', 1);
    await s.start();
    await up;
    expect(s.isUp).toBe(true);
    expect(s.stats()).toEqual({ up: true, inFlight: 0, queued: 0, version: CMPP_VERSION.V3_0 });
    expect(sim.stats()).toMatchObject({ connects: 1, connected: 1, refusedConnects: 0 });
  });

  it('submits one message nationally, gets its Msg_Id and a DELIVERED report carrying the same id', async () => {
    const sim = await simulator();
    const observed = observe(sim);
    const s = session(sim);
    await s.start();
    const receipts = collect<CmppReceipt>(s, 'receipt', 1);

    const result = await s.submit({ to: '+8613800138000', text: 'Your code is 834721' });

    expect(result.parts).toHaveLength(1);
    const [part] = result.parts;
    expect(part.seq).toBe(1);
    expect(part.error).toBeUndefined();
    expect(part.operatorMessageId).toMatch(/^[1-9]\d*$/);
    const [receipt] = await receipts;
    expect(receipt).toMatchObject({ operatorMessageId: part.operatorMessageId, status: 'DELIVERED', stat: 'DELIVRD', err: '' });
    expect(receipt.submitDate).toBeInstanceOf(Date);
    // Done_time is minutes on the ISMG's UTC+8 clock: read back, it is within a minute or two of now.
    expect(Math.abs((receipt.doneDate?.getTime() ?? 0) - Date.now())).toBeLessThan(120_000);
    expect(observed).toEqual([
      expect.objectContaining({
        spId: SP,
        version: CMPP_VERSION.V3_0,
        msgId: part.operatorMessageId,
        srcId: '106900001234',
        destTerminalIds: ['13800138000'],
        msgFmt: 0,
        tpUdhi: 0,
        registeredDelivery: 1,
        serviceId: 'MXX0012345',
        feeUserType: 0,
        feeType: '01',
        feeCode: '000000',
        text: 'Your code is 834721',
      }),
    ]);
  });

  it("sends from the submit's own source address when it has one", async () => {
    const sim = await simulator();
    const observed = observe(sim);
    const s = session(sim);
    await s.start();
    await s.submit({ to: '+8613800138000', from: '1069000012345678', text: 'hi' });
    expect(observed[0].srcId).toBe('1069000012345678');
  });

  it('sends a long Chinese message as two UCS-2 TP_udhi parts with one reference, two ids and two reports', async () => {
    const sim = await simulator();
    const observed = observe(sim);
    const s = session(sim);
    await s.start();
    const receipts = collect<CmppReceipt>(s, 'receipt', 2);

    const result = await s.submit({ to: '+8613800138000', text: CHINESE_2_PARTS });

    expect(result.parts.map((p) => p.seq)).toEqual([1, 2]);
    const ids = result.parts.map((p) => p.operatorMessageId);
    expect(new Set(ids).size).toBe(2);
    expect((await receipts).map((r) => r.operatorMessageId).sort()).toEqual([...ids].sort());
    expect(observed).toHaveLength(2);
    const [first, second] = observed.sort((a, b) => (a.concat?.seq ?? 0) - (b.concat?.seq ?? 0));
    expect(first.concat).toEqual({ ref: second.concat?.ref, total: 2, seq: 1 });
    expect(second.concat).toMatchObject({ total: 2, seq: 2 });
    expect(observed.every((o) => o.msgFmt === 8 && o.tpUdhi === 1)).toBe(true);
    expect(first.text + second.text).toBe(CHINESE_2_PARTS);
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

  it('retries parts answered Result 8 (flow control) after a pause until they are accepted', async () => {
    const sim = await simulator({ throttleRate: { every: 2 } });
    const s = session(sim);
    let throttledEvents = 0;
    s.on('throttled', () => throttledEvents++);
    await s.start();

    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => s.submit({ to: '+8613800138000', text: `message ${i}` })));

    expect(results.every((r) => r.parts[0].operatorMessageId && !r.parts[0].error)).toBe(true);
    const stats = sim.stats();
    expect(stats.throttled).toBeGreaterThanOrEqual(5);
    expect(stats.accepted).toBe(10);
    expect(throttledEvents).toBe(stats.throttled);
  });

  it('reports flow control as CMPP_8 once the retries are used up', async () => {
    const sim = await simulator({ throttleRate: 1 });
    const s = session(sim, { throttleRetries: 2 });
    await s.start();

    const result = await s.submit({ to: '+8613800138000', text: 'hello' });

    expect(result.parts[0]).toEqual({ seq: 1, error: { commandStatus: 8, code: 'CMPP_8', detail: 'FLOW_CONTROL' } });
    expect(sim.stats().throttled).toBe(3);
  });

  it('reports a refused submit as an error part without retrying it', async () => {
    const sim = await simulator({ submitFailRate: { every: 2 } });
    const s = session(sim);
    await s.start();

    const first = await s.submit({ to: '+8613800138000', text: 'one' });
    const second = await s.submit({ to: '+8613800138000', text: 'two' });

    expect(first.parts[0].operatorMessageId).toBeDefined();
    expect(second.parts[0]).toEqual({ seq: 1, error: { commandStatus: 9, code: 'CMPP_9', detail: 'FEE_NUMBER_NOT_SERVED' } });
    expect(sim.stats()).toMatchObject({ submits: 2, failed: 1 });
  });

  it('emits an UNDELIVERED receipt for an UNDELIV report', async () => {
    const sim = await simulator({ undeliveredRate: 1 });
    const s = session(sim);
    await s.start();
    const receipts = collect<CmppReceipt>(s, 'receipt', 1);

    const result = await s.submit({ to: '+8613800138000', text: 'hello' });

    expect((await receipts)[0]).toMatchObject({ operatorMessageId: result.parts[0].operatorMessageId, status: 'UNDELIVERED', stat: 'UNDELIV' });
  });

  it('asks for no report when registeredDelivery is false', async () => {
    const sim = await simulator();
    const observed = observe(sim);
    const s = session(sim);
    await s.start();
    const receipts = collect<CmppReceipt>(s, 'receipt', 1);
    await s.submit({ to: '+8613800138000', text: 'no report please', registeredDelivery: false });
    // Reports go out in submit order: the one the second submit asked for comes first, as there is none for the first.
    const second = await s.submit({ to: '+8613800138000', text: 'with a report' });
    expect((await receipts)[0].operatorMessageId).toBe(second.parts[0].operatorMessageId);
    expect(observed.map((o) => o.registeredDelivery)).toEqual([0, 1]);
    expect(sim.stats().reportsSent).toBe(1);
  });

  it('reconnects after the ISMG drops the connection and resolves every submit, none lost', async () => {
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
    expect(sim.stats().connects).toBe(downs.length + 1);
  });

  it('detects a hung ISMG by its unanswered submits, reconnects and finishes every submit', async () => {
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

  it('keeps an idle link alive with ACTIVE_TEST', async () => {
    const sim = await simulator();
    const s = session(sim, { activeTestMs: 20, responseTimeoutMs: 200 });
    await s.start();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(sim.stats().activeTests).toBeGreaterThanOrEqual(2);
    expect(s.isUp).toBe(true);
    expect(sim.stats().connects).toBe(1);
  });

  it('notices a silent idle link through an unanswered ACTIVE_TEST and connects again', async () => {
    const sim = await simulator({ hangAfter: 1 });
    const s = session(sim, { activeTestMs: 30, responseTimeoutMs: 100 });
    await s.start();
    const down = collect<{ reason: string }>(s, 'down', 1);
    const upAgain = collect(s, 'up', 1);
    await s.submit({ to: '+8613800138000', text: 'last answer before the ISMG hangs' });

    expect((await down)[0].reason).toMatch(/ACTIVE_TEST unanswered/);
    await upAgain;
    expect(sim.stats().connects).toBe(2);
  });

  it("answers the ISMG's TERMINATE, and keeps going when the simulator is restarted on the same port", async () => {
    const first = await startCmppSimulator({ port: 0 });
    const s = session(first);
    await s.start();
    const port = first.port;
    const down = collect<{ reason: string }>(s, 'down', 1);
    const closing = Date.now();
    await first.close(); // TERMINATE to every SP; it waits 200 ms for the answers before cutting anyone off
    expect(Date.now() - closing).toBeLessThan(150);
    expect((await down)[0].reason).toBe('terminated by the ISMG');
    const pending = s.submit({ to: '+8613800138000', text: 'sent while the ISMG was away' });
    const up = collect(s, 'up', 1);
    await simulator({ port });
    await up;
    expect((await pending).parts[0].operatorMessageId).toBeDefined();
  });

  it('delivers mobile-originated messages as inbound from E.164 numbers, decoding ASCII, UCS-2 and concatenated parts', async () => {
    const sim = await simulator();
    const s = session(sim);
    await s.start();
    const inbound = collect<CmppInbound>(s, 'inbound', 3);

    await sim.sendMo({ from: '+8613800138000', to: '106900001234', text: 'STOP {please} $5' });
    await sim.sendMo({ from: '+8613900139000', to: '106900001234', text: '退订，谢谢' });
    await sim.sendMo({ from: '+8613700137000', to: '1069000012340001', text: CHINESE_2_PARTS });

    const messages = await inbound;
    expect(messages.map(({ from, to, text }) => ({ from, to, text }))).toEqual([
      { from: '+8613800138000', to: '106900001234', text: 'STOP {please} $5' },
      { from: '+8613900139000', to: '106900001234', text: '退订，谢谢' },
      { from: '+8613700137000', to: '1069000012340001', text: CHINESE_2_PARTS },
    ]);
    expect(messages.every((m) => m.receivedAt instanceof Date)).toBe(true);
    expect(sim.stats().moSent).toBe(4);
  });

  it('tells MO from reports when the simulator replies to every submit', async () => {
    const sim = await simulator({ moEvery: 1, moText: '好的' });
    const s = session(sim);
    await s.start();
    const inbound = collect<CmppInbound>(s, 'inbound', 1);
    const receipts = collect<CmppReceipt>(s, 'receipt', 1);

    await s.submit({ to: '+8613800138000', text: 'Reply Y to confirm' });

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

  it('reports a refused CONNECT from start() when the secret or the SP id is wrong, and closes', async () => {
    const sim = await simulator({ credentials: { [SP]: 'right-secret' } });
    const wrongSecret = session(sim);
    const error = await wrongSecret.start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CmppConnectError);
    expect(error).toMatchObject({ status: 3, code: 'CMPP_CONNECT_3', statusName: 'AUTHENTICATION_FAILED' });
    await expect(wrongSecret.submit({ to: '+8613800138000', text: 'x' })).rejects.toThrow(CmppSessionClosedError);

    await expect(session(sim, { spId: '900000', sharedSecret: 'right-secret' }).start()).rejects.toMatchObject({ status: 2, code: 'CMPP_CONNECT_2' });
    await expect(session(sim, { sharedSecret: 'right-secret' }).start()).resolves.toBeUndefined();
    expect(sim.stats()).toMatchObject({ refusedConnects: 2, connects: 1 });
  });

  it('once it has been up, retries a refused CONNECT with backoff instead of giving up', async () => {
    const first = await startCmppSimulator({ port: 0, credentials: { [SP]: SECRET } });
    const port = first.port;
    const s = session(first);
    await s.start();
    const pending = s.submit({ to: '+8613800138000', text: 'before' });
    await pending;
    await first.close();

    const refusals = collect<CmppConnectError>(s, 'refused', 2);
    const rotated = await simulator({ port, credentials: { [SP]: 'rotated' } });
    const waiting = s.submit({ to: '+8613800138000', text: 'waits for the account to be fixed' });
    expect((await refusals).map((e) => e.status)).toEqual([3, 3]);
    expect(rotated.stats().submits).toBe(0);

    await rotated.close();
    simulators.splice(simulators.indexOf(rotated), 1);
    const up = collect(s, 'up', 1);
    const fixed = await simulator({ port, credentials: { [SP]: SECRET } });
    await up;
    expect((await waiting).parts[0].operatorMessageId).toBeDefined();
    expect(fixed.stats().accepted).toBe(1);
  });

  it('with retryRefusedConnect, reports the first refusal from start() and connects once the ISMG accepts the account', async () => {
    const first = await startCmppSimulator({ port: 0, credentials: { [SP]: 'rotated' } });
    const port = first.port;
    const s = session(first, { retryRefusedConnect: true });
    const refusals = collect<CmppConnectError>(s, 'refused', 2);
    await expect(s.start()).rejects.toMatchObject({ code: 'CMPP_CONNECT_3' });
    const pending = s.submit({ to: '+8613800138000', text: 'waits for the account to be fixed' });
    expect((await refusals).map((e) => e.status)).toEqual([3, 3]);
    expect(first.stats().submits).toBe(0);

    await first.close();
    const up = collect(s, 'up', 1);
    const fixed = await simulator({ port, credentials: { [SP]: SECRET } });
    await up;
    expect((await pending).parts[0].operatorMessageId).toBeDefined();
    expect(fixed.stats().accepted).toBe(1);
  });

  it('negotiates down to CMPP 2.0 with a 2.0 gateway, and speaks 2.0 from then on: submits, reports, MO', async () => {
    const sim = await simulator({ version: CMPP_VERSION.V2_0, credentials: { [SP]: SECRET }, moEvery: 1, moText: '收到' });
    const observed = observe(sim);
    const s = session(sim);
    await s.start();
    expect(s.stats().version).toBe(CMPP_VERSION.V2_0);
    // "Version too high", then a fresh connection in 2.0: one refusal, one connect, no 'down'.
    expect(sim.stats()).toMatchObject({ refusedConnects: 1, connects: 1 });
    const receipts = collect<CmppReceipt>(s, 'receipt', 2);
    const inbound = collect<CmppInbound>(s, 'inbound', 1);

    const result = await s.submit({ to: '+8613800138000', text: CHINESE_2_PARTS });

    expect(observed.map((o) => o.version)).toEqual([CMPP_VERSION.V2_0, CMPP_VERSION.V2_0]);
    expect(observed.map((o) => o.text).join('')).toBe(CHINESE_2_PARTS);
    expect((await receipts).map((r) => r.operatorMessageId).sort()).toEqual(result.parts.map((p) => p.operatorMessageId).sort());
    expect((await inbound)[0]).toMatchObject({ from: '+8613800138000', text: '收到' });

    // Remembered: a reconnect asks for 2.0 straight away.
    const upAgain = collect(s, 'up', 1);
    await sim.close();
    simulators.splice(0);
    const again = await simulator({ port: sim.port, version: CMPP_VERSION.V2_0, credentials: { [SP]: SECRET } });
    await upAgain;
    expect(again.stats()).toMatchObject({ refusedConnects: 0, connects: 1 });
  });

  it('asks for CMPP 2.0 when configured so, and a 3.0 gateway serves it in 2.0', async () => {
    const sim = await simulator();
    const observed = observe(sim);
    const s = session(sim, { version: CMPP_VERSION.V2_0 });
    await s.start();
    await s.submit({ to: '+8613800138000', text: 'two point oh' });
    expect(observed[0].version).toBe(CMPP_VERSION.V2_0);
    expect(s.stats().version).toBe(CMPP_VERSION.V2_0);
  });

  it('on close, lets what is in flight be answered, rejects what is queued, and terminates cleanly', async () => {
    const sim = await simulator({ latencyMs: 30 });
    const s = session(sim, { window: 2 });
    await s.start();
    const submits = Array.from({ length: 5 }, (_, i) => s.submit({ to: '+8613800138000', text: `closing ${i}` }).then(
      (result) => result.parts[0].operatorMessageId,
      (error: Error) => error,
    ));
    const closing = Date.now();
    await s.close();
    // TERMINATE_RESP came: close did not sit out its one-second wait for it.
    expect(Date.now() - closing).toBeLessThan(500);

    const outcomes = await Promise.all(submits);
    expect(outcomes.slice(0, 2).every((o) => typeof o === 'string')).toBe(true);
    expect(outcomes.slice(2).every((o) => o instanceof CmppSessionClosedError)).toBe(true);
    expect(s.isUp).toBe(false);
    await expect(s.submit({ to: '+8613800138000', text: 'after close' })).rejects.toThrow('closed');
    expect(sim.stats()).toMatchObject({ accepted: 2, connected: 0 });
  });
});
