import { formatDeliveryReceipt, parseDeliveryReceipt } from '@sms/sms';
import { messageContent } from './message-content';
import { gsmSafe, isDeliveryReceipt, networkErrorCode, receiptDeliverSmFields, toReceipt } from './receipt-pdu';
import { smpp, type Pdu } from './smpp-lib';

/** Encodes with the smpp package and parses back: the PDU as the peer reads it off the wire. */
const overTheWire = (command: string, fields: object): Pdu => smpp.PDU.fromBuffer(new smpp.PDU(command, fields).toBuffer()) as Pdu;

const submitDate = new Date(Date.UTC(2025, 0, 31, 23, 59));
const doneDate = new Date(Date.UTC(2025, 1, 1, 0, 5));
const submit = { source_addr_ton: 0, source_addr_npi: 1, source_addr: '106900001234', dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: '8613800138000' };

describe('receiptDeliverSmFields', () => {
  it('writes the standard receipt text with the TLVs, sent back from the handset to the sender', () => {
    const fields = receiptDeliverSmFields({ submit, messageId: 'ab12', stat: 'DELIVRD', submitDate, doneDate, text: 'Your code is 834721, valid 5 min' });
    const pdu = overTheWire('deliver_sm', fields);
    expect(pdu).toMatchObject({
      esm_class: 0x04,
      data_coding: 0,
      source_addr_ton: 1,
      source_addr: '8613800138000',
      dest_addr_ton: 0,
      destination_addr: '106900001234',
      receipted_message_id: 'ab12',
      message_state: 2,
    });
    expect(pdu.short_message.message).toBe('id:ab12 sub:001 dlvrd:001 submit date:2501312359 done date:2502010005 stat:DELIVRD err:000 text:Your code is 834721,');
    expect(pdu.network_error_code).toBeUndefined();
  });

  it('counts an undelivered message as not delivered and carries its error', () => {
    const fields = receiptDeliverSmFields({ submit, messageId: 'x', stat: 'UNDELIV', err: 34, submitDate, doneDate, text: 'hi', networkError: { type: 3, code: 34 } });
    const pdu = overTheWire('deliver_sm', fields);
    expect(parseDeliveryReceipt(pdu.short_message.message)).toMatchObject({ dlvrd: '000', stat: 'UNDELIV', err: '034' });
    expect(pdu.message_state).toBe(5);
    expect([...pdu.network_error_code]).toEqual([3, 0, 34]);
  });

  it('quotes text outside GSM-7 as question marks, since the receipt travels as GSM-7', () => {
    const fields = receiptDeliverSmFields({ submit, messageId: 'x', stat: 'DELIVRD', submitDate, doneDate, text: '【示例】Code 42' });
    expect(parseDeliveryReceipt(overTheWire('deliver_sm', fields).short_message.message)?.text).toBe('????Code 42');
  });
});

describe('toReceipt', () => {
  it('reads back what receiptDeliverSmFields writes', () => {
    const fields = receiptDeliverSmFields({ submit, messageId: 'ab12', stat: 'UNDELIV', err: 11, submitDate, doneDate, text: 'x' });
    expect(toReceipt(overTheWire('deliver_sm', fields))).toEqual({ operatorMessageId: 'ab12', status: 'UNDELIVERED', stat: 'UNDELIV', err: '011', submitDate, doneDate });
  });

  it('prefers the TLVs over the text', () => {
    const text = formatDeliveryReceipt({ id: 'from-text', submitDate, doneDate, stat: 'DELIVRD', err: 0 });
    const pdu = overTheWire('deliver_sm', {
      esm_class: 0x04,
      short_message: Buffer.from(text),
      receipted_message_id: 'from-tlv',
      message_state: 3,
      network_error_code: Buffer.from([3, 0x01, 0x02]),
    });
    expect(toReceipt(pdu)).toMatchObject({ operatorMessageId: 'from-tlv', status: 'EXPIRED', stat: 'EXPIRED', err: '258' });
  });

  it('falls back to the text when the SMSC sends no TLVs', () => {
    const text = formatDeliveryReceipt({ id: '998877', submitDate, doneDate, stat: 'REJECTD', err: 12 });
    expect(toReceipt(overTheWire('deliver_sm', { esm_class: 0x04, short_message: Buffer.from(text) }))).toEqual({
      operatorMessageId: '998877',
      status: 'FAILED',
      stat: 'REJECTD',
      err: '012',
      submitDate,
      doneDate,
    });
  });

  it('reads the dates and error of a receipt with TLVs as the full text parser does, whatever the notation', () => {
    const texts = [
      formatDeliveryReceipt({ id: 'x', submitDate, doneDate, stat: 'DELIVRD', err: 7, text: 'done date:9912312359 err:999' }),
      'id:x sub:001 dlvrd:001 Submit_Date:2501312359 DONE DATE:250201000512 stat:DELIVRD err:004 text:hello',
      'stat:DELIVRD id:x done_date:2502010005 text:quoted submit date:0000000000',
      'id:x stat:DELIVRD err:000 text:',
      'id:x sub:001 dlvrd:001 submit date:2513312359 done date:2502300005 stat:DELIVRD',
    ];
    for (const text of texts) {
      const pdu = overTheWire('deliver_sm', { esm_class: 0x04, short_message: Buffer.from(text), receipted_message_id: 'x', message_state: 2 });
      // As the adapter reads it: data_coding 0 is GSM-7 on the wire.
      const full = parseDeliveryReceipt(messageContent(pdu).text);
      expect(toReceipt(pdu)).toEqual({ operatorMessageId: 'x', status: 'DELIVERED', stat: 'DELIVRD', err: full?.err ?? '', submitDate: full?.submitDate, doneDate: full?.doneDate });
    }
  });

  it('gives up on a receipt with no message id to correlate', () => {
    expect(toReceipt(overTheWire('deliver_sm', { esm_class: 0x04, short_message: Buffer.from('stat:DELIVRD') }))).toBeUndefined();
  });
});

describe('isDeliveryReceipt', () => {
  it('recognises receipts by esm_class, intermediate notifications, or the receipted_message_id TLV alone', () => {
    expect(isDeliveryReceipt({ esm_class: 0x04 })).toBe(true);
    expect(isDeliveryReceipt({ esm_class: 0x20 })).toBe(true);
    expect(isDeliveryReceipt({ esm_class: 0, receipted_message_id: 'a' })).toBe(true);
    expect(isDeliveryReceipt({ esm_class: 0x40 })).toBe(false);
    expect(isDeliveryReceipt({})).toBe(false);
  });
});

describe('networkErrorCode and gsmSafe', () => {
  it('reads the error code of the TLV padded to three digits, and ignores a short one', () => {
    expect(networkErrorCode(Buffer.from([3, 0, 7]))).toBe('007');
    expect(networkErrorCode(Buffer.from([3, 0]))).toBeUndefined();
    expect(networkErrorCode('007')).toBeUndefined();
  });

  it('keeps GSM-7 characters, escapes included', () => {
    expect(gsmSafe('€5 {ok} 好')).toBe('€5 {ok} ?');
  });
});
