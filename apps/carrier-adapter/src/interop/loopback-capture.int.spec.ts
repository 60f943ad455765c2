import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CMPP_COMMAND, cmppTextParts } from '@sms/carrier-protocols';
// The simulators stand in for an operator's SMSC and China Mobile's ISMG here; a test-only reach across the app boundary.
import { startCmppSimulator, startSmppSimulator, type CmppObservedSubmit, type ObservedSubmit } from '@sms/carrier-simulator';
// Wireshark's tools are test support of the protocols lib, kept out of its index (they spawn processes).
/* eslint-disable @nx/enforce-module-boundaries */
import {
  canCaptureLoopback,
  dissectLayers,
  dissectVerbose,
  dissectionProblems,
  startLoopbackCapture,
  tcpStreams,
  type DissectedFields,
  type DissectedFrame,
} from '../../../../libs/carrier-protocols/src/interop/tshark';
/* eslint-enable @nx/enforce-module-boundaries */
import { CmppSession } from '../cmpp/cmpp-session';
import { SmppSession, type SmppInbound, type SmppReceipt, type SubmitResult } from '../smpp/smpp-session';

/*
 * Issue 10 part 7, on the wire: dumpcap captures what our sessions and our simulators really exchange on the loopback
 * interface, and Wireshark's dissectors (Debian's tshark) read the capture. Unlike tshark.int.spec.ts in the protocols
 * lib (PDUs we encoded, framed by text2pcap), this covers the bytes as the sockets wrote them: corked writes carrying
 * several PDUs per segment, binds and keep-alives, the sessions' own sequence numbers. tshark must find no malformed
 * PDU, decode every PDU we frame ourselves from the same bytes, and show the values the session and the simulator
 * reported. Skipped, with the reason printed, when tshark cannot be installed or this process may not capture.
 */

const capture = canCaptureLoopback();
if (!capture.available) console.warn(`loopback capture interop suite SKIPPED: ${capture.reason}`);
const describeWithCapture = capture.available ? describe : describe.skip;

const HANDSET = '+8613800138000';
const SERVICE_NUMBER = '10690001';
const MO_TEXT = 'Reply from the handset';
/** What each session sends, in this order, one at a time (so the submits on the wire are in message order). */
const MESSAGES = [
  { name: 'GSM-7 / ASCII', text: 'Your code is 834721', parts: 1 },
  { name: 'UCS-2', text: '【示例】您的验证码是834721，五分钟内有效。', parts: 1 },
  { name: 'long', text: `${'This message is long enough to be sent in three concatenated parts. '.repeat(6)}End.`, parts: 3 },
] as const;
const PARTS = MESSAGES.reduce((sum, m) => sum + m.parts, 0);
const isUcs2 = (text: string) => /[^\x20-\x7e]/.test(text);

const one = (fields: DissectedFields | undefined, name: string): string | undefined => fields?.[name]?.[0];
/** tshark prints integers in hex (0x08) or decimal depending on the field. */
const num = (fields: DissectedFields | undefined, name: string): number => Number(one(fields, name));
/** tshark prints octet strings as colon-separated hex. */
const octets = (hex: string | undefined): Buffer => Buffer.from((hex ?? '').replace(/:/g, ''), 'hex');
const isRequest = (commandId: number) => commandId < 0x80000000;
const responseTo = (commandId: number) => (commandId | 0x80000000) >>> 0;

/** Command ids of a byte stream of PDUs: SMPP and CMPP both start each with its length and command id. Ours, not tshark's. */
function commandIds(stream: Buffer): number[] {
  const ids: number[] = [];
  for (let offset = 0; offset + 8 <= stream.length; ) {
    const length = stream.readUInt32BE(offset);
    if (length < 8 || offset + length > stream.length) break;
    ids.push(stream.readUInt32BE(offset + 4));
    offset += length;
  }
  return ids;
}

interface Captured {
  frames: DissectedFrame[];
  verbose: string;
  /** Command ids of every PDU each way, framed by us from the captured TCP payloads. */
  framed: { toServer: number[]; fromServer: number[] };
}

/**
 * Captures one conversation with the server on `port`: `talk` runs it and hands back how to close the session; the
 * capture is stopped only once the file holds a keep-alive answer (`keepAliveResp`) and the close both ways.
 */
