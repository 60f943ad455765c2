import {
  CMPP_VERSION,
  ConcatenationBuffer,
  cmppAuthenticatorIsmg,
  cmppAuthenticatorSource,
  cmppMessageContent,
  cmppTextParts,
  cmppTimestamp,
  decodeCmppStatusReport,
  parseCmppMsgId,
  type CmppDeliver,
  type CmppVersion,
} from '@sms/carrier-protocols';
import { startCmppSimulator, type CmppObservedSubmit, type CmppSimulator, type CmppSimulatorOptions } from './cmpp-simulator';
import { CmppTestClient } from './cmpp-test-client.spec-helper';

// Real sockets on loopback: a bare SP built from our codec (cmpp-test-client.spec-helper.ts) plays the client.

const SP = 'SP0001';
const SECRET = 'secret';

const simulators: CmppSimulator[] = [];
const clients: CmppTestClient[] = [];

afterEach(async () => {
  await Promise.all(simulators.splice(0).map((sim) => sim.close()));
  clients.splice(0).forEach((client) => client.close());
});

async function simulator(options: CmppSimulatorOptions = {}): Promise<CmppSimulator> {
  const sim = await startCmppSimulator({ port: 0, terminateGraceMs: 20, ...options });
  simulators.push(sim);
  return sim;
}

async function open(sim: CmppSimulator, acknowledge = true): Promise<CmppTestClient> {
  const client = await CmppTestClient.open(sim.port, { acknowledge });
  clients.push(client);
  return client;
}

async function connected(sim: CmppSimulator, options: { spId?: string; version?: CmppVersion; acknowledge?: boolean } = {}): Promise<CmppTestClient> {
  const client = await open(sim, options.acknowledge);
  const response = await client.connect(options.spId ?? SP, SECRET, options.version ?? CMPP_VERSION.V3_0);
  expect(response.status).toBe(0);
  return client;
}

function report(deliver: CmppDeliver, version: CmppVersion = CMPP_VERSION.V3_0) {
  expect(deliver.registeredDelivery).toBe(1);
  return decodeCmppStatusReport(deliver.msgContent, version);
}

function cstParts(ms: number) {
  const t = new Date(ms + 8 * 3_600_000);
  return { month: t.getUTCMonth() + 1, day: t.getUTCDate(), hour: t.getUTCHours(), minute: t.getUTCMinutes(), second: t.getUTCSeconds() };
}

/** For the few states no event announces (a delivery parked for an absent SP): polls every 2 ms, at most 2 s. */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 2));
  expect(condition()).toBe(true);
}

