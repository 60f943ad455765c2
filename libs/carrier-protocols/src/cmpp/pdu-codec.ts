import {
  CMPP_COMMAND,
  CMPP_HEADER_LENGTH,
  CMPP_MAX_DESTINATIONS,
  CMPP_MAX_PDU_LENGTH,
  CMPP_VERSION,
  type CmppVersion,
} from './constants';
import { CmppProtocolError } from './errors';
import { readCmppMsgId, writeCmppMsgId } from './msg-id';

/*
 * CMPP 3.0 / 2.0 PDUs as plain records, and their fixed-layout big-endian encoding. Octet strings are fixed width,
 * NUL-padded, ASCII; they decode up to the first NUL. The version passed to encode/decode chooses the layout of
 * SUBMIT, SUBMIT_RESP, DELIVER, DELIVER_RESP and the status report; CONNECT_RESP is read by its length.
 */

export interface CmppConnect {
  command: 'connect';
  sequenceId: number;
  /** SP_Id, 6 octets. */
  sourceAddr: string;
  /** 16 octets, see `cmppAuthenticatorSource`. */
  authenticatorSource: Buffer;
  version: number;
  /** MMDDHHMMSS as an integer (`cmppTimestampValue`). */
  timestamp: number;
}

export interface CmppConnectResp {
  command: 'connect_resp';
  sequenceId: number;
  /** 0 accepted; 1 bad structure, 2 bad source address, 3 authentication failed, 4 version too high. */
  status: number;
  authenticatorIsmg: Buffer;
  version: number;
}

export interface CmppSubmit {
  command: 'submit';
  sequenceId: number;
  /** Decimal string; 0 from the SP, the ISMG assigns it. */
  msgId: string;
  pkTotal: number;
  pkNumber: number;
  /** 0 no receipt, 1 receipt wanted. */
  registeredDelivery: number;
  msgLevel: number;
  serviceId: string;
  /** 0 bill the recipient, 1 the sender, 2 the SP, 3 Fee_terminal_Id. */
  feeUserType: number;
  feeTerminalId: string;
  /** 3.0 only: 0 real number, 1 pseudo. */
  feeTerminalType?: number;
  tpPid: number;
  tpUdhi: number;
  msgFmt: number;
  /** Msg_src, the SP_Id. */
  msgSrc: string;
  feeType: string;
  feeCode: string;
  validTime: string;
  atTime: string;
  /** Src_Id: the SP's service number plus extension, what the handset shows as the sender. */
  srcId: string;
  destTerminalIds: string[];
  /** 3.0 only. */
  destTerminalType?: number;
  msgContent: Buffer;
  /** 3.0 only (LinkID, 20 octets). */
  linkId?: string;
  /** 2.0 only (Reserve, 8 octets). */
  reserve?: string;
}

export interface CmppSubmitResp {
  command: 'submit_resp';
  sequenceId: number;
  msgId: string;
  /** 0 accepted; 8 flow control error. 4 octets in 3.0, 1 in 2.0. */
  result: number;
}

export interface CmppDeliver {
  command: 'deliver';
  sequenceId: number;
  msgId: string;
  /** Dest_Id: the SP's service number the MO was sent to. */
  destId: string;
  serviceId: string;
  tpPid: number;
  tpUdhi: number;
  msgFmt: number;
  srcTerminalId: string;
  /** 3.0 only. */
  srcTerminalType?: number;
  /** 1: Msg_Content is a status report (`decodeCmppStatusReport`), 0: a mobile-originated message. */
  registeredDelivery: number;
  msgContent: Buffer;
  /** 3.0 only (LinkID, 20 octets). */
  linkId?: string;
  /** 2.0 only (Reserved, 8 octets). */
  reserve?: string;
}

export interface CmppDeliverResp {
  command: 'deliver_resp';
  sequenceId: number;
  msgId: string;
  result: number;
}

export interface CmppActiveTest {
  command: 'active_test';
  sequenceId: number;
}

export interface CmppActiveTestResp {
  command: 'active_test_resp';
  sequenceId: number;
  reserved: number;
}

export interface CmppTerminate {
  command: 'terminate';
  sequenceId: number;
}

export interface CmppTerminateResp {
  command: 'terminate_resp';
  sequenceId: number;
}

export type CmppPdu =
  | CmppConnect
  | CmppConnectResp
  | CmppSubmit
  | CmppSubmitResp
  | CmppDeliver
  | CmppDeliverResp
  | CmppActiveTest
  | CmppActiveTestResp
  | CmppTerminate
  | CmppTerminateResp;

