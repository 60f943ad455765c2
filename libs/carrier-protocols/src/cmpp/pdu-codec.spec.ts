import fc from 'fast-check';
import { arbitraryCmppPdu, ascii, digits, msgId, octets, u32a } from './cmpp-arbitraries.spec-helper';
import { CMPP_VERSION, type CmppVersion } from './constants';
import { CmppProtocolError } from './errors';
import {
  decodeCmppPdu,
  decodeCmppStatusReport,
  encodeCmppPdu,
  encodeCmppStatusReport,
  type CmppPdu,
  type CmppStatusReport,
  type CmppSubmit,
} from './pdu-codec';

/*
 * Vectors built field by field from the CMPP 3.0 / 2.0 field tables (互联网短信网关接口协议 §7.4): each helper call is one
 * row of the table, with its width written out here, not taken from the codec.
 */
const u8 = (n: number) => Buffer.from([n]);
const u32 = (n: number) => Buffer.from([(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]);
/** Octet String of fixed width, NUL-padded. */
const oct = (text: string, width: number) => Buffer.concat([Buffer.from(text, 'latin1'), Buffer.alloc(width - text.length)]);
const hex = (h: string) => Buffer.from(h, 'hex');
function frame(commandId: number, sequenceId: number, ...fields: Buffer[]): Buffer {
  const body = Buffer.concat(fields);
  return Buffer.concat([u32(12 + body.length), u32(commandId), u32(sequenceId), body]);
}

/** MD5('901234' + 9 × 0x00 + 's3cr3t' + '0102030405'), computed once with node:crypto. */
const AUTH_SOURCE = hex('30b6be75459b716b168dba31b8d9cb4e');
const AUTH_ISMG = hex('a70ff5bcb396e4ba1426f56291b91b1e');
/** month 11, day 26, 22:41:55, gateway 123456, sequence 789 — above 2^63, so it must be read unsigned. */
const MSG_ID = '13644391477122433813';
const MSG_ID_OCTETS = hex('bd5a9dc1e2400315');

const V3 = CMPP_VERSION.V3_0;
const V2 = CMPP_VERSION.V2_0;

interface Vector {
  name: string;
  version: CmppVersion;
  pdu: CmppPdu;
  bytes: Buffer;
  totalLength: number;
}

const report3: CmppStatusReport = { msgId: MSG_ID, stat: 'DELIVRD', submitTime: '2611262241', doneTime: '2611262242', destTerminalId: '8613800138000', smscSequence: 42 };
const reportBytes = (terminalWidth: number) =>
  Buffer.concat([MSG_ID_OCTETS, oct('DELIVRD', 7), oct('2611262241', 10), oct('2611262242', 10), oct('8613800138000', terminalWidth), u32(42)]);

const vectors: Vector[] = [
  {
    name: 'CMPP_CONNECT',
    version: V3,
    pdu: { command: 'connect', sequenceId: 1, sourceAddr: '901234', authenticatorSource: AUTH_SOURCE, version: 0x30, timestamp: 102030405 },
    bytes: frame(0x00000001, 1, oct('901234', 6), AUTH_SOURCE, u8(0x30), u32(102030405)),
    totalLength: 39,
  },
  {
    name: 'CMPP_CONNECT (2.0)',
    version: V2,
    pdu: { command: 'connect', sequenceId: 1, sourceAddr: '9012', authenticatorSource: AUTH_SOURCE, version: 0x20, timestamp: 1231235959 },
    bytes: frame(0x00000001, 1, oct('9012', 6), AUTH_SOURCE, u8(0x20), u32(1231235959)),
    totalLength: 39,
  },
  {
    name: 'CMPP_CONNECT_RESP',
    version: V3,
    pdu: { command: 'connect_resp', sequenceId: 1, status: 0, authenticatorIsmg: AUTH_ISMG, version: 0x30 },
    bytes: frame(0x80000001, 1, u32(0), AUTH_ISMG, u8(0x30)),
    totalLength: 33,
  },
  {
    name: 'CMPP_CONNECT_RESP',
    version: V2,
    pdu: { command: 'connect_resp', sequenceId: 1, status: 3, authenticatorIsmg: AUTH_ISMG, version: 0x20 },
    bytes: frame(0x80000001, 1, u8(3), AUTH_ISMG, u8(0x20)),
    totalLength: 30,
  },
  {
    name: 'CMPP_SUBMIT',
    version: V3,
    pdu: {
      command: 'submit',
      sequenceId: 0x01020304,
      msgId: '0',
      pkTotal: 1,
      pkNumber: 1,
      registeredDelivery: 1,
      msgLevel: 0,
      serviceId: 'MJS0019901',
      feeUserType: 2,
      feeTerminalId: '',
      feeTerminalType: 0,
      tpPid: 0,
      tpUdhi: 0,
      msgFmt: 0,
      msgSrc: '901234',
      feeType: '01',
      feeCode: '000000',
      validTime: '',
      atTime: '',
      srcId: '10658888123',
      destTerminalIds: ['8613800138000', '8613900139000'],
      destTerminalType: 0,
      msgContent: Buffer.from('Hello'),
      linkId: 'LINK-1',
    },
    bytes: frame(
      0x00000004,
      0x01020304,
      Buffer.alloc(8), // Msg_Id
      u8(1), // Pk_total
      u8(1), // Pk_number
      u8(1), // Registered_Delivery
      u8(0), // Msg_level
      oct('MJS0019901', 10), // Service_Id
      u8(2), // Fee_UserType
      oct('', 32), // Fee_terminal_Id
      u8(0), // Fee_terminal_type
      u8(0), // TP_pId
      u8(0), // TP_udhi
      u8(0), // Msg_Fmt
      oct('901234', 6), // Msg_src
      oct('01', 2), // FeeType
      oct('000000', 6), // FeeCode
      oct('', 17), // ValId_Time
      oct('', 17), // At_Time
      oct('10658888123', 21), // Src_Id
      u8(2), // DestUsr_tl
      oct('8613800138000', 32),
      oct('8613900139000', 32), // Dest_terminal_Id × 2
      u8(0), // Dest_terminal_type
      u8(5), // Msg_Length
      Buffer.from('Hello'), // Msg_Content
      oct('LINK-1', 20), // LinkID
    ),
    totalLength: 232,
  },
  {
    name: 'CMPP_SUBMIT',
    version: V2,
    pdu: {
      command: 'submit',
      sequenceId: 7,
      msgId: '0',
      pkTotal: 2,
      pkNumber: 2,
      registeredDelivery: 0,
      msgLevel: 1,
      serviceId: 'HELP',
      feeUserType: 3,
      feeTerminalId: '8613800138000',
      tpPid: 0,
      tpUdhi: 1,
      msgFmt: 8,
      msgSrc: '901234',
      feeType: '02',
      feeCode: '000010',
      validTime: '261127224155032+',
      atTime: '',
      srcId: '1065888',
      destTerminalIds: ['8613800138000', '8613900139000'],
      msgContent: hex('0500030a0202'), // a concatenation UDH alone
      reserve: '',
    },
    bytes: frame(
      0x00000004,
      7,
      Buffer.alloc(8),
      u8(2),
      u8(2),
      u8(0),
      u8(1),
      oct('HELP', 10),
      u8(3),
      oct('8613800138000', 21), // Fee_terminal_Id, 21 in 2.0; no Fee_terminal_type
      u8(0),
      u8(1),
      u8(8),
      oct('901234', 6),
      oct('02', 2),
      oct('000010', 6),
      oct('261127224155032+', 17),
      oct('', 17),
      oct('1065888', 21),
      u8(2),
      oct('8613800138000', 21),
      oct('8613900139000', 21), // no Dest_terminal_type
      u8(6),
      hex('0500030a0202'),
      oct('', 8), // Reserve
    ),
    // header 12 + 44 up to Fee_terminal_Id + 72 up to Src_Id + DestUsr_tl 1 + 2 × 21 + Msg_Length 1 + 6 + Reserve 8
    totalLength: 12 + 44 + 72 + 1 + 42 + 1 + 6 + 8,
  },
  {
    name: 'CMPP_SUBMIT_RESP',
    version: V3,
    pdu: { command: 'submit_resp', sequenceId: 0x01020304, msgId: MSG_ID, result: 8 },
    bytes: frame(0x80000004, 0x01020304, MSG_ID_OCTETS, u32(8)),
    totalLength: 24,
  },
  {
    name: 'CMPP_SUBMIT_RESP',
    version: V2,
    pdu: { command: 'submit_resp', sequenceId: 7, msgId: MSG_ID, result: 0 },
    bytes: frame(0x80000004, 7, MSG_ID_OCTETS, u8(0)),
    totalLength: 21,
  },
  {
    name: 'CMPP_DELIVER (status report)',
    version: V3,
    pdu: {
      command: 'deliver',
      sequenceId: 99,
      msgId: '1',
      destId: '10658888123',
      serviceId: 'MJS0019901',
      tpPid: 0,
      tpUdhi: 0,
      msgFmt: 0,
      srcTerminalId: '8613800138000',
      srcTerminalType: 0,
      registeredDelivery: 1,
      msgContent: reportBytes(32),
      linkId: '',
    },
    bytes: frame(
      0x00000005,
      99,
      hex('0000000000000001'), // Msg_Id
      oct('10658888123', 21), // Dest_Id
      oct('MJS0019901', 10), // Service_Id
      u8(0), // TP_pid
      u8(0), // TP_udhi
      u8(0), // Msg_Fmt
      oct('8613800138000', 32), // Src_terminal_Id
      u8(0), // Src_terminal_type
      u8(1), // Registered_Delivery
      u8(71), // Msg_Length
      reportBytes(32),
      oct('', 20), // LinkID
    ),
    totalLength: 12 + 8 + 21 + 10 + 3 + 32 + 1 + 1 + 1 + 71 + 20,
  },
  {
    name: 'CMPP_DELIVER (MO)',
    version: V2,
    pdu: {
      command: 'deliver',
      sequenceId: 100,
      msgId: MSG_ID,
      destId: '1065888',
      serviceId: '',
      tpPid: 0,
      tpUdhi: 0,
      msgFmt: 8,
      srcTerminalId: '8613800138000',
      registeredDelivery: 0,
      msgContent: hex('4f60597d'), // 你好 in UCS-2
      reserve: 'RSV',
    },
    bytes: frame(0x00000005, 100, MSG_ID_OCTETS, oct('1065888', 21), oct('', 10), u8(0), u8(0), u8(8), oct('8613800138000', 21), u8(0), u8(4), hex('4f60597d'), oct('RSV', 8)),
    totalLength: 12 + 8 + 21 + 10 + 3 + 21 + 1 + 1 + 4 + 8,
  },
  {
    name: 'CMPP_DELIVER_RESP',
    version: V3,
    pdu: { command: 'deliver_resp', sequenceId: 99, msgId: '1', result: 0 },
    bytes: frame(0x80000005, 99, hex('0000000000000001'), u32(0)),
    totalLength: 24,
  },
  {
    name: 'CMPP_DELIVER_RESP',
    version: V2,
    pdu: { command: 'deliver_resp', sequenceId: 100, msgId: MSG_ID, result: 9 },
    bytes: frame(0x80000005, 100, MSG_ID_OCTETS, u8(9)),
    totalLength: 21,
  },
  ...([V3, V2] as const).flatMap((version): Vector[] => [
    { name: 'CMPP_ACTIVE_TEST', version, pdu: { command: 'active_test', sequenceId: 5 }, bytes: frame(0x00000008, 5), totalLength: 12 },
    { name: 'CMPP_ACTIVE_TEST_RESP', version, pdu: { command: 'active_test_resp', sequenceId: 5, reserved: 0 }, bytes: frame(0x80000008, 5, u8(0)), totalLength: 13 },
    { name: 'CMPP_TERMINATE', version, pdu: { command: 'terminate', sequenceId: 6 }, bytes: frame(0x00000002, 6), totalLength: 12 },
    { name: 'CMPP_TERMINATE_RESP', version, pdu: { command: 'terminate_resp', sequenceId: 6 }, bytes: frame(0x80000002, 6), totalLength: 12 },
  ]),
];

function vector(command: CmppPdu['command'], version: CmppVersion): Vector {
  const found = vectors.find((v) => v.pdu.command === command && v.version === version);
  if (!found) throw new Error(`no ${command} vector`);
  return found;
}

const label = (version: CmppVersion) => (version === V3 ? '3.0' : '2.0');

describe('CMPP PDU codec — vectors from the specification', () => {
  it.each(vectors.map((v) => [`${v.name} ${label(v.version)}`, v] as const))('%s encodes to the table’s bytes', (_, v) => {
    expect(v.bytes.length).toBe(v.totalLength);
    expect(encodeCmppPdu(v.pdu, v.version).toString('hex')).toBe(v.bytes.toString('hex'));
  });

  it.each(vectors.map((v) => [`${v.name} ${label(v.version)}`, v] as const))('%s decodes from the table’s bytes', (_, v) => {
    expect(decodeCmppPdu(v.bytes, v.version)).toEqual(v.pdu);
  });

  it.each([
    ['30', 71, 32],
    ['20', 60, 21],
  ] as const)('the status report in version 0x%s is %i octets and round-trips', (versionText, length, width) => {
    const bytes = reportBytes(width);
    const version = versionText === '30' ? V3 : V2;
    expect(bytes.length).toBe(length);
    expect(encodeCmppStatusReport(report3, version)).toEqual(bytes);
    expect(decodeCmppStatusReport(bytes, version)).toEqual(report3);
  });

  it('reads CONNECT_RESP by its length whatever version the reader expects', () => {
    const v2 = vector('connect_resp', V2);
    expect(decodeCmppPdu(v2.bytes, V3)).toEqual(v2.pdu);
  });
});

describe('CMPP PDU codec — refusals', () => {
  const code = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      expect(error).toBeInstanceOf(CmppProtocolError);
      return (error as CmppProtocolError).code;
    }
    return 'no error';
  };
  const submit = vector('submit', V3);
  const submitWith = (fields: Partial<CmppSubmit>): CmppSubmit => ({ ...(submit.pdu as CmppSubmit), ...fields });

  it('refuses a field too long for its width, a non-ASCII octet string and an out-of-range integer', () => {
    expect(code(() => encodeCmppPdu(submitWith({ serviceId: 'ELEVENCHARS' }), V3))).toBe('CMPP_FIELD_INVALID');
    expect(code(() => encodeCmppPdu(submitWith({ srcId: '1065é' }), V3))).toBe('CMPP_FIELD_INVALID');
    expect(code(() => encodeCmppPdu(submitWith({ pkTotal: 256 }), V3))).toBe('CMPP_FIELD_INVALID');
    expect(code(() => encodeCmppPdu(submitWith({ msgContent: Buffer.alloc(256) }), V3))).toBe('CMPP_FIELD_INVALID');
    expect(code(() => encodeCmppPdu(submitWith({ destTerminalIds: [] }), V3))).toBe('CMPP_FIELD_INVALID');
    expect(code(() => encodeCmppPdu({ command: 'submit_resp', sequenceId: 1, msgId: '18446744073709551616', result: 0 }, V3))).toBe('CMPP_FIELD_INVALID');
  });

  it('refuses a body shorter or longer than its layout, and a Msg_Length that runs past Total_Length', () => {
    const bytes = Buffer.from(submit.bytes);
    expect(code(() => decodeCmppPdu(withLength(bytes.subarray(0, bytes.length - 1)), V3))).toBe('CMPP_BAD_BODY_LENGTH');
    expect(code(() => decodeCmppPdu(withLength(Buffer.concat([bytes, u8(0)])), V3))).toBe('CMPP_BAD_BODY_LENGTH');
    // A 3.0 SUBMIT read as 2.0: the layouts differ, and the lengths cannot both fit.
    expect(code(() => decodeCmppPdu(bytes, V2))).not.toBe('no error');
    const longContent = Buffer.from(bytes);
    longContent[12 + 8 + 4 + 10 + 1 + 32 + 1 + 3 + 6 + 2 + 6 + 17 + 17 + 21 + 1 + 64 + 1] = 200;
    expect(code(() => decodeCmppPdu(longContent, V3))).toBe('CMPP_BAD_BODY_LENGTH');
  });

  it('refuses an unknown Command_Id, keeping its header for the answer', () => {
    const error = (() => {
      try {
        decodeCmppPdu(frame(0x00000006, 77, Buffer.alloc(27)), V3);
      } catch (e) {
        return e as CmppProtocolError;
      }
      throw new Error('no error');
    })();
    expect(error).toMatchObject({ code: 'CMPP_UNKNOWN_COMMAND', commandId: 6, sequenceId: 77, fatal: false });
  });

  it('refuses a DestUsr_tl of 0 on decode', () => {
    const bytes = Buffer.from(submit.bytes);
    bytes[12 + 8 + 4 + 10 + 1 + 32 + 1 + 3 + 6 + 2 + 6 + 17 + 17 + 21] = 0;
    expect(code(() => decodeCmppPdu(bytes, V3))).toBe('CMPP_FIELD_INVALID');
  });
});