describe('CMPP simulator: CONNECT', () => {
  it('accepts a 3.0 CONNECT with the right authenticator and answers with AuthenticatorISMG', async () => {
    const sim = await simulator({ credentials: { [SP]: SECRET } });
    const client = await open(sim);
    const timestamp = cmppTimestamp(new Date());
    const source = cmppAuthenticatorSource(SP, SECRET, timestamp);

    const response = await client.connect(SP, SECRET, CMPP_VERSION.V3_0, { authenticator: source });

    expect(response).toMatchObject({ command: 'connect_resp', status: 0, version: 0x30 });
    expect(response.authenticatorIsmg.equals(cmppAuthenticatorIsmg(0, source, SECRET, CMPP_VERSION.V3_0))).toBe(true);
    expect(sim.stats()).toMatchObject({ connects: 1, connected: 1, refusedConnects: 0 });
  });

  it('serves a 2.0 client in the 2.0 layout, from a 3.0 ISMG answering its highest version', async () => {
    const sim = await simulator({ credentials: { [SP]: SECRET } });
    const client = await open(sim);
    const timestamp = cmppTimestamp(new Date());
    const source = cmppAuthenticatorSource(SP, SECRET, timestamp);

    const response = await client.connect(SP, SECRET, CMPP_VERSION.V2_0, { authenticator: source });

    // The 2.0 AuthenticatorISMG hashes a 1-octet Status: proof the answer was built (and laid out) for 2.0.
    expect(response).toMatchObject({ status: 0, version: 0x30 });
    expect(response.authenticatorIsmg.equals(cmppAuthenticatorIsmg(0, source, SECRET, CMPP_VERSION.V2_0))).toBe(true);
    const { msgId, result } = await client.submit({ destTerminalIds: ['13800138000'] });
    expect(result).toBe(0);
    const [deliver] = await client.deliveries(1);
    expect(deliver.msgContent).toHaveLength(60);
    expect(report(deliver, CMPP_VERSION.V2_0)).toMatchObject({ msgId, stat: 'DELIVRD', destTerminalId: '13800138000' });
  });

  it('refuses a wrong secret with Status 3 and an unknown SP with Status 2, then closes the connection', async () => {
    const sim = await simulator({ credentials: { [SP]: SECRET } });
    const wrong = await open(sim);
    expect(await wrong.connect(SP, 'guess')).toMatchObject({ status: 3, authenticatorIsmg: Buffer.alloc(16) });
    await wrong.closed;

    const unknown = await open(sim);
    expect((await unknown.connect('SP9999', SECRET)).status).toBe(2);
    await unknown.closed;

    // A 2.0 client is refused in its own layout (1-octet Status).
    const wrong20 = await open(sim);
    expect((await wrong20.connect(SP, 'guess', CMPP_VERSION.V2_0)).status).toBe(3);
    expect(sim.stats()).toMatchObject({ connects: 0, refusedConnects: 3 });
  });

  it('negotiates the version: a 2.0 ISMG answers a 3.0 CONNECT with Status 4 and 0x20, then serves 2.0', async () => {
    const sim = await simulator({ version: CMPP_VERSION.V2_0, credentials: { [SP]: SECRET } });
    const first = await open(sim);
    expect(await first.connect(SP, SECRET, CMPP_VERSION.V3_0)).toMatchObject({ status: 4, version: 0x20 });
    await first.closed;

    const second = await open(sim);
    const response = await second.connect(SP, SECRET, CMPP_VERSION.V2_0);
    expect(response).toMatchObject({ status: 0, version: 0x20 });
    const submitted = await second.submit({ destTerminalIds: ['13800138000'] });
    expect(submitted.result).toBe(0);
    const [deliver] = await second.deliveries(1);
    expect(report(deliver, CMPP_VERSION.V2_0)).toMatchObject({ msgId: submitted.msgId, stat: 'DELIVRD' });
  });

  it('closes a connection whose first PDU is not CONNECT', async () => {
    const sim = await simulator();
    const client = await open(sim);
    client.send({ command: 'active_test', sequenceId: 1 });
    await client.closed;
    expect(client.received).toHaveLength(0);
    expect(sim.stats().activeTests).toBe(0);
  });

  it('answers anyone when no credentials are configured', async () => {
    const sim = await simulator();
    const client = await open(sim);
    expect((await client.connect('ANYONE', 'whatever')).status).toBe(0);
  });
});