export type CmppCommand = CmppPdu['command'];

/** The status report a DELIVER with Registered_Delivery = 1 carries as its Msg_Content. */
export interface CmppStatusReport {
  /** The Msg_Id the ISMG gave the submit, decimal. */
  msgId: string;
  /** 7 octets: DELIVRD, EXPIRED, UNDELIV, REJECTD, ... */
  stat: string;
  /** YYMMDDHHMM. */
  submitTime: string;
  doneTime: string;
  destTerminalId: string;
  smscSequence: number;
}

export const CMPP_COMMAND_IDS: Readonly<Record<CmppCommand, number>> = {
  connect: CMPP_COMMAND.CONNECT,
  connect_resp: CMPP_COMMAND.CONNECT_RESP,
  submit: CMPP_COMMAND.SUBMIT,
  submit_resp: CMPP_COMMAND.SUBMIT_RESP,
  deliver: CMPP_COMMAND.DELIVER,
  deliver_resp: CMPP_COMMAND.DELIVER_RESP,
  active_test: CMPP_COMMAND.ACTIVE_TEST,
  active_test_resp: CMPP_COMMAND.ACTIVE_TEST_RESP,
  terminate: CMPP_COMMAND.TERMINATE,
  terminate_resp: CMPP_COMMAND.TERMINATE_RESP,
};
const COMMANDS_BY_ID = new Map<number, CmppCommand>(Object.entries(CMPP_COMMAND_IDS).map(([name, id]) => [id, name as CmppCommand]));

/** Terminal id width: 32 octets in 3.0, 21 in 2.0. */
function terminalWidth(version: CmppVersion): number {
  return version === CMPP_VERSION.V3_0 ? 32 : 21;
}

/** Width of a result/status field: 4 octets in 3.0, 1 in 2.0. */
function resultWidth(version: CmppVersion): 1 | 4 {
  return version === CMPP_VERSION.V3_0 ? 4 : 1;
}

const CONNECT_BODY = 6 + 16 + 1 + 4;
/** Submit body without recipients and content: the fields before Dest_terminal_Id, Msg_Length, the tail. */
function submitFixed(version: CmppVersion): number {
  const v3 = version === CMPP_VERSION.V3_0;
  return 8 + 4 + 10 + 1 + terminalWidth(version) + (v3 ? 1 : 0) + 3 + 6 + 2 + 6 + 17 + 17 + 21 + 1 + (v3 ? 1 : 0) + 1 + (v3 ? 20 : 8);
}
function deliverFixed(version: CmppVersion): number {
  const v3 = version === CMPP_VERSION.V3_0;
  return 8 + 21 + 10 + 3 + terminalWidth(version) + (v3 ? 1 : 0) + 1 + 1 + (v3 ? 20 : 8);
}
export function cmppStatusReportLength(version: CmppVersion): number {
  return 8 + 7 + 10 + 10 + terminalWidth(version) + 4;
}

// ---------------------------------------------------------------------------------------------------- encoding

class Writer {
  readonly bytes: Buffer;
  private offset = 0;
  constructor(length: number) {
    this.bytes = Buffer.alloc(length);
  }
  u8(name: string, value: number): void {
    this.offset = this.bytes.writeUInt8(checkInt(name, value, 0xff), this.offset);
  }
  u32(name: string, value: number): void {
    this.offset = this.bytes.writeUInt32BE(checkInt(name, value, 0xffffffff), this.offset);
  }
  result(name: string, value: number, width: 1 | 4): void {
    if (width === 4) this.u32(name, value);
    else this.u8(name, value);
  }
  msgId(value: string): void {
    writeCmppMsgId(this.bytes, value, this.offset);
    this.offset += 8;
  }
  /** Fixed-width ASCII octet string, NUL-padded. */
  text(name: string, value: string, width: number): void {
    if (typeof value !== 'string' || value.length > width || !isAsciiWithoutNul(value)) {
      throw new CmppProtocolError('CMPP_FIELD_INVALID', `${name} must be ASCII without NUL, at most ${width} octets`);
    }
    this.bytes.write(value, this.offset, 'latin1');
    this.offset += width;
  }
  raw(name: string, value: Buffer, width: number): void {
    if (!Buffer.isBuffer(value) || value.length !== width) {
      throw new CmppProtocolError('CMPP_FIELD_INVALID', `${name} must be ${width} octets`);
    }
    value.copy(this.bytes, this.offset);
    this.offset += width;
  }
  done(): Buffer {
    if (this.offset !== this.bytes.length) throw new Error(`CMPP encoder wrote ${this.offset} of ${this.bytes.length} octets`);
    return this.bytes;
  }
}

