import {
  ESM_CLASS,
  type AddressFields,
  type DecodedMessage,
  type DeliverSmFields,
  type IncomingMessagePdu,
  type MessagePartFields,
  type SubmitSmFields,
} from '../pdu-fields';

/**
 * Our own encoder and decoder for the four PDUs every message costs (submit_sm, deliver_sm and their responses),
 * byte-identical to the `smpp` package's for the fields we send, without its generic per-field machinery. Every other
 * PDU still goes through the package (see smpp-connection.ts).
 */

/** command_id of the PDUs handled here (SMPP 3.4 §5.1.2.1), and generic_nack for answering what cannot be read. */
export const COMMAND = {
  submit_sm: 0x00000004,
  submit_sm_resp: 0x80000004,
  deliver_sm: 0x00000005,
  deliver_sm_resp: 0x80000005,
  generic_nack: 0x80000000,
} as const;

/** The TLVs read and written here (SMPP 3.4 §5.3.2); others are skipped when reading. */
const TAG = {
  receipted_message_id: 0x001e,
  sar_msg_ref_num: 0x020c,
  sar_total_segments: 0x020e,
  sar_segment_seqnum: 0x020f,
  network_error_code: 0x0423,
  message_payload: 0x0424,
  message_state: 0x0427,
} as const;

const HEADER_LENGTH = 16;
/** SMPP 3.4 §5.2.21: sm_length is 0..254; anything longer belongs in message_payload. */
const MAX_SHORT_MESSAGE = 254;
/**
 * The submit_sm / deliver_sm body without its three variable strings and the message: 12 one-octet fields, the NULs
 * of service_type, source_addr and destination_addr, and the empty schedule_delivery_time and validity_period.
 */
const FIXED_BODY_LENGTH = 12 + 3 + 2;

/** A PDU this codec cannot read: a field runs past command_length, a C-string has no NUL, a TLV is too short. */
export class PduFormatError extends Error {
  constructor(
    message: string,
    /** From the header, when the buffer held one: lets the caller answer (generic_nack) the right sequence. */
    readonly commandId?: number,
    readonly sequenceNumber?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'PduFormatError';
  }
}

// ---- types -------------------------------------------------------------------------------------

export type HotCommand = 'submit_sm' | 'submit_sm_resp' | 'deliver_sm' | 'deliver_sm_resp';

interface HotPduHeader {
  command_length: number;
  command_id: number;
  command_status: number;
  sequence_number: number;
}

/** short_message or message_payload as read off the wire: the bytes after the UDH, and the UDH's elements. */
export interface RawMessage extends DecodedMessage {
  message: Buffer;
  /** Each information element as [IEI, length, ...data]; present when esm_class has UDHI and the message is not empty. */
  udh?: Buffer[];
}

/** submit_sm or deliver_sm (the same body, SMPP 3.4 §4.4.1 / §4.6.1) under the package's field names. */
export interface MessagePdu extends HotPduHeader, IncomingMessagePdu {
  command: 'submit_sm' | 'deliver_sm';
  service_type: string;
  source_addr_ton: number;
  source_addr_npi: number;
  source_addr: string;
  dest_addr_ton: number;
  dest_addr_npi: number;
  destination_addr: string;
  esm_class: number;
  protocol_id: number;
  priority_flag: number;
  /** As sent, e.g. '' or '250101120000000+'; the package would make it a Date. */
  schedule_delivery_time: string;
  validity_period: string;
  registered_delivery: number;
  replace_if_present_flag: number;
  data_coding: number;
  sm_default_msg_id: number;
  sm_length: number;
  short_message: RawMessage;
  message_payload?: RawMessage;
  // The optional TLVs (sar_*, receipted_message_id, message_state, network_error_code) as IncomingMessagePdu has them.
}

export interface SubmitSmPdu extends MessagePdu {
  command: 'submit_sm';
}

export interface DeliverSmPdu extends MessagePdu {
  command: 'deliver_sm';
}