async function captured(
  port: number,
  file: string,
  protocol: 'smpp' | 'cmpp',
  keepAliveResp: number,
  talk: () => Promise<() => Promise<void>>,
  cleanups: Array<() => Promise<void>>,
): Promise<Captured> {
  const live = await startLoopbackCapture(port, file);
  cleanups.push(() => live.stop());
  const close = await talk();
  await live.waitFor((segments) => commandIds(tcpStreams(segments, port).fromServer).includes(keepAliveResp), 'a keep-alive answered');
  await close();
  const segments = await live.waitFor((all) => {
    const { closedBy } = tcpStreams(all, port);
    return closedBy.client && closedBy.server;
  }, 'the connection closed both ways');
  await live.stop();
  const streams = tcpStreams(segments, port);
  const decodeAs = [`tcp.port==${port},${protocol}`];
  return {
    frames: dissectLayers(file, decodeAs),
    verbose: dissectVerbose(file, decodeAs),
    framed: { toServer: commandIds(streams.toServer), fromServer: commandIds(streams.fromServer) },
  };
}

/** What a session reported of one conversation: submit results, receipts (one per part) and one MO. */
interface Reported {
  results: SubmitResult[];
  receipts: SmppReceipt[];
  inbound: SmppInbound;
}

interface SessionLike {
  start(): Promise<void>;
  submit(request: { to: string; from?: string; text: string }): Promise<SubmitResult>;
  close(): Promise<void>;
  on(event: 'receipt', listener: (receipt: SmppReceipt) => void): unknown;
  once(event: 'inbound', listener: (inbound: SmppInbound) => void): unknown;
}

/** The same conversation for either protocol: start, the three messages and their receipts, then one MO. */
async function converse(session: SessionLike, sendMo: () => Promise<void>): Promise<Reported> {
  const receipts: SmppReceipt[] = [];
  const allReceipts = new Promise<void>((resolve) =>
    session.on('receipt', (receipt) => {
      receipts.push(receipt);
      if (receipts.length === PARTS) resolve();
    }),
  );
  const inbound = new Promise<SmppInbound>((resolve) => session.once('inbound', resolve));
  await session.start();
  const results: SubmitResult[] = [];
  for (const message of MESSAGES) results.push(await session.submit({ to: HANDSET, from: SERVICE_NUMBER, text: message.text }));
  await allReceipts;
  await sendMo();
  return { results, receipts, inbound: await inbound };
}

/** Every request tshark decoded has a response of the matching command and sequence, with status `ok`. */
function unansweredRequests(pdus: DissectedFields[], field: { command: string; sequence: string; status: (response: DissectedFields) => number }): string[] {
  return pdus
    .filter((pdu) => isRequest(num(pdu, field.command)))
    .filter((request) => {
      const response = pdus.find((pdu) => num(pdu, field.command) === responseTo(num(request, field.command)) && num(pdu, field.sequence) === num(request, field.sequence));
      return !response || field.status(response) !== 0;
    })
    .map((request) => `${one(request, field.command)} #${one(request, field.sequence)}`);
}

// ---------------------------------------------------------------------------------------------------- SMPP

/** SMPP 3.4 §5.1.2.1. */
const SMPP = {
  bind_transceiver: 0x00000009,
  bind_transceiver_resp: 0x80000009,
  submit_sm: 0x00000004,
  submit_sm_resp: 0x80000004,
  deliver_sm: 0x00000005,
  deliver_sm_resp: 0x80000005,
  enquire_link: 0x00000015,
  enquire_link_resp: 0x80000015,
  unbind: 0x00000006,
} as const;
const SYSTEM_ID = 'interop';
const PASSWORD = 'secret01';