function isAsciiWithoutNul(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === 0 || code > 0x7f) return false;
  }
  return true;
}

function checkInt(name: string, value: number, max: number): number {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new CmppProtocolError('CMPP_FIELD_INVALID', `${name} must be an integer in 0..${max}, got ${value}`);
  }
  return value;
}

function checkContent(name: string, content: Buffer): Buffer {
  if (!Buffer.isBuffer(content) || content.length > 0xff) {
    throw new CmppProtocolError('CMPP_FIELD_INVALID', `${name} must be a Buffer of at most 255 octets`);
  }
  return content;
}

/** The whole PDU, header included, in the given version's layout. */
export function encodeCmppPdu(pdu: CmppPdu, version: CmppVersion): Buffer {
  const w = new Writer(CMPP_HEADER_LENGTH + bodyLength(pdu, version));
  w.u32('Total_Length', w.bytes.length);
  w.u32('Command_Id', CMPP_COMMAND_IDS[pdu.command]);
  w.u32('Sequence_Id', pdu.sequenceId);
  const v3 = version === CMPP_VERSION.V3_0;
  const terminal = terminalWidth(version);
  switch (pdu.command) {
    case 'connect':
      w.text('Source_Addr', pdu.sourceAddr, 6);
      w.raw('AuthenticatorSource', pdu.authenticatorSource, 16);
      w.u8('Version', pdu.version);
      w.u32('Timestamp', pdu.timestamp);
      break;
    case 'connect_resp':
      w.result('Status', pdu.status, resultWidth(version));
      w.raw('AuthenticatorISMG', pdu.authenticatorIsmg, 16);
      w.u8('Version', pdu.version);
      break;
    case 'submit':
      w.msgId(pdu.msgId);
      w.u8('Pk_total', pdu.pkTotal);
      w.u8('Pk_number', pdu.pkNumber);
      w.u8('Registered_Delivery', pdu.registeredDelivery);
      w.u8('Msg_level', pdu.msgLevel);
      w.text('Service_Id', pdu.serviceId, 10);
      w.u8('Fee_UserType', pdu.feeUserType);
      w.text('Fee_terminal_Id', pdu.feeTerminalId, terminal);
      if (v3) w.u8('Fee_terminal_type', pdu.feeTerminalType ?? 0);
      w.u8('TP_pId', pdu.tpPid);
      w.u8('TP_udhi', pdu.tpUdhi);
      w.u8('Msg_Fmt', pdu.msgFmt);
      w.text('Msg_src', pdu.msgSrc, 6);
      w.text('FeeType', pdu.feeType, 2);
      w.text('FeeCode', pdu.feeCode, 6);
      w.text('ValId_Time', pdu.validTime, 17);
      w.text('At_Time', pdu.atTime, 17);
      w.text('Src_Id', pdu.srcId, 21);
      w.u8('DestUsr_tl', pdu.destTerminalIds.length);
      for (const dest of pdu.destTerminalIds) w.text('Dest_terminal_Id', dest, terminal);
      if (v3) w.u8('Dest_terminal_type', pdu.destTerminalType ?? 0);
      w.u8('Msg_Length', pdu.msgContent.length);
      w.raw('Msg_Content', pdu.msgContent, pdu.msgContent.length);
      if (v3) w.text('LinkID', pdu.linkId ?? '', 20);
      else w.text('Reserve', pdu.reserve ?? '', 8);
      break;
    case 'submit_resp':
    case 'deliver_resp':
      w.msgId(pdu.msgId);
      w.result('Result', pdu.result, resultWidth(version));
      break;
    case 'deliver':
      w.msgId(pdu.msgId);
      w.text('Dest_Id', pdu.destId, 21);
      w.text('Service_Id', pdu.serviceId, 10);
      w.u8('TP_pid', pdu.tpPid);
      w.u8('TP_udhi', pdu.tpUdhi);
      w.u8('Msg_Fmt', pdu.msgFmt);
      w.text('Src_terminal_Id', pdu.srcTerminalId, terminal);
      if (v3) w.u8('Src_terminal_type', pdu.srcTerminalType ?? 0);
      w.u8('Registered_Delivery', pdu.registeredDelivery);
      w.u8('Msg_Length', pdu.msgContent.length);
      w.raw('Msg_Content', pdu.msgContent, pdu.msgContent.length);
      if (v3) w.text('LinkID', pdu.linkId ?? '', 20);
      else w.text('Reserved', pdu.reserve ?? '', 8);
      break;
    case 'active_test_resp':
      w.u8('Reserved', pdu.reserved);
      break;
    case 'active_test':
    case 'terminate':
    case 'terminate_resp':
      break;
  }
  return w.done();
}

