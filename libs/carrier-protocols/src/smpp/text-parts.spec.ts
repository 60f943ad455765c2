import { decodeUcs2, segmentText } from '@sms/sms';
import { toSmppAddress } from './address';
import { messageContent } from './message-content';
import { smpp, type Pdu } from './smpp-lib';
import { concatenationUdh16, encodeTextParts, moDeliverSmFields, submitSmFields } from './text-parts';

/** Encodes with the smpp package and parses back: the PDU as the peer reads it off the wire. */
const overTheWire = (command: string, fields: object): Pdu => smpp.PDU.fromBuffer(new smpp.PDU(command, fields).toBuffer()) as Pdu;

const CHINESE_2_PARTS = '【示例科技】您的验证码是834721，五分钟内有效。请勿将验证码告诉他人，工作人员不会向您索取。如非本人操作请忽略本短信，感谢您的使用与支持，祝您生活愉快！';
const fixed = (ref: number) => () => ref;

describe('encodeTextParts', () => {
  it('sends a short GSM-7 text as one part, one octet per septet, without a header', () => {
    const reference = jest.fn(() => 1);
    const [part, ...rest] = encodeTextParts('Hi {you} €5', { reference });
    expect(rest).toEqual([]);
    expect(part).toEqual({ esm_class: 0, data_coding: 0, short_message: Buffer.from([0x48, 0x69, 0x20, 0x1b, 0x28, 0x79, 0x6f, 0x75, 0x1b, 0x29, 0x20, 0x1b, 0x65, 0x35]) });
    expect(reference).not.toHaveBeenCalled(); // single parts do not use up references
  });

  it('sends a short text outside GSM-7 as one UCS-2 part', () => {
    const [part] = encodeTextParts('退订', { reference: fixed(1) });
    expect(part).toEqual({ esm_class: 0, data_coding: 8, short_message: Buffer.from('90008ba2', 'hex') });
  });

  it('splits a long text where segmentText does, each part behind an 8-bit concatenation UDH', () => {
    const parts = encodeTextParts(CHINESE_2_PARTS, { reference: fixed(0x1a7) });
    const segments = segmentText(CHINESE_2_PARTS).segments;
    expect(parts).toHaveLength(segments.length);
    parts.forEach((part, i) => {
      expect(part.esm_class).toBe(0x40);
      expect(part.data_coding).toBe(8);
      expect([...part.short_message.subarray(0, 6)]).toEqual([0x05, 0x00, 0x03, 0xa7, 2, i + 1]); // low 8 bits of the reference
      expect(decodeUcs2(part.short_message.subarray(6))).toBe(segments[i]);
    });
  });

  it('asks for one reference per long message', () => {
    const reference = jest.fn(() => 9);
    encodeTextParts(CHINESE_2_PARTS, { reference });
    expect(reference).toHaveBeenCalledTimes(1);
  });

  it('uses a 16-bit reference header and parts one unit shorter when asked', () => {
    const text = 'a'.repeat(304); // 2 × 152 septets: 2 parts with a 7-octet header (153 + 151 with a 6-octet one)
    const parts = encodeTextParts(text, { concatenation: 'udh16', reference: fixed(0x12345) });
    expect(parts).toHaveLength(2);
    expect([...parts[0].short_message.subarray(0, 7)]).toEqual([0x06, 0x08, 0x04, 0x23, 0x45, 2, 1]);
    expect(parts.map((p) => p.short_message.length - 7)).toEqual([152, 152]);
    expect(encodeTextParts('a'.repeat(305), { concatenation: 'udh16', reference: fixed(1) })).toHaveLength(3);

    const ucs2 = encodeTextParts('您'.repeat(132), { concatenation: 'udh16', reference: fixed(1) });
    expect(ucs2.map((p) => (p.short_message.length - 7) / 2)).toEqual([66, 66]);
  });

  it('moves the concatenation to sar_* TLVs when asked, with no header in the text', () => {
    const parts = encodeTextParts('b'.repeat(200), { concatenation: 'sar', reference: fixed(0x1beef) });
    expect(parts).toEqual([
      { esm_class: 0, data_coding: 0, short_message: Buffer.from('b'.repeat(152)), sar_msg_ref_num: 0xbeef, sar_total_segments: 2, sar_segment_seqnum: 1 },
      { esm_class: 0, data_coding: 0, short_message: Buffer.from('b'.repeat(48)), sar_msg_ref_num: 0xbeef, sar_total_segments: 2, sar_segment_seqnum: 2 },
    ]);
  });

  it('keeps GSM-7 escape pairs and surrogate pairs inside one part', () => {
    const gsm = encodeTextParts('a'.repeat(151) + '€€' + 'a'.repeat(10), { concatenation: 'udh16', reference: fixed(1) });
    expect(gsm.map((p) => p.short_message.length - 7)).toEqual([151, 14]);
    const emoji = encodeTextParts('x'.repeat(65) + '😀' + 'y'.repeat(10), { concatenation: 'udh16', reference: fixed(1) });
    expect(emoji.map((p) => (p.short_message.length - 7) / 2)).toEqual([65, 12]);
  });

  it('refuses a text longer than 255 parts can carry', () => {
    expect(() => encodeTextParts('您'.repeat(67 * 256), { reference: fixed(1) })).toThrow(RangeError);
    expect(() => encodeTextParts('您'.repeat(66 * 256), { concatenation: 'sar', reference: fixed(1) })).toThrow(RangeError);
  });

  it.each(['udh8', 'udh16', 'sar'] as const)('reads back, over the wire, as the same text and concatenation (%s)', (concatenation) => {
    const parts = encodeTextParts(CHINESE_2_PARTS, { concatenation, reference: fixed(200) });
    const read = parts.map((fields) => messageContent(overTheWire('deliver_sm', fields)));
    expect(read.map((r) => r.concat)).toEqual([
      { ref: 200, total: 2, seq: 1 },
      { ref: 200, total: 2, seq: 2 },
    ]);
    expect(read.map((r) => r.text).join('')).toBe(CHINESE_2_PARTS);
  });
});

