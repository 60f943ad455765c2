/**
 * Issue 10 part 7: Debian's Kannel, an SMPP ESME we did not write, against our SMPP simulator (ADR 0041).
 *
 *   test ─HTTP sendsms→ smsbox → bearerbox ─SMPP transceiver→ our simulator (in this process: its 'submit' events)
 *   simulator ─deliver_sm receipt→ bearerbox → smsbox ─HTTP dlr-url→ this test's callback server
 *   simulator.sendMo ─deliver_sm→ bearerbox → smsbox ─HTTP sms-service get-url→ this test's callback server
 *
 * What Kannel sends must read right in our simulator (destination, data_coding, text, concatenation), and what the
 * simulator sends (receipts with their message ids, MO in GSM-7, UCS-2 and concatenated) must read right in Kannel.
 * One Kannel for the file; skipped, with the reason printed, when Kannel is not installed and apt cannot install it.
 */
import { once } from 'node:events';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
// The simulator runs in this process so the test sees what it decoded ('submit') and can send MO.
/* eslint-disable @nx/enforce-module-boundaries */
import { startSmppSimulator, type ObservedSubmit, type SmppSimulator } from '@sms/carrier-simulator';
/* eslint-enable @nx/enforce-module-boundaries */
import { ensureKannel, expectAccepted, kannelConfig, sendsmsUrl, startKannel, withTimeout, type RunningKannel } from './support/kannel';
import { eventually, freePort, tempDir } from './support/processes';

const kannel = ensureKannel();
if (!kannel.available) console.warn(`Kannel interop suite SKIPPED: ${kannel.reason}`);
const describeWithKannel = kannel.available ? describe : describe.skip;

const USER = 'interop';
/** SMPP 3.4 caps password at 8 octets (Kannel warns and sends more; our simulator then compares the longer one). */
const PASSWORD = 'secret01';
const SERVICE_NUMBER = '10690001';
/** Kannel's smsc-ids: `sim` a plain SMSC, `half` one that reports every second message undelivered, `refused` one whose bind fails. */
const SMSC = { sim: 'sim', half: 'half', refused: 'refused' } as const;
/** dlr-mask: 1 delivered, 2 undelivered, 16 SMSC reject (the final states). */
const FINAL_DLR_MASK = 1 | 2 | 16;
const WAIT_MS = 10_000;
/** Per test: a callback wait, with room to report it. */
const TEST_MS = 15_000;

const GSM_TEXT = 'Hello from Kannel: your code is 834721';
const UCS2_TEXT = '【示例科技】您的验证码是834721，五分钟内有效。';
const LONG_TEXT = `${'Kannel splits a text this long into parts tied together by a UDH. '.repeat(6)}The end.`;
const MO = {
  ascii: 'STOP please',
  chinese: '退订，谢谢',
  long: `${'这是一条很长的上行短信，需要分成几段发送。'.repeat(5)}完`,
};

interface Callback {
  path: string;
  /** Query parameters, decoded as UTF-8 (what Kannel's %-escapes give when the text is UTF-8). */
  query: URLSearchParams;
  /** The raw query string, for the octets of `%b`. */
  raw: string;
}

/** The customer's HTTP side of Kannel: dlr-url and the sms-service get-url land here. */
class CallbackServer {
  readonly received: Callback[] = [];
  private readonly server: Server;
  private readonly waiters = new Set<() => void>();

