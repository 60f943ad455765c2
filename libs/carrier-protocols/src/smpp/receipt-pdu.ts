import {
  encodeGsm7Unpacked,
  formatDeliveryReceipt,
  gsm7SeptetsOf,
  messageStateStat,
  messageStateStatus,
  parseDeliveryReceipt,
  parseReceiptDate,
  receiptStatus,
  statMessageState,
  type ReceiptStatus,
} from '@sms/sms';
import { messageContent } from './message-content';
import { DATA_CODING, ESM_CLASS, type DeliverSmFields, type IncomingMessagePdu } from './pdu-fields';

/** A delivery receipt as read from a deliver_sm / data_sm. */
export interface SmppReceipt {
  /** The id the SMSC gave the submit in submit_sm_resp. */
  operatorMessageId: string;
  status: ReceiptStatus;
  /** The receipt `stat:` word, e.g. DELIVRD. */
  stat: string;
  /** Network error code, three digits as receipts write it; '' when none was given. */
  err: string;
  submitDate?: Date;
  doneDate?: Date;
}

/** SMPP 3.4 §5.2.12: a receipt is flagged in esm_class; some SMSCs only set receipted_message_id. */
export function isDeliveryReceipt(pdu: IncomingMessagePdu): boolean {
  const esmClass = pdu.esm_class ?? 0;
  return (
    (esmClass & ESM_CLASS.DELIVERY_RECEIPT) !== 0 ||
    (esmClass & ESM_CLASS.INTERMEDIATE_NOTIFICATION) !== 0 ||
    pdu.receipted_message_id !== undefined
  );
}

/**
 * Receipt fields from the TLVs when present (receipted_message_id, message_state, network_error_code), else from
 * the receipt text; undefined when there is no message id to correlate the receipt with.
 */
export function toReceipt(pdu: IncomingMessagePdu): SmppReceipt | undefined {
  const tlvId = pdu.receipted_message_id;
  const state: unknown = pdu.message_state;
  if (typeof tlvId === 'string' && tlvId && typeof state === 'number') return fromTlvs(pdu, tlvId, state);
  const parsed = parseDeliveryReceipt(messageContent(pdu).text);
  const operatorMessageId = typeof tlvId === 'string' && tlvId ? tlvId : parsed?.id;
  if (!operatorMessageId) return undefined;
  const hasState = typeof state === 'number';
  const stat = hasState ? messageStateStat(state) : (parsed?.stat ?? 'UNKNOWN');
  const status = hasState ? messageStateStatus(state) : receiptStatus(stat);
  return {
    operatorMessageId,
    status,
    stat,
    err: networkErrorCode(pdu.network_error_code) ?? parsed?.err ?? '',
    submitDate: parsed?.submitDate,
    doneDate: parsed?.doneDate,
  };
}

/**
 * The common case, a receipt whose TLVs carry the id and the state: only the dates are read from the text, by
 * their own fields, instead of parsing the whole receipt text (a tenth of the adapter's time per receipt).
 */
function fromTlvs(pdu: IncomingMessagePdu, operatorMessageId: string, state: number): SmppReceipt {
  const text = messageContent(pdu).text;
  const err = networkErrorCode(pdu.network_error_code) ?? ERR_FIELD.exec(text)?.[1] ?? '';
  const submitDate = SUBMIT_DATE_FIELD.exec(text)?.[1];
  const doneDate = DONE_DATE_FIELD.exec(text)?.[1];
  return {
    operatorMessageId,
    status: messageStateStatus(state),
    stat: messageStateStat(state),
    err,
    submitDate: submitDate === undefined ? undefined : parseReceiptDate(submitDate),
    doneDate: doneDate === undefined ? undefined : parseReceiptDate(doneDate),
  };
}

const SUBMIT_DATE_FIELD = /(?:^|\s)submit[ _]?date\s*:\s*(\S+)/i;
const DONE_DATE_FIELD = /(?:^|\s)done[ _]?date\s*:\s*(\S+)/i;
const ERR_FIELD = /(?:^|\s)err\s*:\s*(\S+)/i;

/** network_error_code TLV: network type (1 octet) + error code (2 octets); we keep the code, padded like `err:`. */
export function networkErrorCode(value: unknown): string | undefined {
  if (!Buffer.isBuffer(value) || value.length < 3) return undefined;
  return String(value.readUInt16BE(1)).padStart(3, '0');
}

export interface ReceiptPduInput {
  /** The submit_sm the receipt reports on; its addresses swap, since the receipt travels back to the sender. */
  submit: IncomingMessagePdu;
  /** The id given in submit_sm_resp. */
  messageId: string;
  /** Final state word, e.g. DELIVRD or UNDELIV; also sets message_state and dlvrd. */
  stat: string;
  /** `err:` of the text. Default 0. */
  err?: number | string;
  submitDate: Date;
  doneDate: Date;
  /** The submitted text; the receipt quotes its start. */
  text: string;
  /** Adds the network_error_code TLV: network type (3 = GSM) and its error code. */
  networkError?: { type: number; code: number };
}

/** The deliver_sm an SMSC sends for a delivery receipt: the standard text plus the receipted_message_id and message_state TLVs. */
export function receiptDeliverSmFields(input: ReceiptPduInput): DeliverSmFields {
  const { submit, stat } = input;
  const text = formatDeliveryReceipt({
    id: input.messageId,
    sub: 1,
    dlvrd: receiptStatus(stat) === 'DELIVERED' ? 1 : 0,
    submitDate: input.submitDate,
    doneDate: input.doneDate,
    stat,
    err: input.err ?? 0,
    text: gsmSafe(input.text),
  });
  const fields: DeliverSmFields = {
    source_addr_ton: submit.dest_addr_ton ?? 0,
    source_addr_npi: submit.dest_addr_npi ?? 0,
    source_addr: submit.destination_addr ?? '',
    dest_addr_ton: submit.source_addr_ton ?? 0,
    dest_addr_npi: submit.source_addr_npi ?? 0,
    destination_addr: submit.source_addr ?? '',
    esm_class: ESM_CLASS.DELIVERY_RECEIPT,
    data_coding: DATA_CODING.GSM7,
    short_message: encodeGsm7Unpacked(text),
    receipted_message_id: input.messageId,
    message_state: statMessageState(stat),
  };
  if (input.networkError) {
    const tlv = Buffer.alloc(3);
    tlv.writeUInt8(input.networkError.type, 0);
    tlv.writeUInt16BE(input.networkError.code, 1);
    fields.network_error_code = tlv;
  }
  return fields;
}

/** Receipts travel as GSM-7; characters outside it (e.g. Chinese in the quoted text) become '?'. */
export function gsmSafe(text: string): string {
  let out = '';
  for (const char of text) out += gsm7SeptetsOf(char) ? char : '?';
  return out;
}