describe('CMPP simulator: SUBMIT and status reports', () => {
  it('answers a SUBMIT with a fresh Msg_Id and sends a DELIVRD report carrying it', async () => {
    const sim = await simulator({ gatewayCode: 0x2abcde });
    const client = await connected(sim);
    const before = Date.now();

    const [first, second] = await Promise.all([client.submit(), client.submit({ registeredDelivery: 0 })]);

    expect(first.result).toBe(0);
    expect(second.result).toBe(0);
    expect(first.msgId).not.toBe(second.msgId);
    const after = Date.now();
    const { gatewayCode, sequence, ...time } = parseCmppMsgId(first.msgId);
    expect(gatewayCode).toBe(0x2abcde);
    // The Msg_Id's time is the ISMG's (CST, UTC+8), to the second.
    expect([cstParts(before), cstParts(after)]).toContainEqual(time);
    // The 16-bit sequence counts every Msg_Id the ISMG assigns (the report's DELIVER took one in between).
    expect(parseCmppMsgId(second.msgId).sequence).toBeGreaterThan(sequence);

    const [deliver] = await client.deliveries(1);
    expect(deliver).toMatchObject({ registeredDelivery: 1, srcTerminalId: '8613800138000', destId: '106900001234', serviceId: 'TEST' });
    const status = report(deliver);
    expect(status).toMatchObject({ msgId: first.msgId, stat: 'DELIVRD', destTerminalId: '8613800138000' });
    expect(status.submitTime).toMatch(/^\d{10}$/);
    expect(status.doneTime >= status.submitTime).toBe(true);
    expect(sim.stats()).toMatchObject({ submits: 2, accepted: 2, reportsSent: 1 });
  });

  it('sends UNDELIV reports at undeliveredRate and none when Registered_Delivery is 0', async () => {
    const sim = await simulator({ undeliveredRate: { every: 2 } });
    const client = await connected(sim);
    await client.submit({ registeredDelivery: 0 }); // 1st: delivered, no report asked
    await client.submit({ registeredDelivery: 0 }); // 2nd: undelivered, no report asked
    const delivered = await client.submit(); // 3rd
    const undelivered = await client.submit(); // 4th

    const reports = (await client.deliveries(2)).map((d) => report(d));
    expect(reports.map((r) => [r.msgId, r.stat])).toEqual([
      [delivered.msgId, 'DELIVRD'],
      [undelivered.msgId, 'UNDELIV'],
    ]);
  });

  it('injects flow control (Result 8) and permanent failures (Result 9) deterministically', async () => {
    const sim = await simulator({ throttleRate: { every: 3 }, submitFailRate: { every: 2 } });
    const client = await connected(sim);
    const results: number[] = [];
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const response = await client.submit({ registeredDelivery: 0 });
      results.push(response.result);
      ids.push(response.msgId);
    }
    // Throttling counts every submit (3rd, 6th); failures count those that got past it (2nd and 4th of 1, 2, 4, 5).
    expect(results).toEqual([0, 9, 8, 0, 9, 8]);
    expect(ids.filter((id, i) => results[i] !== 0)).toEqual(['0', '0', '0', '0']);
    expect(sim.stats()).toMatchObject({ submits: 6, accepted: 2, throttled: 2, failed: 2 });
  });

  it('uses the configured Result for submit failures', async () => {
    const sim = await simulator({ submitFailRate: 1, submitFailResult: 13 });
    const client = await connected(sim);
    expect((await client.submit()).result).toBe(13);
    expect(sim.stats()).toMatchObject({ failed: 1, accepted: 0, reportsSent: 0 });
  });

  it('observes a long TP_udhi submit with its concatenation, and sends one report per part', async () => {
    const sim = await simulator();
    const observed: CmppObservedSubmit[] = [];
    sim.on('submit', (submit) => observed.push(submit));
    const client = await connected(sim);
    const text = '您好，这是一条很长的消息。'.repeat(7);
    const parts = cmppTextParts(text, { reference: 42 });
    expect(parts).toHaveLength(2);

    const responses = await Promise.all(parts.map((part) => client.submit({ ...part, feeUserType: 2, feeType: '03', feeCode: '000100', serviceId: 'NEWS' })));

    expect(observed.map((o) => o.concat)).toEqual([
      { ref: 42, total: 2, seq: 1 },
      { ref: 42, total: 2, seq: 2 },
    ]);
    expect(observed.map((o) => o.text).join('')).toBe(text);
    expect(observed[0]).toMatchObject({ spId: SP, version: 0x30, result: 0, msgId: responses[0].msgId, tpUdhi: 1, msgFmt: 8, feeUserType: 2, feeType: '03', feeCode: '000100', serviceId: 'NEWS', srcId: '106900001234', destTerminalIds: ['8613800138000'] });
    const reported = (await client.deliveries(2)).map((d) => report(d).msgId);
    expect(reported.sort()).toEqual(responses.map((r) => r.msgId).sort());
  });

  it('sends one report per recipient of a multi-recipient SUBMIT', async () => {
    const sim = await simulator();
    const client = await connected(sim);
    const { msgId } = await client.submit({ destTerminalIds: ['8613800138000', '8613900139000'] });
    const reports = (await client.deliveries(2)).map((d) => report(d));
    expect(reports.map((r) => [r.msgId, r.destTerminalId])).toEqual([
      [msgId, '8613800138000'],
      [msgId, '8613900139000'],
    ]);
  });

  it('answers after latencyMs and sees how many SUBMITs a connection keeps outstanding', async () => {
    const sim = await simulator({ latencyMs: 20 });
    const client = await connected(sim);
    client.socket.cork();
    const pending = Array.from({ length: 5 }, () => client.submit({ registeredDelivery: 0 }));
    client.socket.uncork();
    const started = Date.now();
    expect((await Promise.all(pending)).every((r) => r.result === 0)).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
    expect(sim.stats().maxInFlight).toBe(5);
  });

  it('routes a report to another connection of the same SP only, when the submitting one is gone', async () => {
    const sim = await simulator({ receiptDelayMs: 20 });
    const other = await connected(sim, { spId: 'SP0002' });
    const receiver = await connected(sim);
    const submitter = await connected(sim);
    const { msgId } = await submitter.submit();
    submitter.close();

    const [deliver] = await receiver.deliveries(1);
    expect(report(deliver).msgId).toBe(msgId);
    expect(other.delivered).toHaveLength(0);
  });
});