export interface SubmitSmRespPdu extends HotPduHeader {
  command: 'submit_sm_resp';
  /** Absent when the body is empty (a response with an error status is usually the header alone). */
  message_id?: string;
}

export interface DeliverSmRespPdu extends HotPduHeader {
  command: 'deliver_sm_resp';
  message_id?: string;
}

/** What decodeHotPdu reads; plain objects, told apart by `command`. */
export type HotPdu = SubmitSmPdu | SubmitSmRespPdu | DeliverSmPdu | DeliverSmRespPdu;

// ---- encoding ----------------------------------------------------------------------------------

/**
 * What the shared submit_sm / deliver_sm encoder accepts. Beyond our field types it takes the optional mandatory
 * octets and service_type the package would also take from the object, so a deliver_sm built from a spread submit
 * still encodes like the package's. schedule_delivery_time and validity_period are always empty: we never set them,
 * and the package's time filter (padding, Dates) is not mirrored.
 */
type SmFields = Required<AddressFields> &
  MessagePartFields & {
    service_type?: string;
    protocol_id?: number;
    priority_flag?: number;
    registered_delivery?: number;
    replace_if_present_flag?: number;
    sm_default_msg_id?: number;
    receipted_message_id?: string;
    message_state?: number;
    network_error_code?: Buffer;
  };

/** `new smpp.PDU('submit_sm', { ...fields, sequence_number: sequence }).toBuffer()`, byte for byte. */
export function encodeSubmitSm(sequence: number, fields: SubmitSmFields): Buffer {
  return encodeSm(COMMAND.submit_sm, sequence, fields);
}

/** `new smpp.PDU('deliver_sm', { ...fields, sequence_number: sequence }).toBuffer()`, byte for byte. */
export function encodeDeliverSm(sequence: number, fields: DeliverSmFields): Buffer {
  return encodeSm(COMMAND.deliver_sm, sequence, fields);
}

/** The package's submit_sm_resp: header + message_id, or the header alone when commandStatus is not 0. */
export function encodeSubmitSmResp(sequence: number, commandStatus: number, messageId: string): Buffer {
  if (commandStatus !== 0) return headerOnly(COMMAND.submit_sm_resp, commandStatus, sequence);
  const length = HEADER_LENGTH + messageId.length + 1;
  const buffer = Buffer.allocUnsafe(length);
  writeHeader(buffer, length, COMMAND.submit_sm_resp, 0, sequence);
  putCString(buffer, HEADER_LENGTH, messageId);
  return buffer;
}

/** The package's `deliverSm.response()`: an empty message_id (one NUL), or the header alone when commandStatus is not 0. */
export function encodeDeliverSmResp(sequence: number, commandStatus = 0): Buffer {
  if (commandStatus !== 0) return headerOnly(COMMAND.deliver_sm_resp, commandStatus, sequence);
  const buffer = Buffer.allocUnsafe(HEADER_LENGTH + 1);
  writeHeader(buffer, HEADER_LENGTH + 1, COMMAND.deliver_sm_resp, 0, sequence);
  buffer[HEADER_LENGTH] = 0;
  return buffer;
}

