import { decodeGsm7Unpacked, decodeUcs2 } from '@sms/sms';
import type { Concatenation, InboundPart } from '../concatenation';
import { fromSmppAddress } from './address';
import { DATA_CODING, type DecodedMessage, type IncomingMessagePdu } from './pdu-fields';

export interface MessageContent {
  text: string;
  /** Which part of a concatenated message this is, from the UDH or the sar_* TLVs. */
  concat?: Concatenation;
}

/**
 * Text and concatenation info of a received deliver_sm / data_sm / submit_sm: short_message, or message_payload
 * when short_message is empty (SMPP 3.4 §5.3.2.32 lets a sender use either).
 */
export function messageContent(pdu: IncomingMessagePdu): MessageContent {
  const short = pdu.short_message;
  const value = short && short.message && short.message.length > 0 ? short : (pdu.message_payload ?? short);
  const text = value ? decodeText(value.message, pdu.data_coding ?? 0) : '';
  return { text, concat: udhConcatenation(value?.udh) ?? sarConcatenation(pdu) };
}

/** A received mobile-originated PDU as one part for the concatenation buffer; numbers back in E.164 where they were. */
export function toInboundPart(pdu: IncomingMessagePdu, receivedAt: Date): InboundPart {
  const content = messageContent(pdu);
  return {
    from: fromSmppAddress(String(pdu.source_addr ?? ''), pdu.source_addr_ton),
    to: fromSmppAddress(String(pdu.destination_addr ?? ''), pdu.dest_addr_ton),
    text: content.text,
    receivedAt,
    concat: content.concat,
  };
}

/**
 * The smpp package decodes the default alphabet, Latin-1 and UCS-2 itself; other data codings arrive as bytes.
 * Bytes we cannot interpret are kept one character per octet rather than dropped.
 */
export function decodeText(message: DecodedMessage['message'], dataCoding: number): string {
  if (typeof message === 'string') return message;
  if (!Buffer.isBuffer(message)) return '';
  if ((dataCoding & 0x0f) === DATA_CODING.UCS2) return decodeUcs2(message);
  if ((dataCoding & 0x0f) === DATA_CODING.GSM7) return decodeGsm7Unpacked(message);
  return message.toString('latin1');
}

/** The concatenation information element among a UDH's elements: 8-bit (IEI 0x00) or 16-bit (IEI 0x08) reference. */
export function udhConcatenation(udh: readonly Buffer[] | undefined): Concatenation | undefined {
  if (!Array.isArray(udh)) return undefined;
  for (const ie of udh) {
    if (ie[0] === 0x00 && ie[1] === 3 && ie.length >= 5) return { ref: ie[2], total: ie[3], seq: ie[4] };
    if (ie[0] === 0x08 && ie[1] === 4 && ie.length >= 6) return { ref: ie.readUInt16BE(2), total: ie[4], seq: ie[5] };
  }
  return undefined;
}

/** sar_msg_ref_num, sar_total_segments and sar_segment_seqnum, when all three are present. */
export function sarConcatenation(pdu: IncomingMessagePdu): Concatenation | undefined {
  if (typeof pdu.sar_msg_ref_num !== 'number' || typeof pdu.sar_total_segments !== 'number' || typeof pdu.sar_segment_seqnum !== 'number') {
    return undefined;
  }
  return { ref: pdu.sar_msg_ref_num, total: pdu.sar_total_segments, seq: pdu.sar_segment_seqnum };
}