describe('CMPP simulator: faults and redelivery', () => {
  it('drops the connection right after the Nth answer; the reports wait for the SP and come after it reconnects', async () => {
    const sim = await simulator({ dropConnectionAfter: 3, receiptDelayMs: 5 });
    const client = await connected(sim);
    const answers: string[] = [];
    client.socket.cork();
    for (let i = 0; i < 5; i++) void client.submit().then((r) => answers.push(r.msgId));
    client.socket.uncork();
    await client.closed;
    expect(answers).toHaveLength(3);
    await until(() => sim.stats().pendingDeliveries === 3);
    expect(sim.stats()).toMatchObject({ drops: 1, accepted: 3, submits: 3, reportsSent: 0 });

    const again = await connected(sim);
    const reports = (await again.deliveries(3)).map((d) => report(d));
    expect(reports.map((r) => r.msgId).sort()).toEqual([...answers].sort());
    expect(sim.stats().pendingDeliveries).toBe(0);
  });

  it('sends a report again after reconnect when the first connection never acknowledged it', async () => {
    const sim = await simulator();
    const silent = await connected(sim, { acknowledge: false });
    const { msgId } = await silent.submit();
    const [first] = await silent.deliveries(1);
    silent.close();
    await silent.closed;

    const next = await connected(sim);
    const [again] = await next.deliveries(1);
    expect(report(again).msgId).toBe(msgId);
    // The same DELIVER (same Msg_Id), so a client can tell a re-send from a second report.
    expect(again.msgId).toBe(first.msgId);
    expect(sim.stats().reportsSent).toBe(2);
  });

  it('goes silent after hangAfter SUBMITs without closing the connection', async () => {
    const sim = await simulator({ hangAfter: 2 });
    const client = await connected(sim);
    expect((await client.submit({ registeredDelivery: 0 })).result).toBe(0);
    expect((await client.submit({ registeredDelivery: 0 })).result).toBe(0);
    let answered = false;
    void client.submit({ registeredDelivery: 0 }).then(() => (answered = true));
    void client.request({ command: 'active_test', sequenceId: 0 }).then(() => (answered = true));

    // Another SP's full round trip: by then the hung connection's requests were read and ignored.
    const other = await connected(sim, { spId: 'SP0002' });
    expect((await other.request({ command: 'active_test', sequenceId: 0 })).command).toBe('active_test_resp');
    expect(answered).toBe(false);
    expect(client.isClosed).toBe(false);
    expect(sim.stats()).toMatchObject({ hangs: 1, connected: 2, submits: 2, activeTests: 1 });
  });

  it('bounds the deliveries waiting for an absent SP, dropping the oldest', async () => {
    const sim = await simulator({ maxPendingDeliveries: 2 });
    const outcomes = ['first', 'second', 'third'].map((text) =>
      sim.sendMo({ from: '+8613800138000', to: '106900001234', text, spId: SP }).then(
        () => 'delivered',
        (error: Error) => error.message,
      ),
    );
    await until(() => sim.stats().droppedDeliveries === 1);
    expect(sim.stats().pendingDeliveries).toBe(2);
    expect(await outcomes[0]).toBe('pending delivery queue full');

    const client = await connected(sim);
    const texts = (await client.deliveries(2)).map((d) => cmppMessageContent(d.msgFmt, d.tpUdhi, d.msgContent).text);
    expect(texts).toEqual(['second', 'third']);
    expect(await Promise.all(outcomes.slice(1))).toEqual(['delivered', 'delivered']);
  });

  it('ignores a frame it cannot read and goes on; a bad Total_Length closes the connection', async () => {
    const sim = await simulator();
    const client = await connected(sim);
    const unknown = Buffer.alloc(12);
    unknown.writeUInt32BE(12, 0);
    unknown.writeUInt32BE(0x00000777, 4);
    unknown.writeUInt32BE(99, 8);
    client.socket.write(unknown);
    expect((await client.request({ command: 'active_test', sequenceId: 0 })).command).toBe('active_test_resp');
    expect(client.received.map((p) => p.command)).toEqual(['connect_resp', 'active_test_resp']);

    const bad = Buffer.alloc(12);
    bad.writeUInt32BE(5000, 0);
    client.socket.write(bad);
    await client.closed;
  });
});

