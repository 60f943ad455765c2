import {
  CMPP_MSG_FMT,
  cmppMessageContent,
  decodeCmppStatusReport,
  type CmppDeliver,
  type CmppMessageContent,
  type CmppVersion,
  type InboundPart,
  type SmppReceipt,
} from '@sms/carrier-protocols';
import { parseReceiptDate, receiptStatus, type ReceiptStatus } from '@sms/sms';
import { fromCmppTerminalId } from './cmpp-numbers';

/** China Standard Time: the gateway's clock for Timestamp, Submit_time and Done_time unless a channel says otherwise. */
export const CMPP_UTC_OFFSET_MINUTES = 8 * 60;

/** The Stat words of the CMPP specification; anything else is an operator's own code (`MK:0001`, `DB:0008`…). */
const SPEC_STATS = new Set(['DELIVRD', 'EXPIRED', 'DELETED', 'UNDELIV', 'ACCEPTD', 'UNKNOWN', 'REJECTD']);

/**
 * Our status for a report's Stat, read like an SMPP receipt's `stat:` word (DELETED, REJECTD and UNKNOWN are
 * FAILED). An operator code says why the handset was not reached, so it is UNDELIVERED and is kept as `err`.
 */
export function cmppReceiptStatus(stat: string): { status: ReceiptStatus; err: string } {
  const word = stat.trim();
  if (SPEC_STATS.has(word.toUpperCase())) return { status: receiptStatus(word), err: '' };
  return { status: 'UNDELIVERED', err: word };
}

/** Submit_time / Done_time, YYMMDDHHMM on the gateway's clock; undefined when it is not a real date. */
export function parseCmppTime(value: string, utcOffsetMinutes = CMPP_UTC_OFFSET_MINUTES): Date | undefined {
  if (value.length !== 10) return undefined;
  const local = parseReceiptDate(value);
  return local && new Date(local.getTime() - utcOffsetMinutes * 60_000);
}

/**
 * A status report (DELIVER with Registered_Delivery = 1) in the shape SMPP receipts have, so correlation does not
 * care which protocol brought it: its Msg_Id is the decimal string the SUBMIT_RESP id was reported as.
 * Throws `CmppProtocolError` when Msg_Content is not a report of this version's length.
 */
export function toCmppReceipt(deliver: CmppDeliver, version: CmppVersion, utcOffsetMinutes = CMPP_UTC_OFFSET_MINUTES): SmppReceipt {
  const report = decodeCmppStatusReport(deliver.msgContent, version);
  const { status, err } = cmppReceiptStatus(report.stat);
  return {
    operatorMessageId: report.msgId,
    status,
    stat: report.stat,
    err,
    submitDate: parseCmppTime(report.submitTime, utcOffsetMinutes),
    doneDate: parseCmppTime(report.doneTime, utcOffsetMinutes),
  };
}

/** A mobile-originated DELIVER (Registered_Delivery = 0) as one part for `ConcatenationBuffer`. */
export function toCmppInboundPart(deliver: CmppDeliver, receivedAt: Date): InboundPart {
  const { text, concat } = moContent(deliver.msgFmt, deliver.tpUdhi, deliver.msgContent);
  return { from: fromCmppTerminalId(deliver.srcTerminalId), to: deliver.destId, text, receivedAt, concat };
}

const gbk = new TextDecoder('gbk');

/**
 * The codec reads ASCII, UCS-2 and binary. A handset's reply is never refused for its coding — a "退订" (stop) lost
 * would be worse than any garbling — so GBK (15), which gateways do send for MO, is read with the runtime's own
 * decoder, and any other Msg_Fmt one character per octet.
 */
function moContent(msgFmt: number, tpUdhi: number, content: Buffer): CmppMessageContent {
  if (msgFmt === CMPP_MSG_FMT.ASCII || msgFmt === CMPP_MSG_FMT.UCS2 || msgFmt === CMPP_MSG_FMT.BINARY) {
    return cmppMessageContent(msgFmt, tpUdhi, content);
  }
  const binary = cmppMessageContent(CMPP_MSG_FMT.BINARY, tpUdhi, content);
  return msgFmt === CMPP_MSG_FMT.GBK ? { ...binary, text: gbk.decode(Buffer.from(binary.text, 'latin1')) } : binary;
}