function bodyLength(pdu: CmppPdu, version: CmppVersion): number {
  switch (pdu.command) {
    case 'connect':
      return CONNECT_BODY;
    case 'connect_resp':
      return resultWidth(version) + 16 + 1;
    case 'submit': {
      const count = pdu.destTerminalIds?.length;
      if (!Number.isInteger(count) || count < 1 || count > CMPP_MAX_DESTINATIONS) {
        throw new CmppProtocolError('CMPP_FIELD_INVALID', `DestUsr_tl must be 1..${CMPP_MAX_DESTINATIONS}`);
      }
      return submitFixed(version) + terminalWidth(version) * count + checkContent('Msg_Content', pdu.msgContent).length;
    }
    case 'submit_resp':
    case 'deliver_resp':
      return 8 + resultWidth(version);
    case 'deliver':
      return deliverFixed(version) + checkContent('Msg_Content', pdu.msgContent).length;
    case 'active_test_resp':
      return 1;
    case 'active_test':
    case 'terminate':
    case 'terminate_resp':
      return 0;
    default:
      throw new CmppProtocolError('CMPP_UNKNOWN_COMMAND', `unknown command ${String((pdu as { command?: unknown }).command)}`);
  }
}

/** A status report as the 71 (3.0) or 60 (2.0) octets of a receipt DELIVER's Msg_Content. */
export function encodeCmppStatusReport(report: CmppStatusReport, version: CmppVersion): Buffer {
  const w = new Writer(cmppStatusReportLength(version));
  w.msgId(report.msgId);
  w.text('Stat', report.stat, 7);
  w.text('Submit_time', report.submitTime, 10);
  w.text('Done_time', report.doneTime, 10);
  w.text('Dest_terminal_Id', report.destTerminalId, terminalWidth(version));
  w.u32('SMSC_sequence', report.smscSequence);
  return w.done();
}

// ---------------------------------------------------------------------------------------------------- decoding

class Reader {
  private offset: number;
  constructor(
    private readonly bytes: Buffer,
    private readonly commandId: number,
    private readonly sequenceId: number,
    offset = CMPP_HEADER_LENGTH,
  ) {
    this.offset = offset;
  }
  private take(width: number): number {
    if (this.offset + width > this.bytes.length) {
      throw new CmppProtocolError('CMPP_BAD_BODY_LENGTH', 'a field runs past Total_Length', this.commandId, this.sequenceId);
    }
    const at = this.offset;
    this.offset += width;
    return at;
  }
  u8(): number {
    return this.bytes.readUInt8(this.take(1));
  }
  u32(): number {
    return this.bytes.readUInt32BE(this.take(4));
  }
  result(width: 1 | 4): number {
    return width === 4 ? this.u32() : this.u8();
  }
  msgId(): string {
    return readCmppMsgId(this.bytes, this.take(8));
  }
  text(width: number): string {
    const at = this.take(width);
    const field = this.bytes.subarray(at, at + width);
    const nul = field.indexOf(0);
    return field.toString('latin1', 0, nul === -1 ? width : nul);
  }
  raw(width: number): Buffer {
    const at = this.take(width);
    return Buffer.from(this.bytes.subarray(at, at + width));
  }
  end(): void {
    if (this.offset !== this.bytes.length) {
      throw new CmppProtocolError('CMPP_BAD_BODY_LENGTH', `${this.bytes.length - this.offset} octets past the layout's end`, this.commandId, this.sequenceId);
    }
  }
}

/**
 * One whole PDU (exactly Total_Length octets, as the frame decoder hands them out) in the given version's layout.
 * Every failure is a `CmppProtocolError`; nothing is read past Total_Length.
 */