function encodeSm(commandId: number, sequence: number, fields: SmFields): Buffer {
  const serviceType = fields.service_type ?? '';
  const source = fields.source_addr;
  const destination = fields.destination_addr;
  const message = fields.short_message;
  // The package writes 255 and throws Node's ERR_OUT_OF_RANGE from 256 on; we keep to the spec's 254.
  if (message.length > MAX_SHORT_MESSAGE) {
    throw new RangeError(`short_message is ${message.length} octets; at most ${MAX_SHORT_MESSAGE} fit (sm_length)`);
  }
  let length = HEADER_LENGTH + FIXED_BODY_LENGTH + serviceType.length + source.length + destination.length + message.length;
  // TLVs go out in the order of the object's keys, as the package iterates them.
  for (const key in fields) length += tlvSize(key, fields);

  const buffer = Buffer.allocUnsafe(length);
  writeHeader(buffer, length, commandId, 0, sequence);
  let offset = putCString(buffer, HEADER_LENGTH, serviceType);
  buffer[offset++] = octet(fields.source_addr_ton, 'source_addr_ton');
  buffer[offset++] = octet(fields.source_addr_npi, 'source_addr_npi');
  offset = putCString(buffer, offset, source);
  buffer[offset++] = octet(fields.dest_addr_ton, 'dest_addr_ton');
  buffer[offset++] = octet(fields.dest_addr_npi, 'dest_addr_npi');
  offset = putCString(buffer, offset, destination);
  buffer[offset++] = octet(fields.esm_class, 'esm_class');
  buffer[offset++] = octet(fields.protocol_id, 'protocol_id');
  buffer[offset++] = octet(fields.priority_flag, 'priority_flag');
  buffer[offset++] = 0; // schedule_delivery_time ''
  buffer[offset++] = 0; // validity_period ''
  buffer[offset++] = octet(fields.registered_delivery, 'registered_delivery');
  buffer[offset++] = octet(fields.replace_if_present_flag, 'replace_if_present_flag');
  buffer[offset++] = octet(fields.data_coding, 'data_coding');
  buffer[offset++] = octet(fields.sm_default_msg_id, 'sm_default_msg_id');
  buffer[offset++] = message.length;
  buffer.set(message, offset);
  offset += message.length;
  for (const key in fields) offset = writeTlv(key, fields, buffer, offset);
  return buffer;
}

/**
 * Octets a TLV field takes on the wire (tag and length included); 0 for mandatory fields, other keys and absent
 * values. Unlike the package, a key holding `undefined` is skipped: it writes such an integer TLV as 0 and throws on
 * such a string or buffer one.
 */
function tlvSize(key: string, fields: SmFields): number {
  switch (key) {
    case 'sar_msg_ref_num':
      return fields.sar_msg_ref_num == null ? 0 : 6;
    case 'sar_total_segments':
      return fields.sar_total_segments == null ? 0 : 5;
    case 'sar_segment_seqnum':
      return fields.sar_segment_seqnum == null ? 0 : 5;
    case 'message_state':
      return fields.message_state == null ? 0 : 5;
    case 'receipted_message_id':
      return fields.receipted_message_id == null ? 0 : 4 + fields.receipted_message_id.length + 1;
    case 'network_error_code':
      return fields.network_error_code == null ? 0 : 4 + fields.network_error_code.length;
    default:
      return 0;
  }
}

function writeTlv(key: string, fields: SmFields, buffer: Buffer, offset: number): number {
  switch (key) {
    case 'sar_msg_ref_num': {
      const value = fields.sar_msg_ref_num;
      if (value == null) return offset;
      if ((value & 0xffff) !== value) throw new RangeError(`sar_msg_ref_num must be an integer in 0..65535, got ${value}`);
      offset = putTlvHeader(buffer, offset, TAG.sar_msg_ref_num, 2);
      buffer[offset] = value >>> 8;
      buffer[offset + 1] = value & 0xff;
      return offset + 2;
    }
    case 'sar_total_segments':
      return putOctetTlv(buffer, offset, TAG.sar_total_segments, fields.sar_total_segments, key);
    case 'sar_segment_seqnum':
      return putOctetTlv(buffer, offset, TAG.sar_segment_seqnum, fields.sar_segment_seqnum, key);
    case 'message_state':
      return putOctetTlv(buffer, offset, TAG.message_state, fields.message_state, key);
    case 'receipted_message_id': {
      const value = fields.receipted_message_id;
      if (value == null) return offset;
      return putCString(buffer, putTlvHeader(buffer, offset, TAG.receipted_message_id, value.length + 1), value);
    }
    case 'network_error_code': {
      const value = fields.network_error_code;
      if (value == null) return offset;
      buffer.set(value, putTlvHeader(buffer, offset, TAG.network_error_code, value.length));
      return offset + 4 + value.length;
    }
    default:
      return offset;
  }
}