function withLength(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes);
  copy.writeUInt32BE(copy.length, 0);
  return copy;
}

// ---------------------------------------------------------------------------------------------------- properties

describe('CMPP PDU codec — properties', () => {
  it.each([
    ['3.0', V3],
    ['2.0', V2],
  ] as const)('every random valid PDU of version %s round-trips: encode → decode → equal', (_, version) => {
    fc.assert(
      fc.property(arbitraryCmppPdu(version), (pdu) => {
        const bytes = encodeCmppPdu(pdu, version);
        expect(bytes.readUInt32BE(0)).toBe(bytes.length);
        expect(decodeCmppPdu(bytes, version)).toEqual(pdu);
      }),
      { numRuns: 1000 },
    );
  });

  it.each([
    ['3.0', V3],
    ['2.0', V2],
  ] as const)('random status reports of version %s round-trip', (_, version) => {
    const report = fc.record({ msgId, stat: ascii(7), submitTime: digits(10), doneTime: digits(10), destTerminalId: digits(version === V3 ? 32 : 21), smscSequence: u32a });
    fc.assert(fc.property(report, (r) => expect(decodeCmppStatusReport(encodeCmppStatusReport(r, version), version)).toEqual(r)));
  });

  it('random octets behind a valid header never throw anything but CmppProtocolError', () => {
    const commands = fc.constantFrom(1, 0x80000001, 2, 0x80000002, 4, 0x80000004, 5, 0x80000005, 8, 0x80000008, 6);
    fc.assert(
      fc.property(commands, u32a, octets(0, 600), fc.constantFrom(V3, V2), (command, seq, body, version) => {
        try {
          decodeCmppPdu(frame(command, seq, body), version);
        } catch (error) {
          expect(error).toBeInstanceOf(CmppProtocolError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