export function decodeCmppPdu(bytes: Buffer, version: CmppVersion): CmppPdu {
  if (bytes.length < CMPP_HEADER_LENGTH || bytes.length > CMPP_MAX_PDU_LENGTH || bytes.readUInt32BE(0) !== bytes.length) {
    throw new CmppProtocolError('CMPP_LENGTH_OUT_OF_RANGE', `a PDU of ${bytes.length} octets does not match its Total_Length`);
  }
  const commandId = bytes.readUInt32BE(4);
  const sequenceId = bytes.readUInt32BE(8);
  const command = COMMANDS_BY_ID.get(commandId);
  if (!command) {
    throw new CmppProtocolError('CMPP_UNKNOWN_COMMAND', `Command_Id 0x${commandId.toString(16).padStart(8, '0')}`, commandId, sequenceId);
  }
  const r = new Reader(bytes, commandId, sequenceId);
  const v3 = version === CMPP_VERSION.V3_0;
  const terminal = terminalWidth(version);
  let pdu: CmppPdu;
  switch (command) {
    case 'connect':
      pdu = { command, sequenceId, sourceAddr: r.text(6), authenticatorSource: r.raw(16), version: r.u8(), timestamp: r.u32() };
      break;
    case 'connect_resp': {
      // Read by its length: before negotiation a client cannot know which layout the gateway answers in.
      const width = bytes.length === CMPP_HEADER_LENGTH + 4 + 16 + 1 ? 4 : 1;
      pdu = { command, sequenceId, status: r.result(width), authenticatorIsmg: r.raw(16), version: r.u8() };
      break;
    }
    case 'submit': {
      const head = {
        msgId: r.msgId(),
        pkTotal: r.u8(),
        pkNumber: r.u8(),
        registeredDelivery: r.u8(),
        msgLevel: r.u8(),
        serviceId: r.text(10),
        feeUserType: r.u8(),
        feeTerminalId: r.text(terminal),
      };
      const feeTerminalType = v3 ? r.u8() : undefined;
      const middle = {
        tpPid: r.u8(),
        tpUdhi: r.u8(),
        msgFmt: r.u8(),
        msgSrc: r.text(6),
        feeType: r.text(2),
        feeCode: r.text(6),
        validTime: r.text(17),
        atTime: r.text(17),
        srcId: r.text(21),
      };
      const count = r.u8();
      if (count < 1 || count > CMPP_MAX_DESTINATIONS) {
        throw new CmppProtocolError('CMPP_FIELD_INVALID', `DestUsr_tl ${count} is outside 1..${CMPP_MAX_DESTINATIONS}`, commandId, sequenceId);
      }
      const destTerminalIds = Array.from({ length: count }, () => r.text(terminal));
      const destTerminalType = v3 ? r.u8() : undefined;
      const msgContent = r.raw(r.u8());
      pdu = v3
        ? { command, sequenceId, ...head, feeTerminalType, ...middle, destTerminalIds, destTerminalType, msgContent, linkId: r.text(20) }
        : { command, sequenceId, ...head, ...middle, destTerminalIds, msgContent, reserve: r.text(8) };
      break;
    }
    case 'submit_resp':
    case 'deliver_resp':
      pdu = { command, sequenceId, msgId: r.msgId(), result: r.result(resultWidth(version)) };
      break;
    case 'deliver': {
      const head = { msgId: r.msgId(), destId: r.text(21), serviceId: r.text(10), tpPid: r.u8(), tpUdhi: r.u8(), msgFmt: r.u8(), srcTerminalId: r.text(terminal) };
      const srcTerminalType = v3 ? r.u8() : undefined;
      const registeredDelivery = r.u8();
      const msgContent = r.raw(r.u8());
      pdu = v3
        ? { command, sequenceId, ...head, srcTerminalType, registeredDelivery, msgContent, linkId: r.text(20) }
        : { command, sequenceId, ...head, registeredDelivery, msgContent, reserve: r.text(8) };
      break;
    }
    case 'active_test_resp':
      pdu = { command, sequenceId, reserved: r.u8() };
      break;
    case 'active_test':
    case 'terminate':
    case 'terminate_resp':
      pdu = { command, sequenceId };
      break;
  }
  r.end();
  return pdu;
}

/** The status report in a receipt DELIVER's Msg_Content (Registered_Delivery = 1). */
export function decodeCmppStatusReport(content: Buffer, version: CmppVersion): CmppStatusReport {
  if (content.length !== cmppStatusReportLength(version)) {
    throw new CmppProtocolError('CMPP_BAD_BODY_LENGTH', `a status report is ${cmppStatusReportLength(version)} octets, got ${content.length}`);
  }
  const r = new Reader(content, CMPP_COMMAND.DELIVER, 0, 0);
  const report = {
    msgId: r.msgId(),
    stat: r.text(7),
    submitTime: r.text(10),
    doneTime: r.text(10),
    destTerminalId: r.text(terminalWidth(version)),
    smscSequence: r.u32(),
  };
  r.end();
  return report;
}