describe('CMPP simulator: MO, ACTIVE_TEST, TERMINATE', () => {
  it('sends a long Chinese MO as UCS-2 TP_udhi parts the SP reassembles, and resolves once acknowledged', async () => {
    const sim = await simulator();
    const client = await connected(sim);
    const text = '您好，'.repeat(30);

    await sim.sendMo({ from: '+8613800138000', to: '1069000012345', text });

    const parts = client.delivered;
    expect(parts).toHaveLength(2);
    expect(parts.every((p) => p.registeredDelivery === 0 && p.msgFmt === 8 && p.tpUdhi === 1)).toBe(true);
    expect(parts.every((p) => p.srcTerminalId === '8613800138000' && p.destId === '1069000012345')).toBe(true);
    const buffer = new ConcatenationBuffer(60_000);
    const joined = parts.map((p) => {
      const content = cmppMessageContent(p.msgFmt, p.tpUdhi, p.msgContent);
      return buffer.add({ from: p.srcTerminalId, to: p.destId, text: content.text, receivedAt: new Date(), concat: content.concat });
    });
    expect(joined[0]).toBeUndefined();
    expect(joined[1]?.text).toBe(text);
    expect(sim.stats().moSent).toBe(2);
  });

  it('sends an ASCII MO reply every moEvery accepted submits to the submitting connection', async () => {
    const sim = await simulator({ moEvery: 2, moText: 'YES' });
    const client = await connected(sim);
    await client.submit({ registeredDelivery: 0 });
    await client.submit({ registeredDelivery: 0 });
    const [mo] = await client.deliveries(1);
    expect(mo).toMatchObject({ registeredDelivery: 0, msgFmt: 0, tpUdhi: 0, srcTerminalId: '8613800138000', destId: '106900001234' });
    expect(mo.msgContent.toString('latin1')).toBe('YES');
  });

  it('rejects an MO whose number no DELIVER can carry', async () => {
    const sim = await simulator();
    await expect(sim.sendMo({ from: '1'.repeat(40), to: '10690000', text: 'x' })).rejects.toThrow('CMPP_FIELD_INVALID');
  });

  it('answers ACTIVE_TEST', async () => {
    const sim = await simulator();
    const client = await connected(sim);
    expect(await client.request({ command: 'active_test', sequenceId: 0 })).toMatchObject({ command: 'active_test_resp', reserved: 0 });
    expect(sim.stats().activeTests).toBe(1);
  });

  it('answers TERMINATE and closes the connection', async () => {
    const sim = await simulator();
    const client = await connected(sim);
    expect((await client.request({ command: 'terminate', sequenceId: 0 })).command).toBe('terminate_resp');
    await client.closed;
    expect(sim.stats()).toMatchObject({ connected: 0, connects: 1 });
  });

  it('says TERMINATE to connected SPs when it closes', async () => {
    const sim = await startCmppSimulator({ port: 0 });
    const client = await connected(sim);
    await sim.close();
    await client.closed;
    expect(client.received.map((p) => p.command)).toEqual(['connect_resp', 'terminate']);
  });
});