function putOctetTlv(buffer: Buffer, offset: number, tag: number, value: number | undefined, field: string): number {
  if (value == null) return offset;
  offset = putTlvHeader(buffer, offset, tag, 1);
  buffer[offset] = octet(value, field);
  return offset + 1;
}

function putTlvHeader(buffer: Buffer, offset: number, tag: number, length: number): number {
  if (length > 0xffff) throw new RangeError(`TLV 0x${hex4(tag)} value is ${length} octets; its length field holds at most 65535`);
  buffer[offset] = tag >>> 8;
  buffer[offset + 1] = tag & 0xff;
  buffer[offset + 2] = length >>> 8;
  buffer[offset + 3] = length & 0xff;
  return offset + 4;
}

/** Like the package's C-string: one octet per UTF-16 unit (Node's 'ascii' writes as 'latin1'), then a NUL. */
function putCString(buffer: Buffer, offset: number, value: string): number {
  if (value.length > 0) buffer.write(value, offset, 'latin1');
  buffer[offset + value.length] = 0;
  return offset + value.length + 1;
}

/** An absent octet field is 0, as in the package; an out-of-range one throws instead of being written truncated. */
function octet(value: number | undefined, field: string): number {
  if (value == null) return 0;
  if ((value & 0xff) !== value) throw new RangeError(`${field} must be an integer in 0..255, got ${value}`);
  return value;
}

function writeHeader(buffer: Buffer, length: number, commandId: number, commandStatus: number, sequence: number): void {
  buffer.writeUInt32BE(length, 0);
  buffer.writeUInt32BE(commandId, 4);
  buffer.writeUInt32BE(commandStatus, 8);
  buffer.writeUInt32BE(sequence, 12);
}

function headerOnly(commandId: number, commandStatus: number, sequence: number): Buffer {
  const buffer = Buffer.allocUnsafe(HEADER_LENGTH);
  writeHeader(buffer, HEADER_LENGTH, commandId, commandStatus, sequence);
  return buffer;
}

// ---- decoding ----------------------------------------------------------------------------------

/**
 * Reads one whole PDU (header included) when it is one of the four hot commands; `undefined` for any other command
 * id, which the caller hands to the package. Reads only within command_length and throws PduFormatError on a body
 * that does not fit it. Buffers in the result (messages, UDH elements, network_error_code) are views of `pdu`.
 */
export function decodeHotPdu(pdu: Buffer): HotPdu | undefined {
  if (pdu.length < HEADER_LENGTH) throw new PduFormatError(`a PDU needs a ${HEADER_LENGTH}-octet header, got ${pdu.length} octets`);
  const commandId = pdu.readUInt32BE(4);
  let command: HotCommand;
  switch (commandId) {
    case COMMAND.submit_sm:
      command = 'submit_sm';
      break;
    case COMMAND.deliver_sm:
      command = 'deliver_sm';
      break;
    case COMMAND.submit_sm_resp:
      command = 'submit_sm_resp';
      break;
    case COMMAND.deliver_sm_resp:
      command = 'deliver_sm_resp';
      break;
    default:
      return undefined;
  }
  const commandLength = pdu.readUInt32BE(0);
  if (commandLength < HEADER_LENGTH || commandLength > pdu.length) {
    throw malformed(pdu, `command_length ${commandLength} does not fit the ${pdu.length} octets given`);
  }
  if (command === 'submit_sm' || command === 'deliver_sm') return decodeSm(pdu, command, commandLength);
  let messageId: string | undefined;
  if (commandLength > HEADER_LENGTH) {
    const nul = cStringEnd(pdu, HEADER_LENGTH, commandLength, 'message_id');
    messageId = ascii(pdu, HEADER_LENGTH, nul);
  }
  return {
    command,
    command_id: commandId,
    command_status: pdu.readUInt32BE(8),
    sequence_number: pdu.readUInt32BE(12),
    command_length: commandLength,
    message_id: messageId,
  };
}