describe('concatenationUdh16', () => {
  it('refuses counters outside one octet or a part past the total', () => {
    expect(() => concatenationUdh16(1, 0, 1)).toThrow(RangeError);
    expect(() => concatenationUdh16(1, 256, 1)).toThrow(RangeError);
    expect(() => concatenationUdh16(1, 2, 3)).toThrow(RangeError);
    expect([...concatenationUdh16(0xffff, 255, 255)]).toEqual([6, 8, 4, 0xff, 0xff, 255, 255]);
  });
});

describe('submitSmFields', () => {
  it('addresses each part and asks for a receipt per part', () => {
    const [part] = submitSmFields({
      source: toSmppAddress('106900001234'),
      destination: toSmppAddress('+8613800138000'),
      text: 'Your code is 834721',
      registeredDelivery: true,
      serviceType: 'CMT',
      reference: fixed(1),
    });
    expect(part).toMatchObject({
      service_type: 'CMT',
      source_addr_ton: 0,
      source_addr_npi: 1,
      source_addr: '106900001234',
      dest_addr_ton: 1,
      dest_addr_npi: 1,
      destination_addr: '8613800138000',
      registered_delivery: 1,
      esm_class: 0,
      data_coding: 0,
    });
    const read = overTheWire('submit_sm', part);
    expect(read).toMatchObject({ command: 'submit_sm', destination_addr: '8613800138000', registered_delivery: 1 });
    expect(messageContent(read).text).toBe('Your code is 834721');
  });

  it('asks for no receipt when told not to, and defaults service_type to the SMSC default', () => {
    const [part] = submitSmFields({ source: toSmppAddress(''), destination: toSmppAddress('+1'), text: 'x', registeredDelivery: false, reference: fixed(1) });
    expect(part).toMatchObject({ registered_delivery: 0, service_type: '' });
  });

  it('refuses a submit without a destination', () => {
    expect(() => submitSmFields({ source: toSmppAddress('1'), destination: toSmppAddress(' '), text: 'x', registeredDelivery: true, reference: fixed(1) })).toThrow(
      'submit needs a destination number',
    );
  });
});

describe('moDeliverSmFields', () => {
  it('sends a mobile-originated text from the handset to the service number, concatenated when long', () => {
    const parts = moDeliverSmFields({ source: toSmppAddress('+8613800138000'), destination: toSmppAddress('106900001234'), text: '您好，'.repeat(30), reference: fixed(3) });
    expect(parts).toHaveLength(2);
    expect(parts[0]).toMatchObject({ source_addr: '8613800138000', source_addr_ton: 1, destination_addr: '106900001234', dest_addr_ton: 0, esm_class: 0x40, data_coding: 8 });
    expect(parts[0]).not.toHaveProperty('registered_delivery');
    expect(parts.map((p) => messageContent(overTheWire('deliver_sm', p)).concat?.seq)).toEqual([1, 2]);
  });
});