describeWithCapture('Wireshark reads a live loopback capture of our SMPP session and simulator', () => {
  let dir: string;
  const cleanups: Array<() => Promise<void>> = [];
  const observed: ObservedSubmit[] = [];
  let reported: Reported;
  let wire: Captured;
  let pdus: DissectedFields[];
  /** tshark's UDH reading (gsm_sms_ud), keyed by the submit_sm it belongs to. */
  const udhOf = new Map<DissectedFields, DissectedFields>();
  const commands = (id: number) => pdus.filter((pdu) => num(pdu, 'smpp.command_id') === id);
  const answerTo = (request: DissectedFields) =>
    pdus.find((pdu) => num(pdu, 'smpp.command_id') === responseTo(num(request, 'smpp.command_id')) && num(pdu, 'smpp.sequence_number') === num(request, 'smpp.sequence_number'));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'loopback-capture-'));
    const simulator = await startSmppSimulator({ port: 0, credentials: { [SYSTEM_ID]: PASSWORD } });
    cleanups.push(() => simulator.close());
    simulator.on('submit', (submit) => observed.push(submit));
    wire = await captured(
      simulator.port,
      join(dir, 'smpp.pcap'),
      'smpp',
      SMPP.enquire_link_resp,
      async () => {
        // enquire_link after 100 ms of silence (checked every 250 ms), so one goes out once the traffic is over.
        const session = new SmppSession({ host: simulator.host, port: simulator.port, systemId: SYSTEM_ID, password: PASSWORD, enquireLinkMs: 100, responseTimeoutMs: 1_000 });
        cleanups.push(() => session.close());
        reported = await converse(session, () => simulator.sendMo({ from: HANDSET, to: SERVICE_NUMBER, text: MO_TEXT }));
        return () => session.close();
      },
      cleanups,
    );
    pdus = wire.frames.flatMap((frame) => frame.smpp ?? []);
    // tshark hands each short message with a UDH to the GSM SMS dissector: its instances follow the UDHI PDUs in order.
    for (const frame of wire.frames) {
      const withUdh = (frame.smpp ?? []).filter((pdu) => num(pdu, 'smpp.esm.submit.features') & 0x01);
      withUdh.forEach((pdu, i) => frame.gsm_sms_ud?.[i] && udhOf.set(pdu, frame.gsm_sms_ud[i]));
    }
  }, 15_000);

  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('finds no Malformed PDU and no expert error', () => {
    expect(dissectionProblems(wire.verbose)).toEqual([]);
    expect(wire.verbose).toContain('Short Message Peer to Peer');
  });

  it('decodes every PDU both peers wrote, each request answered OK', () => {
    const { toServer, fromServer } = wire.framed;
    // What we frame from the captured bytes, and what tshark decoded from them, PDU for PDU.
    expect(pdus.map((pdu) => num(pdu, 'smpp.command_id')).sort()).toEqual([...toServer, ...fromServer].sort());
    expect(toServer.filter((id) => id === SMPP.submit_sm)).toHaveLength(PARTS);
    // A receipt per part and one MO.
    expect(fromServer.filter((id) => id === SMPP.deliver_sm)).toHaveLength(PARTS + 1);
    expect(toServer).toEqual(expect.arrayContaining([SMPP.bind_transceiver, SMPP.enquire_link, SMPP.unbind]));
    expect(unansweredRequests(pdus, { command: 'smpp.command_id', sequence: 'smpp.sequence_number', status: (r) => num(r, 'smpp.command_status') })).toEqual([]);
  });

  it('shows the bind as the session sent it and the simulator accepted it', () => {
    const [bind] = commands(SMPP.bind_transceiver);
    expect({ systemId: one(bind, 'smpp.system_id'), password: one(bind, 'smpp.password'), version: num(bind, 'smpp.interface_version') }).toEqual({
      systemId: SYSTEM_ID,
      password: PASSWORD,
      version: 0x34,
    });
    expect(one(answerTo(bind), 'smpp.system_id')).toBe('SMSCSIM');
  });

  it('shows each submit_sm with the destination, data_coding, UDHI, registered_delivery, UDH and text we sent', () => {
    const submits = commands(SMPP.submit_sm);
    expect(submits).toHaveLength(PARTS);
    let i = 0;
    for (const message of MESSAGES) {
      const parts = submits.slice(i, (i += message.parts));
      const dataCoding = isUcs2(message.text) ? 8 : 0;
      const shown = parts.map((pdu) => ({
        source: one(pdu, 'smpp.source_addr'),
        destination: one(pdu, 'smpp.destination_addr'),
        destinationTon: num(pdu, 'smpp.dest_addr_ton'),
        dataCoding: num(pdu, 'smpp.data_coding'),
        udhi: num(pdu, 'smpp.esm.submit.features') & 0x01,
        receipt: num(pdu, 'smpp.regdel.receipt'),
      }));
      const sent = { source: SERVICE_NUMBER, destination: HANDSET.slice(1), destinationTon: 1, dataCoding, udhi: message.parts > 1 ? 1 : 0, receipt: 1 };
      expect({ message: message.name, shown }).toEqual({ message: message.name, shown: parts.map(() => sent) });

      const udhs = parts.map((pdu) => udhOf.get(pdu));
      if (message.parts > 1) {
        const reference = num(udhs[0], 'gsm_sms.udh.mm.msg_id');
        expect(udhs.map((udh) => [num(udh, 'gsm_sms.udh.mm.msg_id'), num(udh, 'gsm_sms.udh.mm.msg_parts'), num(udh, 'gsm_sms.udh.mm.msg_part')])).toEqual(
          parts.map((_, k) => [reference, message.parts, k + 1]),
        );
        // The simulator read the same reference from the same bytes.
        expect(observed.filter((o) => o.concat?.ref === reference)).toHaveLength(message.parts);
      } else {
        expect(udhs).toEqual([undefined]);
      }
      // The text in each part after the UDH tshark measured (GSM-7 unpacked is ASCII for these characters; UCS-2 is
      // UTF-16BE), and the whole as Wireshark reassembled it from the UDHs (shown on the last part).
      const decode = (body: Buffer) => (dataCoding === 8 ? Buffer.from(body).swap16().toString('utf16le') : body.toString('latin1'));
      const bodies = parts.map((pdu) => octets(one(pdu, 'smpp.message')).subarray(udhOf.has(pdu) ? num(udhOf.get(pdu), 'gsm_sms.dis_field_udh.user_data_header_length') + 1 : 0));
      expect(bodies.map(decode).join('')).toBe(message.text);
      if (message.parts > 1) {
        const last = udhs[udhs.length - 1];
        expect(num(last, 'gsm_sms_ud.fragment.count')).toBe(message.parts);
        expect(decode(octets(one(last, 'gsm_sms_ud.short_msg')))).toBe(message.text);
      }
    }
  });

  it('shows the message_id the session reported in submit_sm_resp, and the same id in the receipt TLVs', () => {
    const ids = reported.results.flatMap((result) => result.parts.map((part) => part.operatorMessageId));
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(PARTS);
    expect(commands(SMPP.submit_sm).map((submit) => one(answerTo(submit), 'smpp.message_id'))).toEqual(ids);
    expect(observed.map((o) => o.messageId)).toEqual(ids);

    const receipts = commands(SMPP.deliver_sm).filter((pdu) => num(pdu, 'smpp.esm.submit.msg_type') === 0x01);
    const shown = receipts.map((pdu) => ({ id: one(pdu, 'smpp.receipted_message_id'), state: num(pdu, 'smpp.message_state'), from: one(pdu, 'smpp.source_addr') }));
    const byId = (a: { id?: string }, b: { id?: string }) => String(a.id).localeCompare(String(b.id));
    expect(shown.sort(byId)).toEqual(ids.map((id) => ({ id, state: 2 /* DELIVERED */, from: HANDSET.slice(1) })).sort(byId));
    expect(reported.receipts.map((receipt) => [receipt.operatorMessageId, receipt.status]).sort()).toEqual(ids.map((id) => [id, 'DELIVERED']).sort());
  });

  it('shows the MO deliver_sm with the sender, recipient and text the session reported', () => {
    const mo = commands(SMPP.deliver_sm).filter((pdu) => num(pdu, 'smpp.esm.submit.msg_type') === 0x00);
    expect(
      mo.map((pdu) => ({
        from: one(pdu, 'smpp.source_addr'),
        to: one(pdu, 'smpp.destination_addr'),
        dataCoding: num(pdu, 'smpp.data_coding'),
        text: octets(one(pdu, 'smpp.message')).toString('latin1'),
      })),
    ).toEqual([{ from: HANDSET.slice(1), to: SERVICE_NUMBER, dataCoding: 0, text: MO_TEXT }]);
    expect(reported.inbound).toMatchObject({ from: HANDSET, to: SERVICE_NUMBER, text: MO_TEXT });
  });
});