/** The submit_sm / deliver_sm body, field after field, then the TLVs up to command_length. */
function decodeSm(pdu: Buffer, command: 'submit_sm' | 'deliver_sm', end: number): SubmitSmPdu | DeliverSmPdu {
  let offset = HEADER_LENGTH;
  let nul = cStringEnd(pdu, offset, end, 'service_type');
  const serviceType = ascii(pdu, offset, nul);
  offset = nul + 1;
  if (offset + 2 > end) throw truncated(pdu, 'source_addr_ton');
  const sourceTon = pdu[offset];
  const sourceNpi = pdu[offset + 1];
  offset += 2;
  nul = cStringEnd(pdu, offset, end, 'source_addr');
  const sourceAddr = ascii(pdu, offset, nul);
  offset = nul + 1;
  if (offset + 2 > end) throw truncated(pdu, 'dest_addr_ton');
  const destTon = pdu[offset];
  const destNpi = pdu[offset + 1];
  offset += 2;
  nul = cStringEnd(pdu, offset, end, 'destination_addr');
  const destinationAddr = ascii(pdu, offset, nul);
  offset = nul + 1;
  if (offset + 3 > end) throw truncated(pdu, 'esm_class');
  const esmClass = pdu[offset];
  const protocolId = pdu[offset + 1];
  const priorityFlag = pdu[offset + 2];
  offset += 3;
  nul = cStringEnd(pdu, offset, end, 'schedule_delivery_time');
  const scheduleDeliveryTime = ascii(pdu, offset, nul);
  offset = nul + 1;
  nul = cStringEnd(pdu, offset, end, 'validity_period');
  const validityPeriod = ascii(pdu, offset, nul);
  offset = nul + 1;
  if (offset + 5 > end) throw truncated(pdu, 'registered_delivery');
  const registeredDelivery = pdu[offset];
  const replaceIfPresent = pdu[offset + 1];
  const dataCoding = pdu[offset + 2];
  const smDefaultMsgId = pdu[offset + 3];
  const smLength = pdu[offset + 4];
  offset += 5;
  if (offset + smLength > end) throw truncated(pdu, 'short_message');
  const udhi = (esmClass & ESM_CLASS.UDHI) !== 0;
  const shortMessage = readMessage(pdu.subarray(offset, offset + smLength), udhi);
  offset += smLength;

  let payload: Buffer | undefined;
  let sarMsgRefNum: number | undefined;
  let sarTotalSegments: number | undefined;
  let sarSegmentSeqnum: number | undefined;
  let receiptedMessageId: string | undefined;
  let messageState: number | undefined;
  let networkErrorCode: Buffer | undefined;
  // 1–3 stray octets after the last TLV are ignored, as the package does.
  while (offset + 4 <= end) {
    const tag = (pdu[offset] << 8) | pdu[offset + 1];
    const length = (pdu[offset + 2] << 8) | pdu[offset + 3];
    const value = offset + 4;
    offset = value + length;
    if (offset > end) throw malformed(pdu, `TLV 0x${hex4(tag)} of ${length} octets runs past command_length`);
    switch (tag) {
      case TAG.receipted_message_id: {
        // Up to the NUL, or the whole value when an SMSC leaves the NUL out (the package would read on past it).
        let stop = value;
        while (stop < offset && pdu[stop] !== 0) stop++;
        receiptedMessageId = ascii(pdu, value, stop);
        break;
      }
      case TAG.message_state:
        messageState = tlvOctet(pdu, value, length, tag);
        break;
      case TAG.sar_total_segments:
        sarTotalSegments = tlvOctet(pdu, value, length, tag);
        break;
      case TAG.sar_segment_seqnum:
        sarSegmentSeqnum = tlvOctet(pdu, value, length, tag);
        break;
      case TAG.sar_msg_ref_num:
        if (length < 2) throw malformed(pdu, `TLV 0x${hex4(tag)} needs 2 octets, has ${length}`);
        sarMsgRefNum = (pdu[value] << 8) | pdu[value + 1];
        break;
      case TAG.network_error_code:
        networkErrorCode = pdu.subarray(value, offset);
        break;
      case TAG.message_payload:
        payload = pdu.subarray(value, offset);
        break;
      // Any other TLV is skipped.
    }
  }
  // The package splits a UDH off message_payload only when short_message carries no text of its own.
  const messagePayload = payload === undefined ? undefined : readMessage(payload, udhi && shortMessage.message.length === 0);

  return {
    command,
    command_id: command === 'submit_sm' ? COMMAND.submit_sm : COMMAND.deliver_sm,
    command_status: pdu.readUInt32BE(8),
    sequence_number: pdu.readUInt32BE(12),
    command_length: end,
    service_type: serviceType,
    source_addr_ton: sourceTon,
    source_addr_npi: sourceNpi,
    source_addr: sourceAddr,
    dest_addr_ton: destTon,
    dest_addr_npi: destNpi,
    destination_addr: destinationAddr,
    esm_class: esmClass,
    protocol_id: protocolId,
    priority_flag: priorityFlag,
    schedule_delivery_time: scheduleDeliveryTime,
    validity_period: validityPeriod,
    registered_delivery: registeredDelivery,
    replace_if_present_flag: replaceIfPresent,
    data_coding: dataCoding,
    sm_default_msg_id: smDefaultMsgId,
    sm_length: smLength,
    short_message: shortMessage,
    message_payload: messagePayload,
    sar_msg_ref_num: sarMsgRefNum,
    sar_total_segments: sarTotalSegments,
    sar_segment_seqnum: sarSegmentSeqnum,
    receipted_message_id: receiptedMessageId,
    message_state: messageState,
    network_error_code: networkErrorCode,
  };
}

