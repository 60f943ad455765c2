import { concatenationUdh, decodeUcs2, encodeUcs2 } from '@sms/sms';
import type { Concatenation } from '../concatenation';
import { udhConcatenation } from '../smpp/message-content';
import { CMPP_MSG_FMT } from './constants';
import { CmppProtocolError } from './errors';

/** One CMPP_SUBMIT's worth of a text: what goes in Pk_total, Pk_number, TP_udhi, Msg_Fmt and Msg_Content. */
export interface CmppTextPart {
  pkTotal: number;
  pkNumber: number;
  tpUdhi: 0 | 1;
  msgFmt: number;
  msgContent: Buffer;
}

export interface CmppTextOptions {
  /** The 8-bit concatenation reference for a long text (the caller's counter). */
  reference?: number;
}

/** Msg_Fmt 0 is read as 7-bit text by the gateway: 160 characters alone, 153 behind the 6-octet UDH. */
const ASCII_SINGLE = 160;
const ASCII_PART = 153;
/** UCS-2: 140 octets, 134 behind the UDH. */
const UCS2_SINGLE = 70;
const UCS2_PART = 67;

/**
 * A text as CMPP_SUBMIT parts: Msg_Fmt 0 (ASCII) when every character is ASCII, else 8 (UCS-2 big-endian); a text
 * longer than one message is cut into parts with an 8-bit concatenation UDH (TP_udhi = 1), never between the two
 * halves of a surrogate pair. GBK (15) is never produced.
 */
export function cmppTextParts(text: string, options: CmppTextOptions = {}): CmppTextPart[] {
  const ascii = isAscii(text);
  const single = ascii ? ASCII_SINGLE : UCS2_SINGLE;
  const msgFmt = ascii ? CMPP_MSG_FMT.ASCII : CMPP_MSG_FMT.UCS2;
  const encode = (chunk: string) => (ascii ? Buffer.from(chunk, 'latin1') : encodeUcs2(chunk));
  if (text.length <= single) return [{ pkTotal: 1, pkNumber: 1, tpUdhi: 0, msgFmt, msgContent: encode(text) }];
  const chunks = split(text, ascii ? ASCII_PART : UCS2_PART);
  if (chunks.length > 255) throw new CmppProtocolError('CMPP_FIELD_INVALID', `a text of ${chunks.length} parts exceeds Pk_total 255`);
  const reference = (options.reference ?? 0) & 0xff;
  return chunks.map((chunk, i) => ({
    pkTotal: chunks.length,
    pkNumber: i + 1,
    tpUdhi: 1,
    msgFmt,
    msgContent: Buffer.concat([concatenationUdh(reference, chunks.length, i + 1), encode(chunk)]),
  }));
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

function split(text: string, size: number): string[] {
  const chunks: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + size, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    chunks.push(text.slice(start, end));
    start = end;
  }
  return chunks;
}

export interface CmppMessageContent {
  text: string;
  concat?: Concatenation;
}

/**
 * The text and concatenation info of a received SUBMIT or MO DELIVER's Msg_Content. Msg_Fmt 0 reads as ASCII,
 * 8 as UCS-2, 4 (binary) one character per octet; 15 (GBK) is refused with `CMPP_MSG_FMT_UNSUPPORTED`.
 */
export function cmppMessageContent(msgFmt: number, tpUdhi: number, content: Buffer): CmppMessageContent {
  let body = content;
  let concat: Concatenation | undefined;
  if (tpUdhi === 1 && content.length > 0) {
    const udhLength = content[0];
    if (1 + udhLength > content.length) throw new CmppProtocolError('CMPP_FIELD_INVALID', 'the UDH runs past Msg_Content');
    concat = udhConcatenation(udhElements(content.subarray(1, 1 + udhLength)));
    body = content.subarray(1 + udhLength);
  }
  return { text: decodeCmppText(msgFmt, body), concat };
}

export function decodeCmppText(msgFmt: number, body: Buffer): string {
  switch (msgFmt) {
    case CMPP_MSG_FMT.ASCII:
      return body.toString('latin1');
    case CMPP_MSG_FMT.UCS2:
      return decodeUcs2(body);
    case CMPP_MSG_FMT.BINARY:
      return body.toString('latin1');
    default:
      throw new CmppProtocolError('CMPP_MSG_FMT_UNSUPPORTED', `Msg_Fmt ${msgFmt} is not supported (0 ASCII, 4 binary, 8 UCS-2 are)`);
  }
}

/** The information elements of a UDH (without its length octet), each as IEI, IEDL, data. */
function udhElements(udh: Buffer): Buffer[] {
  const elements: Buffer[] = [];
  let offset = 0;
  while (offset + 2 <= udh.length) {
    const end = offset + 2 + udh[offset + 1];
    if (end > udh.length) break;
    elements.push(udh.subarray(offset, end));
    offset = end;
  }
  return elements;
}