// ---------------------------------------------------------------------------------------------------- CMPP

/*
 * CMPP 3.0 only: Wireshark's CMPP dissector (4.0) knows the 3.0 layouts alone. It shows Msg_Content as a label, not
 * its text, so the text is checked by its length and format; the Msg_Ids (hex there, decimal strings here) are compared.
 */
const SP_ID = '901234';
const SHARED_SECRET = 'secret';
const SERVICE_ID = 'MTEST';
/** ISMGs address handsets nationally (11 digits); the session speaks E.164 above that. */
const NATIONAL_HANDSET = HANDSET.slice(3);
/** Msg_Id as tshark prints it (FT_UINT64, hex) → the unsigned decimal string everything above the codec uses. */
const msgId = (hex: string | undefined): string | undefined => (hex === undefined ? undefined : BigInt(hex).toString());

describeWithCapture('Wireshark reads a live loopback capture of our CMPP 3.0 session and simulator', () => {
  let dir: string;
  const cleanups: Array<() => Promise<void>> = [];
  const observed: CmppObservedSubmit[] = [];
  let reported: Reported;
  let wire: Captured;
  let pdus: DissectedFields[];
  const commands = (id: number) => pdus.filter((pdu) => num(pdu, 'cmpp.Command_Id') === id);
  const answerTo = (request: DissectedFields) =>
    pdus.find((pdu) => num(pdu, 'cmpp.Command_Id') === responseTo(num(request, 'cmpp.Command_Id')) && num(pdu, 'cmpp.Sequence_Id') === num(request, 'cmpp.Sequence_Id'));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'loopback-capture-'));
    const simulator = await startCmppSimulator({ port: 0, credentials: { [SP_ID]: SHARED_SECRET } });
    cleanups.push(() => simulator.close());
    simulator.on('submit', (submit) => observed.push(submit));
    wire = await captured(
      simulator.port,
      join(dir, 'cmpp.pcap'),
      'cmpp',
      CMPP_COMMAND.ACTIVE_TEST_RESP,
      async () => {
        // ACTIVE_TEST after 100 ms of silence, as enquire_link above.
        const session = new CmppSession({
          host: simulator.host,
          port: simulator.port,
          spId: SP_ID,
          sharedSecret: SHARED_SECRET,
          serviceId: SERVICE_ID,
          activeTestMs: 100,
          responseTimeoutMs: 1_000,
        });
        cleanups.push(() => session.close());
        reported = await converse(session, () => simulator.sendMo({ from: NATIONAL_HANDSET, to: SERVICE_NUMBER, text: MO_TEXT }));
        return () => session.close();
      },
      cleanups,
    );
    pdus = wire.frames.flatMap((frame) => frame.cmpp ?? []);
  }, 15_000);

  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('finds no Malformed PDU and no expert error', () => {
    expect(dissectionProblems(wire.verbose)).toEqual([]);
    expect(wire.verbose).toContain('China Mobile Point to Point Protocol');
  });

  it('decodes every PDU both peers wrote, each request answered OK', () => {
    const { toServer, fromServer } = wire.framed;
    expect(pdus.map((pdu) => num(pdu, 'cmpp.Command_Id')).sort()).toEqual([...toServer, ...fromServer].sort());
    expect(toServer.filter((id) => id === CMPP_COMMAND.SUBMIT)).toHaveLength(PARTS);
    expect(fromServer.filter((id) => id === CMPP_COMMAND.DELIVER)).toHaveLength(PARTS + 1);
    expect(toServer).toEqual(expect.arrayContaining([CMPP_COMMAND.CONNECT, CMPP_COMMAND.ACTIVE_TEST, CMPP_COMMAND.TERMINATE]));
    // Each response's own status field: CONNECT_RESP Status, SUBMIT_RESP and DELIVER_RESP Result; the others have none.
    const status = (response: DissectedFields) =>
      num(response, 'cmpp.connect_resp.Status') || num(response, 'cmpp.submit_resp.Result') || num(response, 'cmpp.deliver_resp.Result') || 0;
    expect(unansweredRequests(pdus, { command: 'cmpp.Command_Id', sequence: 'cmpp.Sequence_Id', status })).toEqual([]);
  });

  it('shows the CONNECT as the session sent it and the simulator accepted it, both in 3.0', () => {
    const [connect] = commands(CMPP_COMMAND.CONNECT);
    const response = answerTo(connect);
    expect({ sourceAddr: one(connect, 'cmpp.connect.Source_Addr'), version: one(connect, 'cmpp.Version') }).toEqual({ sourceAddr: SP_ID, version: '03.00' });
    expect({ status: num(response, 'cmpp.connect_resp.Status'), version: one(response, 'cmpp.Version') }).toEqual({ status: 0, version: '03.00' });
  });

  it('shows each SUBMIT with the terminal id, Msg_Fmt, TP_udhi, Pk_total/Pk_number, Registered_Delivery and length we sent', () => {
    const submits = commands(CMPP_COMMAND.SUBMIT);
    expect(submits).toHaveLength(PARTS);
    let i = 0;
    for (const message of MESSAGES) {
      const parts = submits.slice(i, (i += message.parts));
      const sent = cmppTextParts(message.text);
      const shown = parts.map((pdu) => ({
        dest: pdu['cmpp.Dest_terminal_Id'],
        srcId: one(pdu, 'cmpp.submit.Src_Id'),
        serviceId: one(pdu, 'cmpp.Servicd_Id'),
        msgSrc: one(pdu, 'cmpp.submit.Msg_src'),
        msgFmt: num(pdu, 'cmpp.Msg_Fmt'),
        tpUdhi: num(pdu, 'cmpp.TP_udhi'),
        pk: [num(pdu, 'cmpp.submit.Pk_total'), num(pdu, 'cmpp.submit.Pk_number')],
        registeredDelivery: num(pdu, 'cmpp.submit.Registered_Delivery'),
        length: num(pdu, 'cmpp.Msg_Length'),
      }));
      expect({ message: message.name, shown }).toEqual({
        message: message.name,
        shown: sent.map((part) => ({
          dest: [NATIONAL_HANDSET],
          srcId: SERVICE_NUMBER,
          serviceId: SERVICE_ID,
          msgSrc: SP_ID,
          msgFmt: isUcs2(message.text) ? 8 : 0,
          tpUdhi: message.parts > 1 ? 1 : 0,
          pk: [message.parts, part.pkNumber],
          registeredDelivery: 1,
          length: part.msgContent.length,
        })),
      });
    }
    // The simulator read the text back from the same bytes.
    let k = 0;
    expect(MESSAGES.map((message) => observed.slice(k, (k += message.parts)).map((o) => o.text).join(''))).toEqual(MESSAGES.map((message) => message.text));
  });

  it("shows the Msg_Id the session reported in SUBMIT_RESP, and the same id in the status report's Msg_Id", () => {
    const ids = reported.results.flatMap((result) => result.parts.map((part) => part.operatorMessageId));
    expect(new Set(ids).size).toBe(PARTS);
    expect(commands(CMPP_COMMAND.SUBMIT).map((submit) => msgId(one(answerTo(submit), 'cmpp.Msg_Id')))).toEqual(ids);
    expect(observed.map((o) => o.msgId)).toEqual(ids);

    const reports = commands(CMPP_COMMAND.DELIVER).filter((pdu) => num(pdu, 'cmpp.deliver.Registered_Delivery') === 1);
    // A report's own Msg_Id comes first, then the submit's inside the report.
    const shown = reports.map((pdu) => ({ id: msgId(pdu['cmpp.Msg_Id'][1]), stat: one(pdu, 'cmpp.deliver.Report.Status'), dest: one(pdu, 'cmpp.Dest_terminal_Id') }));
    const byId = (a: { id?: string }, b: { id?: string }) => String(a.id).localeCompare(String(b.id));
    expect(shown.sort(byId)).toEqual(ids.map((id) => ({ id, stat: 'DELIVRD', dest: NATIONAL_HANDSET })).sort(byId));
    expect(reported.receipts.map((receipt) => [receipt.operatorMessageId, receipt.status]).sort()).toEqual(ids.map((id) => [id, 'DELIVERED']).sort());
  });

  it('shows the MO DELIVER with the sender, recipient and format the session reported', () => {
    const mo = commands(CMPP_COMMAND.DELIVER).filter((pdu) => num(pdu, 'cmpp.deliver.Registered_Delivery') === 0);
    expect(
      mo.map((pdu) => ({
        from: one(pdu, 'cmpp.deliver.Src_terminal_Id'),
        to: one(pdu, 'cmpp.deliver.Dest_Id'),
        msgFmt: num(pdu, 'cmpp.Msg_Fmt'),
        length: num(pdu, 'cmpp.Msg_Length'),
      })),
    ).toEqual([{ from: NATIONAL_HANDSET, to: SERVICE_NUMBER, msgFmt: 0, length: MO_TEXT.length }]);
    expect(reported.inbound).toMatchObject({ from: HANDSET, to: SERVICE_NUMBER, text: MO_TEXT });
  });
});
