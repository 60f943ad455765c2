import { encodeUcs2 } from '@sms/sms';
import { decodeText, messageContent, sarConcatenation, toInboundPart, udhConcatenation } from './message-content';
import { smpp, type Pdu } from './smpp-lib';

/** Encodes with the smpp package and parses back: the PDU as the peer reads it off the wire. */
const overTheWire = (command: string, fields: object): Pdu => smpp.PDU.fromBuffer(new smpp.PDU(command, fields).toBuffer()) as Pdu;

describe('messageContent', () => {
  it('reads GSM-7 and UCS-2 short messages', () => {
    expect(messageContent(overTheWire('deliver_sm', { data_coding: 0, short_message: Buffer.from('STOP') }))).toEqual({ text: 'STOP', concat: undefined });
    expect(messageContent(overTheWire('deliver_sm', { data_coding: 8, short_message: encodeUcs2('退订，谢谢') })).text).toBe('退订，谢谢');
  });

  it('reads message_payload when short_message is empty', () => {
    const pdu = overTheWire('deliver_sm', { data_coding: 8, short_message: Buffer.alloc(0), message_payload: encodeUcs2('长消息') });
    expect(messageContent(pdu).text).toBe('长消息');
  });

  it('finds an 8-bit or 16-bit UDH concatenation element behind other elements', () => {
    const udh8 = overTheWire('deliver_sm', { esm_class: 0x40, short_message: Buffer.concat([Buffer.from([5, 0, 3, 9, 2, 1]), Buffer.from('Hello')]) });
    expect(messageContent(udh8)).toEqual({ text: 'Hello', concat: { ref: 9, total: 2, seq: 1 } });
    // UDHL 12: a port-addressing element (IEI 0x05, 4 octets) first, then the 16-bit concatenation element.
    const header = Buffer.from([12, 0x05, 4, 0x0b, 0x84, 0x23, 0xf0, 0x08, 4, 0x01, 0x02, 3, 2]);
    const udh16 = overTheWire('deliver_sm', { esm_class: 0x40, short_message: Buffer.concat([header, Buffer.from('there')]) });
    expect(messageContent(udh16)).toEqual({ text: 'there', concat: { ref: 0x0102, total: 3, seq: 2 } });
  });

  it('falls back to the sar_* TLVs when there is no UDH', () => {
    const pdu = overTheWire('deliver_sm', { short_message: Buffer.from('part'), sar_msg_ref_num: 513, sar_total_segments: 4, sar_segment_seqnum: 3 });
    expect(messageContent(pdu).concat).toEqual({ ref: 513, total: 4, seq: 3 });
  });

  it('reads an empty message as empty text', () => {
    expect(messageContent({})).toEqual({ text: '', concat: undefined });
  });
});

describe('decodeText', () => {
  it('decodes bytes the smpp package left undecoded by data_coding, keeping unknown codings one character per octet', () => {
    expect(decodeText('already text', 8)).toBe('already text');
    expect(decodeText(Buffer.from('60a8', 'hex'), 0x18)).toBe('您'); // UCS-2 with a message class
    expect(decodeText(Buffer.from([0x1b, 0x65]), 0)).toBe('€');
    expect(decodeText(Buffer.from([0xe9]), 0x04)).toBe('é');
    expect(decodeText(undefined, 0)).toBe('');
  });
});

describe('udhConcatenation and sarConcatenation', () => {
  it('ignores truncated elements and incomplete TLV sets', () => {
    expect(udhConcatenation([Buffer.from([0x00, 3, 9, 2])])).toBeUndefined();
    expect(udhConcatenation([Buffer.from([0x08, 4, 1, 2, 3])])).toBeUndefined();
    expect(udhConcatenation(undefined)).toBeUndefined();
    expect(sarConcatenation({ sar_msg_ref_num: 1, sar_total_segments: 2 })).toBeUndefined();
  });
});

describe('toInboundPart', () => {
  it('gives international numbers their plus back and keeps the part number', () => {
    const receivedAt = new Date(Date.UTC(2025, 0, 1));
    const pdu = overTheWire('deliver_sm', {
      source_addr_ton: 1,
      source_addr_npi: 1,
      source_addr: '8613800138000',
      dest_addr_ton: 0,
      destination_addr: '106900001234',
      esm_class: 0x40,
      data_coding: 8,
      short_message: Buffer.concat([Buffer.from([5, 0, 3, 7, 2, 2]), encodeUcs2('谢谢')]),
    });
    expect(toInboundPart(pdu, receivedAt)).toEqual({
      from: '+8613800138000',
      to: '106900001234',
      text: '谢谢',
      receivedAt,
      concat: { ref: 7, total: 2, seq: 2 },
    });
  });
});