/**
 * The package's UDH split (filters.message.decode + udhCoder.getUdh), quirks included: the header length octet is
 * trusted up to the end of the message, and an element whose length octet is missing comes out empty.
 */
function readMessage(bytes: Buffer, splitUdh: boolean): RawMessage {
  if (!splitUdh || bytes.length === 0) return { message: bytes };
  const headerEnd = Math.min(bytes[0] + 1, bytes.length);
  const udh: Buffer[] = [];
  let cursor = 1;
  while (cursor < headerEnd) {
    if (cursor + 1 >= headerEnd) {
      udh.push(bytes.subarray(cursor, cursor));
      break;
    }
    const next = cursor + 2 + bytes[cursor + 1];
    udh.push(bytes.subarray(cursor, Math.min(next, headerEnd)));
    cursor = next;
  }
  return { message: bytes.subarray(headerEnd), udh };
}

/** Where the C-string starting at `start` ends (its NUL), which must come before `end`. */
function cStringEnd(pdu: Buffer, start: number, end: number, field: string): number {
  for (let i = start; i < end; i++) if (pdu[i] === 0) return i;
  throw truncated(pdu, field);
}

/** Decoded as the package does: 'ascii', which clears each octet's high bit. */
function ascii(pdu: Buffer, start: number, end: number): string {
  return start === end ? '' : pdu.toString('ascii', start, end);
}

function tlvOctet(pdu: Buffer, value: number, length: number, tag: number): number {
  if (length < 1) throw malformed(pdu, `TLV 0x${hex4(tag)} needs 1 octet, has none`);
  return pdu[value];
}

function truncated(pdu: Buffer, field: string): PduFormatError {
  return malformed(pdu, `${field} runs past command_length`);
}

function malformed(pdu: Buffer, detail: string): PduFormatError {
  const commandId = pdu.readUInt32BE(4);
  const sequence = pdu.readUInt32BE(12);
  return new PduFormatError(`PDU 0x${commandId.toString(16).padStart(8, '0')} sequence ${sequence}: ${detail}`, commandId, sequence);
}

function hex4(value: number): string {
  return value.toString(16).padStart(4, '0');
}
