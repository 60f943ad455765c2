import {
  CMPP_MSG_FMT,
  CMPP_VERSION,
  cmppAuthenticatorIsmg,
  cmppAuthenticatorSource,
  cmppTextParts,
  cmppTimestampValue,
  composeCmppMsgId,
  decodeCmppStatusReport,
  encodeCmppPdu,
  encodeCmppStatusReport,
  type CmppPdu,
  type CmppVersion,
} from '../cmpp';
import { DATA_CODING, ESM_CLASS, NPI, TON, encodeDeliverSm, encodeDeliverSmResp, encodeSubmitSm, encodeSubmitSmResp, receiptDeliverSmFields, smpp, submitSmFields } from '../smpp';
import { dissect, ensureTshark, type CapturedSegment, type Dissection } from './tshark';

/*
 * Issue 10 part 7: Wireshark's CMPP and SMPP dissectors (Debian's tshark) read what our codecs write. The PDUs are
 * encoded with our codecs, put in a capture by text2pcap and dissected by tshark; no Malformed packet, no expert
 * error, every PDU decoded as the command we meant, and the fields carry the values we sent. Skipped, with the
 * reason printed, when tshark is not installed and apt cannot install it.
 *
 * CMPP 2.0 is not checked: Wireshark's CMPP dissector (4.0) knows only the 3.0 layouts (32-octet terminal ids,
 * 4-octet results, LinkID) and has no version switch, so a 2.0 PDU would read as a malformed 3.0 one.
 */

const tools = ensureTshark();
if (!tools.available) console.warn(`tshark interop suite SKIPPED: ${tools.reason}`);
const describeWithTshark = tools.available ? describe : describe.skip;

// The ports the dissectors are told to read (tshark -G decodes: CMPP registers 7890; SMPP is forced by -d).
const CMPP_PORT = 7890;
const SMPP_PORT = 2775;
const CLIENT_PORT = 40_001;