  constructor() {
    this.server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://callback');
      this.received.push({ path: url.pathname, query: url.searchParams, raw: url.search.slice(1) });
      // An empty answer: the sms-service sends no reply SMS (max-messages 0 as well).
      response.end('');
      for (const waiter of [...this.waiters]) waiter();
    });
  }

  async listen(): Promise<number> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return (this.server.address() as { port: number }).port;
  }

  /** Resolves with the first `count` callbacks that match, once they are all here. */
  waitFor(count: number, match: (callback: Callback) => boolean, what: string, kannelState: () => Promise<string>): Promise<Callback[]> {
    const found = () => this.received.filter(match);
    const arrived = new Promise<Callback[]>((resolve) => {
      const check = () => {
        if (found().length < count) return;
        this.waiters.delete(check);
        resolve(found().slice(0, count));
      };
      this.waiters.add(check);
      check();
    });
    return withTimeout(arrived, WAIT_MS, async () => `${what}: ${found().length} of ${count} callbacks after ${WAIT_MS} ms\n${await kannelState()}`);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** `%b` is the message's octets, each escaped: read them as octets, not as UTF-8. */
function percentOctets(raw: string, name: string): Buffer {
  const field = raw.split('&').find((pair) => pair.startsWith(`${name}=`));
  const value = (field ?? '').slice(name.length + 1).replace(/\+/g, ' ');
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    if (value[i] === '%') {
      bytes.push(parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(value.charCodeAt(i));
    }
  }
  return Buffer.from(bytes);
}

/** An MO text as the sms-service saw it: `%b` decoded by the charset Kannel names in `%C`. */
function moText(callback: Callback): string {
  const octets = percentOctets(callback.raw, 'binary');
  const charset = (callback.query.get('charset') ?? '').toUpperCase();
  if (charset === 'UTF-16BE') return Buffer.from(octets).swap16().toString('utf16le');
  if (charset === 'UTF-8') return octets.toString('utf8');
  return octets.toString('latin1');
}

describeWithKannel(`Kannel ${kannel.available ? kannel.version : ''} (bearerbox as an SMPP ESME) against our SMPP simulator`, () => {
  let dir: string;
  const callbacks = new CallbackServer();
  const simulators: SmppSimulator[] = [];
  const observed: ObservedSubmit[] = [];
  let sim: SmppSimulator;
  let half: SmppSimulator;
  let refusing: SmppSimulator;
  let boxes: RunningKannel | undefined;
  let sendsmsPort: number;
  let callbackPort: number;
  const kannelState = async () => `Kannel status:\n${(await boxes?.status().catch(() => '(no answer)')) ?? '(not started)'}\n${boxes?.logTails() ?? ''}`;

  /** sendsms one message through an SMSC connection, its DLRs tagged so the test can find them. */
  async function send(input: { to: string; text: string; tag: string; smsc?: string; coding?: number }): Promise<void> {
    const dlrUrl = `http://127.0.0.1:${callbackPort}/dlr?tag=${input.tag}&type=%d&id=%F&to=%p`;
    const url = sendsmsUrl(sendsmsPort, {
      username: USER,
      password: PASSWORD,
      from: SERVICE_NUMBER,
      to: input.to,
      text: input.text,
      charset: 'UTF-8',
      coding: String(input.coding ?? 0),
      smsc: input.smsc ?? SMSC.sim,
      'dlr-mask': String(FINAL_DLR_MASK),
      'dlr-url': dlrUrl,
    });
    await expectAccepted(await fetch(url));
  }

  /** The submits the simulator decoded for one destination, once there are `count`. */
  function submitsTo(destination: string, count: number): Promise<ObservedSubmit[]> {
    return eventually(
      () => {
        const found = observed.filter((submit) => submit.destinationAddr === destination);
        return found.length >= count ? found : undefined;
      },
      `${count} submit_sm to ${destination}`,
      WAIT_MS,
      20,
    );
  }

  const dlrsTagged = (tag: string, count: number) => callbacks.waitFor(count, (c) => c.path === '/dlr' && c.query.get('tag') === tag, `DLRs of ${tag}`, kannelState);

  /** The receipt round trip: one final DLR, type 1, whose %F is the message_id the simulator answered. */
  async function expectDelivered(tag: string, submit: ObservedSubmit, to: string): Promise<void> {
    const dlrs = await dlrsTagged(tag, 1);
    expect(dlrs.map((dlr) => ({ type: dlr.query.get('type'), id: dlr.query.get('id'), to: dlr.query.get('to') }))).toEqual([{ type: '1', id: submit.messageId, to }]);
  }

  beforeAll(async () => {
    dir = tempDir('kannel-interop');
    callbackPort = await callbacks.listen();
    sim = await startSmppSimulator({ port: 0, credentials: { [USER]: PASSWORD } });
    half = await startSmppSimulator({ port: 0, credentials: { [USER]: PASSWORD }, undeliveredRate: { every: 2 } });
    refusing = await startSmppSimulator({ port: 0, credentials: { [USER]: 'right001' } });
    simulators.push(sim, half, refusing);
    for (const simulator of [sim, half]) simulator.on('submit', (submit) => observed.push(submit));

    const ports = { admin: await freePort(), smsbox: await freePort(), sendsms: await freePort() };
    sendsmsPort = ports.sendsms;
    const configFile = join(dir, 'kannel.conf');
    writeFileSync(
      configFile,
      kannelConfig({
        dir,
        ports,
        adminPassword: PASSWORD,
        // Concatenated MO joined before the sms-service sees it (Kannel's default, said out loud).
        core: { 'sms-combine-concatenated-mo': true },
        smscs: [
          // allowed-smsc-id: a message goes through a connection only when sendsms names it, so each case picks its SMSC.
          { id: SMSC.sim, port: sim.port, username: USER, password: PASSWORD, settings: { 'allowed-smsc-id': SMSC.sim } },
          { id: SMSC.half, port: half.port, username: USER, password: PASSWORD, settings: { 'allowed-smsc-id': SMSC.half } },
          { id: SMSC.refused, port: refusing.port, username: USER, password: PASSWORD, settings: { 'allowed-smsc-id': SMSC.refused } },
        ],
        // Long texts split into up to 10 parts with a concatenation UDH.
        sendsmsUsers: [{ username: USER, password: PASSWORD, settings: { 'max-messages': 10, concatenation: true } }],
        groups: [
          [
            'sms-service',
            {
              keyword: 'default',
              'get-url': `http://127.0.0.1:${callbackPort}/mo?from=%p&to=%P&coding=%c&charset=%C&binary=%b`,
              'max-messages': 0,
              'catch-all': true,
            },
          ],
        ],
      }),
    );
    boxes = await startKannel({ dir, configFile, ports, adminPassword: PASSWORD, online: [SMSC.sim, SMSC.half], timeoutMs: 20_000 });
  }, 40_000);

  afterAll(async () => {
    await boxes?.stop();
    await Promise.all(simulators.map((simulator) => simulator.close()));
    await callbacks.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 15_000);

  it('sends GSM-7 text as data_coding 0 with the destination, sender and text it was given; its DLR carries our id', async () => {
    await send({ to: '+8613800138001', text: GSM_TEXT, tag: 'gsm' });
    const [submit] = await submitsTo('8613800138001', 1);
    expect(submit).toMatchObject({ systemId: USER, sourceAddr: SERVICE_NUMBER, dataCoding: 0, text: GSM_TEXT, concat: undefined, registeredDelivery: 1 });
    expect(submit.esmClass & 0x40).toBe(0);
    await expectDelivered('gsm', submit, '+8613800138001');
  }, TEST_MS);

  it('sends Chinese text (coding=2) as UCS-2, data_coding 8; its DLR carries our id', async () => {
    await send({ to: '+8613800138002', text: UCS2_TEXT, tag: 'ucs2', coding: 2 });
    const [submit] = await submitsTo('8613800138002', 1);
    expect(submit).toMatchObject({ sourceAddr: SERVICE_NUMBER, dataCoding: 8, text: UCS2_TEXT, concat: undefined, registeredDelivery: 1 });
    await expectDelivered('ucs2', submit, '+8613800138002');
  }, TEST_MS);

  it('splits a long text into UDH-concatenated parts our simulator reassembles; one DLR, for the first part', async () => {
    await send({ to: '+8613800138003', text: LONG_TEXT, tag: 'long' });
    const parts = await submitsTo('8613800138003', 3);
    const ordered = [...parts].sort((a, b) => (a.concat?.seq ?? 0) - (b.concat?.seq ?? 0));
    const ref = ordered[0].concat?.ref;
    expect(ordered.map((part) => part.concat)).toEqual([1, 2, 3].map((seq) => ({ ref, total: 3, seq })));
    expect(ordered.every((part) => (part.esmClass & 0x40) === 0x40 && part.dataCoding === 0)).toBe(true);
    expect(ordered.map((part) => part.text).join('')).toBe(LONG_TEXT);
    // Kannel asks a receipt for the first part only and reports the message by it (ADR 0041).
    expect(ordered.map((part) => part.registeredDelivery)).toEqual([1, 0, 0]);
    await expectDelivered('long', ordered[0], '+8613800138003');
  }, TEST_MS);

  it('reports every second message undelivered (type 2) when the SMSC says so', async () => {
    const destinations = ['+8613900139001', '+8613900139002', '+8613900139003', '+8613900139004'];
    for (const [i, to] of destinations.entries()) await send({ to, text: `Message ${i + 1}`, tag: 'half', smsc: SMSC.half });
    const dlrs = await dlrsTagged('half', destinations.length);
    const submits = observed.filter((submit) => destinations.includes(`+${submit.destinationAddr}`));
    // The simulator counts every second accepted submit as undelivered, in the order it accepted them.
    const expected = submits.map((submit, i) => ({ id: submit.messageId, type: i % 2 === 1 ? '2' : '1' }));
    const shown = dlrs.map((dlr) => ({ id: dlr.query.get('id'), type: dlr.query.get('type') }));
    const byId = (a: { id?: string | null }, b: { id?: string | null }) => String(a.id).localeCompare(String(b.id));
    expect(shown.sort(byId)).toEqual(expected.sort(byId));
    expect(shown.filter((dlr) => dlr.type === '2')).toHaveLength(2);
    expect(half.stats()).toMatchObject({ accepted: 4, receiptsSent: 4 });
  }, TEST_MS);

  it('passes MO in GSM-7, UCS-2 and concatenated parts to the sms-service with sender, receiver and text', async () => {
    const senders = { ascii: '+8613700137001', chinese: '+8613700137002', long: '+8613700137003' };
    for (const kind of ['ascii', 'chinese', 'long'] as const) {
      // Resolves once Kannel acknowledged every part.
      await sim.sendMo({ from: senders[kind], to: SERVICE_NUMBER, text: MO[kind] });
    }
    const moFrom = (from: string) => callbacks.waitFor(1, (c) => c.path === '/mo' && c.query.get('from') === from, `the MO from ${from}`, kannelState);
    for (const kind of ['ascii', 'chinese', 'long'] as const) {
      const [mo] = await moFrom(senders[kind]);
      expect({ kind, to: mo.query.get('to'), text: moText(mo) }).toEqual({ kind, to: SERVICE_NUMBER, text: MO[kind] });
    }
    // One callback per message: the long one's three parts were joined, not passed on one by one.
    expect(callbacks.received.filter((c) => c.path === '/mo')).toHaveLength(3);
  }, TEST_MS);

  it('is refused by a simulator that does not know its password: never bound, nothing submitted', async () => {
    const log = join(dir, 'bearerbox.log');
    const refusal = await eventually(
      () => readFileSync(log, 'utf8').split('\n').find((line) => line.includes(`SMPP[${SMSC.refused}]`) && /0x0000000e|Invalid Password/i.test(line)),
      "Kannel's log line for the refused bind",
      WAIT_MS,
    );
    expect(refusal).toBeDefined();
    expect(refusing.stats()).toMatchObject({ binds: 0, bound: 0, submits: 0, accepted: 0 });
    expect(await boxes?.status()).not.toMatch(new RegExp(`${SMSC.refused}\\[${SMSC.refused}\\]\\s+SMPP:.*\\(online`));
  }, TEST_MS);
});