/** No Malformed frame and no expert info of severity Error anywhere in the dissection. */
function expectClean(dissection: Dissection): void {
  const problems = dissection.verbose.split('\n').filter((line) => /Malformed|Expert Info \(Error/.test(line));
  expect(problems).toEqual([]);
}

const one = (frame: Record<string, string[]>, field: string): string | undefined => frame[field]?.[0];

// ---------------------------------------------------------------------------------------------------- CMPP

const SP_ID = '901234';
const SECRET = 'pa55word';
const TIMESTAMP = '0527134501';
const SERVICE_NUMBER = '1065012345';
const HANDSETS = ['13800138000', '13900139000'];
/** Long enough for two UCS-2 parts (67 units after the UDH each). */
const LONG_TEXT = `您好，这是一条测试短信。${'长短信测试'.repeat(18)}结束`;
const MO_TEXT = '退订';

interface CmppCase {
  segment: CapturedSegment;
  pdu: CmppPdu;
  /** Expected Command_Id as tshark shows it. */
  commandId: number;
}

function cmppConversation(version: CmppVersion): CmppCase[] {
  const authenticatorSource = cmppAuthenticatorSource(SP_ID, SECRET, TIMESTAMP);
  const parts = cmppTextParts(LONG_TEXT, { reference: 0x2a });
  const msgIds = [1, 2].map((sequence) => composeCmppMsgId({ month: 5, day: 27, hour: 13, minute: 45, second: 2, gatewayCode: 123_456, sequence }));
  const moMsgId = composeCmppMsgId({ month: 5, day: 27, hour: 13, minute: 46, second: 0, gatewayCode: 123_456, sequence: 3 });
  const reportMsgId = composeCmppMsgId({ month: 5, day: 27, hour: 13, minute: 46, second: 30, gatewayCode: 123_456, sequence: 4 });
  const v3 = version === CMPP_VERSION.V3_0;
  const pdus: Array<[boolean, CmppPdu]> = [
    [true, { command: 'connect', sequenceId: 1, sourceAddr: SP_ID, authenticatorSource, version, timestamp: cmppTimestampValue(TIMESTAMP) }],
    [false, { command: 'connect_resp', sequenceId: 1, status: 0, authenticatorIsmg: cmppAuthenticatorIsmg(0, authenticatorSource, SECRET, version), version }],
    ...parts.map(
      (part, i): [boolean, CmppPdu] => [
        true,
        {
          command: 'submit',
          sequenceId: 2 + i,
          msgId: '0',
          pkTotal: part.pkTotal,
          pkNumber: part.pkNumber,
          registeredDelivery: 1,
          msgLevel: 1,
          serviceId: 'MTEST',
          feeUserType: 2,
          feeTerminalId: '',
          ...(v3 ? { feeTerminalType: 0 } : {}),
          tpPid: 0,
          tpUdhi: part.tpUdhi,
          msgFmt: part.msgFmt,
          msgSrc: SP_ID,
          feeType: '01',
          feeCode: '000000',
          validTime: '',
          atTime: '',
          srcId: SERVICE_NUMBER,
          destTerminalIds: HANDSETS,
          ...(v3 ? { destTerminalType: 0, linkId: '' } : { reserve: '' }),
          msgContent: part.msgContent,
        },
      ],
    ),
    ...msgIds.map((msgId, i): [boolean, CmppPdu] => [false, { command: 'submit_resp', sequenceId: 2 + i, msgId, result: 0 }]),
    [
      false,
      {
        command: 'deliver',
        sequenceId: 100,
        msgId: moMsgId,
        destId: SERVICE_NUMBER,
        serviceId: 'MTEST',
        tpPid: 0,
        tpUdhi: 0,
        msgFmt: CMPP_MSG_FMT.UCS2,
        srcTerminalId: HANDSETS[0],
        ...(v3 ? { srcTerminalType: 0, linkId: '' } : { reserve: '' }),
        registeredDelivery: 0,
        msgContent: Buffer.from(MO_TEXT, 'utf16le').swap16(),
      },
    ],
    [true, { command: 'deliver_resp', sequenceId: 100, msgId: moMsgId, result: 0 }],
    [
      false,
      {
        command: 'deliver',
        sequenceId: 101,
        msgId: reportMsgId,
        destId: SERVICE_NUMBER,
        serviceId: 'MTEST',
        tpPid: 0,
        tpUdhi: 0,
        msgFmt: CMPP_MSG_FMT.ASCII,
        srcTerminalId: HANDSETS[1],
        ...(v3 ? { srcTerminalType: 0, linkId: '' } : { reserve: '' }),
        registeredDelivery: 1,
        msgContent: encodeCmppStatusReport(
          { msgId: msgIds[0], stat: 'DELIVRD', submitTime: '2505271345', doneTime: '2505271346', destTerminalId: HANDSETS[1], smscSequence: 77 },
          version,
        ),
      },
    ],
    [true, { command: 'deliver_resp', sequenceId: 101, msgId: reportMsgId, result: 0 }],
    [true, { command: 'active_test', sequenceId: 5 }],
    [false, { command: 'active_test_resp', sequenceId: 5, reserved: 0 }],
    [true, { command: 'terminate', sequenceId: 6 }],
    [false, { command: 'terminate_resp', sequenceId: 6 }],
  ];
  return pdus.map(([outbound, pdu]) => {
    const payload = encodeCmppPdu(pdu, version);
    return { segment: { outbound, payload }, pdu, commandId: payload.readUInt32BE(4) };
  });
}

const CMPP_FIELDS = [
  'cmpp.Command_Id',
  'cmpp.Sequence_Id',
  'cmpp.Total_Length',
  'cmpp.Version',
  'cmpp.connect.Source_Addr',
  'cmpp.connect.Timestamp',
  'cmpp.connect_resp.Status',
  'cmpp.Msg_Id',
  'cmpp.submit.Pk_total',
  'cmpp.submit.Pk_number',
  'cmpp.submit.Registered_Delivery',
  'cmpp.Servicd_Id',
  'cmpp.submit.Msg_src',
  'cmpp.submit.FeeType',
  'cmpp.submit.FeeCode',
  'cmpp.submit.Src_Id',
  'cmpp.submit.DestUsr_tl',
  'cmpp.Dest_terminal_Id',
  'cmpp.TP_udhi',
  'cmpp.Msg_Fmt',
  'cmpp.Msg_Length',
  'cmpp.submit_resp.Result',
  'cmpp.deliver.Dest_Id',
  'cmpp.deliver.Src_terminal_Id',
  'cmpp.deliver.Registered_Delivery',
  'cmpp.deliver.Report.Status',
  'cmpp.deliver.Report.Submit_time',
  'cmpp.deliver.Report.Done_time',
  'cmpp.Report.SMSC_sequence',
  'cmpp.deliver_resp.Result',
];

/** Msg_Id as tshark prints it (FT_UINT64, hex) → our decimal string. */
const msgIdOf = (hex: string | undefined): string | undefined => (hex === undefined ? undefined : BigInt(hex).toString());

describeWithTshark('Wireshark reads our CMPP 3.0', () => {
  const cases = cmppConversation(CMPP_VERSION.V3_0);
  let dissection: Dissection;
  let compared = 0;
  const same = (actual: unknown, expected: unknown) => {
    compared++;
    expect(actual).toEqual(expected);
  };

  beforeAll(() => {
    dissection = dissect(
      cases.map((c) => c.segment),
      { clientPort: CLIENT_PORT, serverPort: CMPP_PORT, decodeAs: [`tcp.port==${CMPP_PORT},cmpp`], fields: CMPP_FIELDS },
    );
  });

  it('finds no Malformed PDU and no expert error', () => {
    expectClean(dissection);
    expect(dissection.verbose).toContain('China Mobile Point to Point Protocol');
  });

  it('dissects every PDU as the command we wrote, with the field values we sent', () => {
    expect(dissection.frames).toHaveLength(cases.length);
    cases.forEach(({ pdu, commandId, segment }, i) => {
      const frame = dissection.frames[i];
      same(Number(one(frame, 'cmpp.Command_Id')), commandId);
      same(Number(one(frame, 'cmpp.Sequence_Id')), pdu.sequenceId);
      same(Number(one(frame, 'cmpp.Total_Length')), segment.payload.length);
      switch (pdu.command) {
        case 'connect':
          same(one(frame, 'cmpp.Version'), '03.00');
          same(one(frame, 'cmpp.connect.Source_Addr'), SP_ID);
          same(one(frame, 'cmpp.connect.Timestamp'), '05/27 13:45:01');
          break;
        case 'connect_resp':
          same(Number(one(frame, 'cmpp.connect_resp.Status')), pdu.status);
          same(one(frame, 'cmpp.Version'), '03.00');
          break;
        case 'submit':
          same(msgIdOf(one(frame, 'cmpp.Msg_Id')), pdu.msgId);
          same(Number(one(frame, 'cmpp.submit.Pk_total')), pdu.pkTotal);
          same(Number(one(frame, 'cmpp.submit.Pk_number')), pdu.pkNumber);
          same(Number(one(frame, 'cmpp.submit.Registered_Delivery')), pdu.registeredDelivery);
          same(one(frame, 'cmpp.Servicd_Id'), pdu.serviceId);
          same(one(frame, 'cmpp.submit.Msg_src'), pdu.msgSrc);
          same(one(frame, 'cmpp.submit.FeeType'), pdu.feeType);
          same(one(frame, 'cmpp.submit.FeeCode'), pdu.feeCode);
          same(one(frame, 'cmpp.submit.Src_Id'), pdu.srcId);
          same(Number(one(frame, 'cmpp.submit.DestUsr_tl')), pdu.destTerminalIds.length);
          same(frame['cmpp.Dest_terminal_Id'], pdu.destTerminalIds);
          same(Number(one(frame, 'cmpp.TP_udhi')), 1);
          same(Number(one(frame, 'cmpp.Msg_Fmt')), CMPP_MSG_FMT.UCS2);
          same(Number(one(frame, 'cmpp.Msg_Length')), pdu.msgContent.length);
          break;
        case 'submit_resp':
          same(msgIdOf(one(frame, 'cmpp.Msg_Id')), pdu.msgId);
          same(Number(one(frame, 'cmpp.submit_resp.Result')), pdu.result);
          break;
        case 'deliver': {
          // A status report's Msg_Id (the submit's) follows the DELIVER's own.
          same(msgIdOf(one(frame, 'cmpp.Msg_Id')), pdu.msgId);
          same(one(frame, 'cmpp.deliver.Dest_Id'), pdu.destId);
          same(one(frame, 'cmpp.Servicd_Id'), pdu.serviceId);
          same(one(frame, 'cmpp.deliver.Src_terminal_Id'), pdu.srcTerminalId);
          same(Number(one(frame, 'cmpp.Msg_Fmt')), pdu.msgFmt);
          same(Number(one(frame, 'cmpp.Msg_Length')), pdu.msgContent.length);
          same(Number(one(frame, 'cmpp.deliver.Registered_Delivery')), pdu.registeredDelivery);
          if (pdu.registeredDelivery === 1) {
            const report = decodeCmppStatusReport(pdu.msgContent, CMPP_VERSION.V3_0);
            same(msgIdOf(frame['cmpp.Msg_Id'][1]), report.msgId);
            same(one(frame, 'cmpp.deliver.Report.Status'), report.stat);
            same(one(frame, 'cmpp.deliver.Report.Submit_time'), report.submitTime);
            same(one(frame, 'cmpp.deliver.Report.Done_time'), report.doneTime);
            same(one(frame, 'cmpp.Dest_terminal_Id'), report.destTerminalId);
            same(Number(one(frame, 'cmpp.Report.SMSC_sequence')), report.smscSequence);
          } else {
            same(frame['cmpp.deliver.Report.Status'], []);
          }
          break;
        }
        case 'deliver_resp':
          same(msgIdOf(one(frame, 'cmpp.Msg_Id')), pdu.msgId);
          same(Number(one(frame, 'cmpp.deliver_resp.Result')), pdu.result);
          break;
        default:
          break;
      }
    });
    // Printed for the record: how much Wireshark confirmed.
    console.info(`tshark (${tools.available ? tools.version : ''}) CMPP 3.0: ${cases.length} PDUs, ${compared} field values compared`);
  });

  it('decodes the Msg_Id timestamp and sequence as we composed them', () => {
    // Wireshark 4.0 shifts the 22-bit ISMG code by 16 instead of 8 bits (packet-cmpp.c, `& 0x3FFFFF00) >> 16`), so
    // its "ISMG Code" is ours >> 8; the Msg_Id value itself, its timestamp and its sequence are compared.
    const resp = cases.findIndex((c) => c.pdu.command === 'submit_resp');
    expect(dissection.verbose).toContain('Timestamp: 05/27 13:45:02');
    const tree = dissection.verbose.split('\nFrame ')[resp];
    expect(tree).toMatch(/Msg_Id sequence Id: 1\n/);
  });
});

// ---------------------------------------------------------------------------------------------------- SMPP

const SMPP_FIELDS = [
  'smpp.command_id',
  'smpp.command_status',
  'smpp.sequence_number',
  'smpp.system_id',
  'smpp.interface_version',
  'smpp.source_addr',
  'smpp.destination_addr',
  'smpp.dest_addr_ton',
  'smpp.data_coding',
  'smpp.esm.submit.msg_type',
  'smpp.esm.submit.features',
  'smpp.regdel.receipt',
  'smpp.sm_length',
  'smpp.message_id',
  'smpp.receipted_message_id',
  'smpp.message_state',
  'gsm_sms.udh.mm.msg_id',
  'gsm_sms.udh.mm.msg_parts',
  'gsm_sms.udh.mm.msg_part',
];

interface SmppCase {
  segment: CapturedSegment;
  command: string;
  sequence: number;
  /** Field → value tshark must show (its first occurrence); numbers compared as numbers (tshark prints some in hex). */
  expect: Record<string, string | number>;
}

function smppConversation(): SmppCase[] {
  const source = { addr: '10690001', ton: TON.UNKNOWN, npi: NPI.ISDN };
  const destination = { addr: '8613800138000', ton: TON.INTERNATIONAL, npi: NPI.ISDN };
  const parts = submitSmFields({ source, destination, text: LONG_TEXT, registeredDelivery: true, reference: () => 0x2a, concatenation: 'udh8' });
  const receipt = receiptDeliverSmFields({
    submit: {
      source_addr_ton: source.ton,
      source_addr_npi: source.npi,
      source_addr: source.addr,
      dest_addr_ton: destination.ton,
      dest_addr_npi: destination.npi,
      destination_addr: destination.addr,
    },
    messageId: 'a1b2c3d4',
    stat: 'DELIVRD',
    submitDate: new Date('2026-05-27T05:45:02Z'),
    doneDate: new Date('2026-05-27T05:46:30Z'),
    text: LONG_TEXT,
  });
  const lib = (command: string, fields: object) => new smpp.PDU(command, fields).toBuffer() as Buffer;
  return [
    {
      segment: { outbound: true, payload: lib('bind_transceiver', { sequence_number: 1, system_id: 'esme01', password: 'secret', interface_version: 0x34 }) },
      command: 'bind_transceiver',
      sequence: 1,
      expect: { 'smpp.system_id': 'esme01', 'smpp.interface_version': 0x34 },
    },
    {
      segment: { outbound: false, payload: lib('bind_transceiver_resp', { sequence_number: 1, command_status: 0, system_id: 'smsc' }) },
      command: 'bind_transceiver_resp',
      sequence: 1,
      expect: { 'smpp.system_id': 'smsc', 'smpp.command_status': 0 },
    },
    ...parts.map(
      (part, i): SmppCase => ({
        segment: { outbound: true, payload: encodeSubmitSm(2 + i, part) },
        command: 'submit_sm',
        sequence: 2 + i,
        expect: {
          'smpp.source_addr': source.addr,
          'smpp.destination_addr': destination.addr,
          'smpp.dest_addr_ton': TON.INTERNATIONAL,
          'smpp.data_coding': DATA_CODING.UCS2,
          'smpp.esm.submit.features': ESM_CLASS.UDHI >> 6,
          'smpp.regdel.receipt': 1,
          'smpp.sm_length': part.short_message.length,
          'gsm_sms.udh.mm.msg_id': 0x2a,
          'gsm_sms.udh.mm.msg_parts': parts.length,
          'gsm_sms.udh.mm.msg_part': i + 1,
        },
      }),
    ),
    ...parts.map(
      (_, i): SmppCase => ({
        segment: { outbound: false, payload: encodeSubmitSmResp(2 + i, 0, `a1b2c3d${i}`) },
        command: 'submit_sm_resp',
        sequence: 2 + i,
        expect: { 'smpp.message_id': `a1b2c3d${i}`, 'smpp.command_status': 0 },
      }),
    ),
    {
      segment: { outbound: false, payload: encodeDeliverSm(900, receipt) },
      command: 'deliver_sm',
      sequence: 900,
      expect: {
        'smpp.source_addr': destination.addr,
        'smpp.destination_addr': source.addr,
        'smpp.data_coding': DATA_CODING.GSM7,
        'smpp.esm.submit.msg_type': ESM_CLASS.DELIVERY_RECEIPT >> 2,
        'smpp.receipted_message_id': 'a1b2c3d4',
        'smpp.message_state': receipt.message_state ?? -1,
      },
    },
    {
      segment: { outbound: true, payload: encodeDeliverSmResp(900) },
      command: 'deliver_sm_resp',
      sequence: 900,
      expect: { 'smpp.command_status': 0 },
    },
    { segment: { outbound: true, payload: lib('enquire_link', { sequence_number: 7 }) }, command: 'enquire_link', sequence: 7, expect: {} },
    { segment: { outbound: false, payload: lib('enquire_link_resp', { sequence_number: 7 }) }, command: 'enquire_link_resp', sequence: 7, expect: {} },
  ];
}

/** SMPP 3.4 §5.1.2.1. */
const SMPP_COMMAND_IDS: Record<string, number> = {
  bind_transceiver: 0x00000009,
  bind_transceiver_resp: 0x80000009,
  submit_sm: 0x00000004,
  submit_sm_resp: 0x80000004,
  deliver_sm: 0x00000005,
  deliver_sm_resp: 0x80000005,
  enquire_link: 0x00000015,
  enquire_link_resp: 0x80000015,
};

describeWithTshark('Wireshark reads our SMPP 3.4', () => {
  const cases = smppConversation();
  let dissection: Dissection;

  beforeAll(() => {
    dissection = dissect(
      cases.map((c) => c.segment),
      { clientPort: CLIENT_PORT, serverPort: SMPP_PORT, decodeAs: [`tcp.port==${SMPP_PORT},smpp`], fields: SMPP_FIELDS },
    );
  });

  it('finds no Malformed PDU and no expert error', () => {
    expectClean(dissection);
    expect(dissection.verbose).toContain('Short Message Peer to Peer');
  });

  it('dissects every PDU as the command we wrote, with the field values we sent', () => {
    expect(dissection.frames).toHaveLength(cases.length);
    let compared = 0;
    cases.forEach((c, i) => {
      const frame = dissection.frames[i];
      expect(Number(one(frame, 'smpp.command_id'))).toBe(SMPP_COMMAND_IDS[c.command]);
      expect(Number(one(frame, 'smpp.sequence_number'))).toBe(c.sequence);
      const shown = Object.fromEntries(
        Object.entries(c.expect).map(([field, wanted]) => [field, typeof wanted === 'number' ? Number(one(frame, field)) : one(frame, field)]),
      );
      expect(shown).toEqual(c.expect);
      compared += 2 + Object.keys(c.expect).length;
    });
    console.info(`tshark SMPP 3.4: ${cases.length} PDUs, ${compared} field values compared`);
  });
});
