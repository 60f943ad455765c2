import { encodeGsm7Unpacked, encodeUcs2 } from '@sms/sms';
import fc from 'fast-check';
import { messageContent } from '../message-content';
import type { DeliverSmFields, SubmitSmFields } from '../pdu-fields';
import { isDeliveryReceipt, toReceipt } from '../receipt-pdu';
import { smpp, type Pdu } from '../smpp-lib';
import {
  COMMAND,
  decodeHotPdu,
  encodeDeliverSm,
  encodeDeliverSmResp,
  encodeSubmitSm,
  encodeSubmitSmResp,
  PduFormatError,
  type HotPdu,
  type MessagePdu,
  type RawMessage,
} from './pdu-codec';

// ---- generators ---------------------------------------------------------------------------------

const sequence = fc.integer({ min: 1, max: 0x7fffffff });
const octet = fc.integer({ min: 0, max: 0xff });
const tonNpi = fc.integer({ min: 0, max: 6 });
const charsIn = (min: number, max: number) => fc.integer({ min, max }).map((code) => String.fromCharCode(code));
/** C-strings as they appear in real PDUs: no NUL. Latin-1 octets too, which both decoders read as 'ascii'. */
const cString = (maxLength: number) => fc.string({ unit: charsIn(1, 0xff), maxLength });
const asciiCString = (maxLength: number) => fc.string({ unit: charsIn(1, 0x7f), maxLength });
/** What the encoder must copy byte for byte like the package: any UTF-16 units, NUL and surrogates included. */
const anyString = (maxLength: number) => fc.string({ unit: 'binary', maxLength });
const address = (maxLength = 20) => fc.oneof(fc.constant(''), fc.stringMatching(/^\+?[0-9]{1,20}$/), asciiCString(maxLength));

/** A well-formed UDH: UDHL, then information elements [IEI, IEDL, ...data]. */
const udh = fc
  .array(
    fc.tuple(octet, fc.uint8Array({ maxLength: 6 })).map(([iei, data]) => Buffer.from([iei, data.length, ...data])),
    { minLength: 1, maxLength: 3 },
  )
  .map((elements) => Buffer.concat([Buffer.from([elements.reduce((n, e) => n + e.length, 0)]), ...elements]));

/** esm_class, with UDHI or without, and a short_message of 0..140 octets that starts with a UDH when UDHI is set. */
const messagePart = fc.oneof(
  fc.record({ esm_class: octet.map((e) => e & ~0x40), short_message: fc.uint8Array({ maxLength: 140 }).map((b) => Buffer.from(b)) }),
  fc
    .record({ esm_class: octet.map((e) => e | 0x40), header: udh, body: fc.uint8Array({ maxLength: 100 }) })
    .map(({ esm_class, header, body }) => ({ esm_class, short_message: Buffer.concat([header, body]).subarray(0, 140) })),
);

const sarTlvs = fc.record(
  { sar_msg_ref_num: fc.integer({ min: 0, max: 0xffff }), sar_total_segments: octet, sar_segment_seqnum: octet },
  { requiredKeys: [] },
);
const receiptTlvs = fc.record(
  {
    receipted_message_id: asciiCString(65),
    message_state: fc.integer({ min: 0, max: 9 }),
    network_error_code: fc.uint8Array({ minLength: 3, maxLength: 3 }).map((b) => Buffer.from(b)),
  },
  { requiredKeys: [] },
);
const addresses = fc.record({
  source_addr_ton: tonNpi,
  source_addr_npi: tonNpi,
  source_addr: address(),
  dest_addr_ton: tonNpi,
  dest_addr_npi: tonNpi,
  destination_addr: address(),
});

/** The same fields with their keys in a random order: the package writes TLVs in key order. */
function shuffled<T extends object>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return arbitrary.chain((value) => {
    const keys = Object.keys(value) as (keyof T)[];
    return fc.shuffledSubarray(keys, { minLength: keys.length, maxLength: keys.length }).map((order) => {
      const copy = {} as T;
      for (const key of order) copy[key] = value[key];
      return copy;
    });
  });
}

const submitSmFields: fc.Arbitrary<SubmitSmFields> = shuffled(
  fc
    .tuple(addresses, messagePart, sarTlvs, asciiCString(5), octet, fc.constantFrom(0, 8))
    .map(([addr, part, sar, service_type, registered_delivery, data_coding]) => ({ service_type, ...addr, registered_delivery, data_coding, ...part, ...sar })),
);

const deliverSmFields: fc.Arbitrary<DeliverSmFields> = shuffled(
  fc
    .tuple(addresses, messagePart, sarTlvs, receiptTlvs, fc.constantFrom(0, 8))
    .map(([addr, part, sar, receipt, data_coding]) => ({ ...addr, data_coding, ...part, ...sar, ...receipt })),
);

/** The oracle: the package's encoding, from a copy (its PDU keeps and filters what it is given). */
const packageBytes = (command: string, fields: object, sequenceNumber: number): Buffer =>
  new smpp.PDU(command, { ...fields, sequence_number: sequenceNumber }).toBuffer();
const packageRead = (bytes: Buffer): Pdu => smpp.PDU.fromBuffer(bytes) as Pdu;

const hex = (text: string): Buffer => Buffer.from(text.replace(/\s+/g, ''), 'hex');

// ---- encoding -----------------------------------------------------------------------------------

describe('encode* against the smpp package', () => {
  it('encodes submit_sm byte for byte like the package', () => {
    fc.assert(
      fc.property(sequence, submitSmFields, (seq, fields) => {
        expect(encodeSubmitSm(seq, fields).equals(packageBytes('submit_sm', fields, seq))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('encodes deliver_sm byte for byte like the package, TLVs in the order of the fields’ keys', () => {
    fc.assert(
      fc.property(sequence, deliverSmFields, (seq, fields) => {
        expect(encodeDeliverSm(seq, fields).equals(packageBytes('deliver_sm', fields, seq))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('writes C-strings one octet per UTF-16 unit, as the package does (NUL and non-Latin-1 included)', () => {
    fc.assert(
      fc.property(sequence, submitSmFields, anyString(12), anyString(21), anyString(21), (seq, fields, serviceType, source, destination) => {
        const odd = { ...fields, service_type: serviceType, source_addr: source, destination_addr: destination };
        expect(encodeSubmitSm(seq, odd).equals(packageBytes('submit_sm', odd, seq))).toBe(true);
      }),
    );
    fc.assert(
      fc.property(sequence, deliverSmFields, anyString(65), (seq, fields, id) => {
        const odd = { ...fields, receipted_message_id: id };
        expect(encodeDeliverSm(seq, odd).equals(packageBytes('deliver_sm', odd, seq))).toBe(true);
      }),
    );
  });

  it('encodes submit_sm_resp like the package, the header alone for an error status', () => {
    const status = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 0xffffffff }));
    fc.assert(
      fc.property(sequence, status, asciiCString(65), (seq, commandStatus, messageId) => {
        const theirs = new smpp.PDU('submit_sm_resp', { sequence_number: seq, command_status: commandStatus, message_id: messageId }).toBuffer();
        expect(encodeSubmitSmResp(seq, commandStatus, messageId).equals(theirs)).toBe(true);
      }),
    );
  });

  it('encodes deliver_sm_resp like the package’s response() to a deliver_sm', () => {
    const status = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 0xffffffff }));
    fc.assert(
      fc.property(sequence, status, (seq, commandStatus) => {
        const request = new smpp.PDU('deliver_sm', { sequence_number: seq });
        const theirs = (commandStatus ? request.response({ command_status: commandStatus }) : request.response()).toBuffer();
        expect(encodeDeliverSmResp(seq, commandStatus).equals(theirs)).toBe(true);
        if (commandStatus === 0) expect(encodeDeliverSmResp(seq).equals(theirs)).toBe(true);
      }),
    );
  });

  it('skips TLV keys holding undefined (the package would write an integer one as 0)', () => {
    const fields: DeliverSmFields = { ...receiptFields(), message_state: undefined, sar_msg_ref_num: undefined };
    const { message_state: _state, sar_msg_ref_num: _ref, ...present } = fields;
    expect(encodeDeliverSm(7, fields).equals(encodeDeliverSm(7, present))).toBe(true);
  });

  it('refuses a short_message over 254 octets and out-of-range octet fields with a RangeError', () => {
    const fields = submitFields();
    expect(() => encodeSubmitSm(1, { ...fields, short_message: Buffer.alloc(254) })).not.toThrow();
    expect(() => encodeSubmitSm(1, { ...fields, short_message: Buffer.alloc(255) })).toThrow(RangeError);
    // The package itself throws from 256 octets on, when writing sm_length (Node's RangeError, from another realm under jest).
    expect(() => packageBytes('submit_sm', { ...fields, short_message: Buffer.alloc(256) }, 1)).toThrow(/out of range/);
    expect(() => encodeSubmitSm(1, { ...fields, esm_class: 256 })).toThrow(/esm_class/);
    expect(() => encodeSubmitSm(1, { ...fields, dest_addr_ton: -1 })).toThrow(RangeError);
    expect(() => encodeSubmitSm(1, { ...fields, sar_msg_ref_num: 0x10000 })).toThrow(/sar_msg_ref_num/);
    expect(() => encodeSubmitSm(0x1_0000_0000, fields)).toThrow(/out of range/);
  });
});

// ---- fixed vectors, written from SMPP 3.4 rather than from the package ----------------------------

function submitFields(): SubmitSmFields {
  return {
    service_type: '',
    source_addr_ton: 5,
    source_addr_npi: 0,
    source_addr: 'ACME',
    dest_addr_ton: 1,
    dest_addr_npi: 1,
    destination_addr: '8613800000000',
    esm_class: 0x40,
    registered_delivery: 1,
    data_coding: 0,
    short_message: Buffer.concat([Buffer.from([0x05, 0x00, 0x03, 0x07, 0x02, 0x01]), Buffer.from('Hi')]),
    sar_msg_ref_num: 0x0102,
  };
}

function receiptFields(): DeliverSmFields {
  return {
    source_addr_ton: 1,
    source_addr_npi: 1,
    source_addr: '8613800000000',
    dest_addr_ton: 0,
    dest_addr_npi: 0,
    destination_addr: '1069',
    esm_class: 0x04,
    data_coding: 0,
    short_message: Buffer.from('stat:DELIVRD'),
    receipted_message_id: '1',
    message_state: 2,
    network_error_code: Buffer.from([0x03, 0x00, 0x01]),
  };
}

const SUBMIT_SM = hex(`
  00000040 00000004 00000000 00000009
  00 05 00 41434d4500 01 01 3836313338303030303030303000
  40 00 00 00 00 01 00 00 00 08 050003070201 4869
  020c 0002 0102`);

/** The receipt's TLVs start here: header 16, body 46. */
const RECEIPT_TLVS_AT = 62;
const RECEIPT_DELIVER_SM = hex(`
  00000050 00000005 00000000 0000002a
  00 01 01 3836313338303030303030303000 00 00 3130363900
  04 00 00 00 00 00 00 00 00 0c 737461743a44454c49565244
  001e 0002 3100
  0427 0001 02
  0423 0003 030001`);

describe('fixed vectors', () => {
  it('encodes and decodes a submit_sm with a UDH and sar_msg_ref_num', () => {
    expect(encodeSubmitSm(9, submitFields()).toString('hex')).toBe(SUBMIT_SM.toString('hex'));
    const pdu = decodeHotPdu(SUBMIT_SM) as MessagePdu;
    expect(pdu).toMatchObject({
      command: 'submit_sm',
      command_id: 4,
      sequence_number: 9,
      command_length: 0x40,
      source_addr: 'ACME',
      sm_length: 8,
      sar_msg_ref_num: 0x0102,
    });
    expect(pdu.short_message).toEqual({ udh: [Buffer.from([0x00, 0x03, 0x07, 0x02, 0x01])], message: Buffer.from('Hi') });
    expect(messageContent(pdu)).toEqual({ text: 'Hi', concat: { ref: 7, total: 2, seq: 1 } });
  });

  it('encodes and decodes a delivery receipt with receipted_message_id, message_state and network_error_code', () => {
    expect(encodeDeliverSm(42, receiptFields()).toString('hex')).toBe(RECEIPT_DELIVER_SM.toString('hex'));
    const pdu = decodeHotPdu(RECEIPT_DELIVER_SM) as MessagePdu;
    expect(pdu).toMatchObject({
      command: 'deliver_sm',
      sequence_number: 42,
      esm_class: 4,
      receipted_message_id: '1',
      message_state: 2,
      network_error_code: Buffer.from([3, 0, 1]),
      short_message: { message: Buffer.from('stat:DELIVRD') },
    });
    expect(isDeliveryReceipt(pdu)).toBe(true);
    expect(toReceipt(pdu)).toMatchObject({ operatorMessageId: '1', stat: 'DELIVRD', status: 'DELIVERED', err: '001' });
  });

  it('encodes and decodes the responses', () => {
    expect(encodeSubmitSmResp(1, 0, 'abc').toString('hex')).toBe('00000014' + '80000004' + '00000000' + '00000001' + '61626300');
    expect(encodeSubmitSmResp(2, 0x58, 'ignored').toString('hex')).toBe('00000010' + '80000004' + '00000058' + '00000002');
    expect(encodeDeliverSmResp(3).toString('hex')).toBe('00000011' + '80000005' + '00000000' + '00000003' + '00');
    expect(encodeDeliverSmResp(7, 8).toString('hex')).toBe('00000010' + '80000005' + '00000008' + '00000007');

    expect(decodeHotPdu(hex('00000014 80000004 00000000 00000001 61626300'))).toEqual({
      command: 'submit_sm_resp',
      command_id: 0x80000004,
      command_status: 0,
      sequence_number: 1,
      command_length: 20,
      message_id: 'abc',
    });
    const refused = decodeHotPdu(hex('00000010 80000004 00000058 00000002'));
    expect(refused).toMatchObject({ command: 'submit_sm_resp', command_status: 0x58, sequence_number: 2 });
    expect(refused?.command === 'submit_sm_resp' && refused.message_id).toBeUndefined();
    expect(decodeHotPdu(hex('00000011 80000005 00000000 00000003 00'))).toMatchObject({ command: 'deliver_sm_resp', message_id: '' });
  });

  it('leaves every other command to the package', () => {
    expect(decodeHotPdu(hex('00000010 00000015 00000000 00000001'))).toBeUndefined(); // enquire_link
    expect(decodeHotPdu(hex('00000010 80000000 00000003 00000001'))).toBeUndefined(); // generic_nack
    expect(decodeHotPdu(hex('00000010 00000103 00000000 00000001'))).toBeUndefined(); // data_sm
    expect(COMMAND.generic_nack).toBe(0x80000000);
  });

  it('skips unknown TLVs, reads a receipted_message_id without its NUL, ignores stray octets after the TLVs', () => {
    const tlvs = hex('1234 0003 aabbcc  001e 0003 616263  0427 0001 05  ffff');
    const pdu = Buffer.concat([RECEIPT_DELIVER_SM.subarray(0, RECEIPT_TLVS_AT), tlvs]);
    pdu.writeUInt32BE(pdu.length, 0);
    expect(decodeHotPdu(pdu)).toMatchObject({ receipted_message_id: 'abc', message_state: 5, network_error_code: undefined });
  });

  it('splits the UDH off message_payload only when short_message is empty, like the package', () => {
    const payload = Buffer.concat([Buffer.from([0x05, 0x00, 0x03, 0x09, 0x02, 0x02]), encodeUcs2('长消息')]);
    const base = { esm_class: 0x40, data_coding: 8, message_payload: payload };
    for (const short_message of [Buffer.alloc(0), Buffer.from([0x05, 0x00, 0x03, 0x09, 0x02, 0x02, 0x00, 0x41])]) {
      const bytes = packageBytes('deliver_sm', { ...base, short_message }, 3);
      const ours = decodeHotPdu(bytes) as MessagePdu;
      const theirs = packageRead(bytes);
      expect(ours.message_payload?.udh?.length).toBe(theirs.message_payload.udh?.length);
      expect(messageContent(ours)).toEqual(messageContent(theirs));
    }
  });
});

// ---- decoding -----------------------------------------------------------------------------------

const MANDATORY = [
  'command',
  'command_id',
  'command_status',
  'sequence_number',
  'command_length',
  'service_type',
  'source_addr_ton',
  'source_addr_npi',
  'source_addr',
  'dest_addr_ton',
  'dest_addr_npi',
  'destination_addr',
  'esm_class',
  'protocol_id',
  'priority_flag',
  'registered_delivery',
  'replace_if_present_flag',
  'data_coding',
  'sm_default_msg_id',
] as const;
const TLV_FIELDS = ['sar_msg_ref_num', 'sar_total_segments', 'sar_segment_seqnum', 'receipted_message_id', 'message_state', 'network_error_code'] as const;

/** Every raw field and TLV as the package reads it (the messages and the two times are compared on their own). */
function expectSameFields(ours: MessagePdu, theirs: Pdu): void {
  for (const field of MANDATORY) expect([field, ours[field]]).toEqual([field, theirs[field]]);
  for (const field of TLV_FIELDS) expect([field, ours[field]]).toEqual([field, theirs[field]]);
}

/**
 * The same UDH elements and bytes. With data_coding 4 the package leaves the bytes undecoded, except after a national
 * language shift element (IEI 0x24 / 0x25), where it decodes GSM-7 with that table whatever the data_coding.
 */
function expectSameRawMessage(ours: RawMessage | undefined, theirs: { message: string | Buffer; udh?: Buffer[] } | undefined): void {
  expect(ours?.udh).toEqual(theirs?.udh);
  if (typeof theirs?.message === 'string') expect(ours?.udh?.some((ie) => ie[0] === 0x24 || ie[0] === 0x25)).toBe(true);
  else expect(ours?.message).toEqual(theirs?.message);
}

const time = fc.stringMatching(/^[0-9]{15}[+R-]$/);

/** A deliver_sm or submit_sm as the package encodes it, with fields our encoder never writes. */
const packagePdu = fc.record({
  command: fc.constantFrom('submit_sm', 'deliver_sm'),
  sequence,
  fields: fc
    .tuple(
      addresses,
      messagePart,
      sarTlvs,
      receiptTlvs,
      fc.record(
        {
          service_type: cString(5),
          protocol_id: octet,
          priority_flag: octet,
          // YYMMDDhhmmsstnnp: the package pads shorter ones, and its Date parsing throws on some others.
          schedule_delivery_time: time,
          validity_period: time,
          registered_delivery: octet,
          replace_if_present_flag: octet,
          sm_default_msg_id: octet,
          user_message_reference: fc.integer({ min: 0, max: 0xffff }), // a TLV we skip
          message_payload: fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
        },
        { requiredKeys: [] },
      ),
    )
    // data_coding 4 (8-bit binary): the package leaves the messages as bytes, so they compare as they are.
    .map(([addr, part, sar, receipt, extra]) => ({ ...addr, ...part, ...sar, ...receipt, ...extra, data_coding: 4 })),
});

describe('decodeHotPdu against the smpp package', () => {
  it('reads every field and TLV of the package’s submit_sm and deliver_sm as the package does', () => {
    fc.assert(
      fc.property(packagePdu, ({ command, sequence: seq, fields }) => {
        const bytes = packageBytes(command, fields, seq);
        const ours = decodeHotPdu(bytes) as MessagePdu;
        const theirs = packageRead(bytes);
        expectSameFields(ours, theirs);
        expect(ours.sm_length).toBe(fields.short_message.length);
        // Their time filter turns these into Dates; ours stay as written.
        expect(ours.schedule_delivery_time).toBe(fields.schedule_delivery_time ?? '');
        expect(ours.validity_period).toBe(fields.validity_period ?? '');
        expectSameRawMessage(ours.short_message, theirs.short_message);
        expectSameRawMessage(ours.message_payload, theirs.message_payload);
      }),
      { numRuns: 500 },
    );
  });

  it('splits any short_message after UDHI like the package, malformed headers included', () => {
    const raw = fc.record({ esm_class: octet, short_message: fc.uint8Array({ maxLength: 140 }).map((b) => Buffer.from(b)) });
    fc.assert(
      fc.property(sequence, raw, (seq, part) => {
        const bytes = packageBytes('deliver_sm', { ...part, data_coding: 4 }, seq);
        expectSameRawMessage((decodeHotPdu(bytes) as MessagePdu).short_message, packageRead(bytes).short_message);
      }),
      { numRuns: 500 },
    );
  });

  /** GSM basic-alphabet texts only: the package's extension table differs from ours (and from 3GPP). */
  const gsmBasic = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡AZÄÖÑÜ§¿azäöñüà';
  const gsmText = fc.string({ unit: fc.constantFrom(...gsmBasic), maxLength: 153 });
  // iconv-lite, which the package decodes UCS-2 with, drops a leading byte-order mark.
  const ucs2Text = fc.string({ unit: 'grapheme', maxLength: 30 }).filter((text) => text.length <= 67 && !text.startsWith('\uFEFF'));
  const text = fc.oneof(
    gsmText.map((t) => ({ data_coding: 0, body: encodeGsm7Unpacked(t), text: t })),
    ucs2Text.map((t) => ({ data_coding: 8, body: encodeUcs2(t), text: t })),
  );
  const concat = fc.option(
    fc.record({ ref: octet, total: fc.integer({ min: 1, max: 255 }) }).chain((c) => fc.integer({ min: 1, max: c.total }).map((seq) => ({ ...c, seq }))),
  );

  it('gives messageContent the same text and concatenation as the package’s reading (GSM-7 and UCS-2)', () => {
    fc.assert(
      fc.property(sequence, addresses, text, concat, fc.boolean(), (seq, addr, message, part, asPayload) => {
        const header = part ? Buffer.from([5, 0, 3, part.ref, part.total, part.seq]) : Buffer.alloc(0);
        const body = Buffer.concat([header, message.body]);
        const fields = {
          ...addr,
          esm_class: part ? 0x40 : 0,
          data_coding: message.data_coding,
          ...(asPayload ? { short_message: Buffer.alloc(0), message_payload: body } : { short_message: body }),
        };
        const bytes = packageBytes('deliver_sm', fields, seq);
        const ours = decodeHotPdu(bytes) as MessagePdu;
        const content = messageContent(ours);
        expect(content).toEqual(messageContent(packageRead(bytes)));
        expect(content.text).toBe(message.text);
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips our own encoding', () => {
    fc.assert(
      fc.property(sequence, fc.oneof(submitSmFields, deliverSmFields), (seq, fields) => {
        const submit = 'service_type' in fields;
        const bytes = submit ? encodeSubmitSm(seq, fields) : encodeDeliverSm(seq, fields);
        const pdu = decodeHotPdu(bytes) as MessagePdu;
        expect(pdu.command).toBe(submit ? 'submit_sm' : 'deliver_sm');
        expect(pdu.sequence_number).toBe(seq);
        expect(pdu.command_length).toBe(bytes.length);
        for (const [key, value] of Object.entries(fields)) {
          if (key === 'short_message') continue;
          expect([key, pdu[key]]).toEqual([key, value]);
        }
        const { message, udh: elements } = pdu.short_message;
        const rebuilt = elements ? Buffer.concat([Buffer.from([elements.reduce((n, e) => n + e.length, 0)]), ...elements, message]) : message;
        expect(rebuilt.equals(fields.short_message)).toBe(true);
        expect(pdu.sm_length).toBe(fields.short_message.length);
      }),
      { numRuns: 500 },
    );
  });
});

describe('decodeHotPdu on malformed input', () => {
  const hotIds = fc.constantFrom(COMMAND.submit_sm, COMMAND.deliver_sm, COMMAND.submit_sm_resp, COMMAND.deliver_sm_resp);

  /** A header, a body of `bodyLength` octets as command_length counts it, and octets beyond it that must not be read. */
  const garbage = fc.record({
    commandId: hotIds,
    status: fc.integer({ min: 0, max: 0xffffffff }),
    seq: sequence,
    body: fc.uint8Array({ maxLength: 300 }),
    beyond: fc.uint8Array({ maxLength: 40 }),
  });

  /** A valid PDU cut short: command_length says fewer octets than the fields need. */
  const truncatedPdu = fc.tuple(sequence, fc.oneof(submitSmFields, deliverSmFields), fc.nat()).map(([seq, fields, cut]) => {
    const whole = 'service_type' in fields ? encodeSubmitSm(seq, fields) : encodeDeliverSm(seq, fields);
    const length = 16 + (cut % (whole.length - 16));
    const bytes = Buffer.from(whole);
    bytes.writeUInt32BE(length, 0);
    return { bytes, length };
  });

  function expectOnlyWithin(bytes: Buffer, length: number): void {
    let fromWhole: HotPdu | undefined;
    try {
      fromWhole = decodeHotPdu(bytes);
    } catch (error) {
      expect(error).toBeInstanceOf(PduFormatError);
      // The same verdict without the octets beyond command_length.
      expect(() => decodeHotPdu(Buffer.from(bytes.subarray(0, length)))).toThrow(PduFormatError);
      return;
    }
    // Nothing read beyond command_length: the same result from an exact copy, and every Buffer a view inside it.
    expect(fromWhole).toEqual(decodeHotPdu(Buffer.from(bytes.subarray(0, length))));
    for (const view of buffersIn(fromWhole)) {
      expect(view.buffer).toBe(bytes.buffer);
      expect(view.byteOffset).toBeGreaterThanOrEqual(bytes.byteOffset);
      expect(view.byteOffset + view.length).toBeLessThanOrEqual(bytes.byteOffset + length);
    }
  }

  it('throws only PduFormatError and reads nothing past command_length, on random bodies', () => {
    fc.assert(
      fc.property(garbage, ({ commandId, status, seq, body, beyond }) => {
        const length = 16 + body.length;
        const bytes = Buffer.concat([hex('00000000'), Buffer.alloc(12), body, beyond]);
        bytes.writeUInt32BE(length, 0);
        bytes.writeUInt32BE(commandId, 4);
        bytes.writeUInt32BE(status, 8);
        bytes.writeUInt32BE(seq, 12);
        expectOnlyWithin(bytes, length);
      }),
      { numRuns: 2000 },
    );
  });

  it('throws only PduFormatError and reads nothing past command_length, on PDUs cut short', () => {
    fc.assert(
      fc.property(truncatedPdu, ({ bytes, length }) => expectOnlyWithin(bytes, length)),
      { numRuns: 2000 },
    );
  });

  it('names the field and keeps the header, so the caller can answer the sequence', () => {
    const cut = Buffer.from(SUBMIT_SM.subarray(0, 20));
    cut.writeUInt32BE(20, 0);
    const error = captureError(() => decodeHotPdu(cut));
    expect(error).toBeInstanceOf(PduFormatError);
    expect(error).toMatchObject({ commandId: COMMAND.submit_sm, sequenceNumber: 9, message: expect.stringMatching(/source_addr/) });
    expect(() => decodeHotPdu(Buffer.alloc(8))).toThrow(PduFormatError);
    expect(() => decodeHotPdu(hex('00000011 80000004 00000000 00000001 61'))).toThrow(/message_id/); // no NUL
    expect(() => decodeHotPdu(hex('00000020 80000004 00000000 00000001 61'))).toThrow(/command_length/); // longer than given
    const shortTlv = Buffer.concat([RECEIPT_DELIVER_SM.subarray(0, RECEIPT_TLVS_AT), hex('0427 0000')]);
    shortTlv.writeUInt32BE(shortTlv.length, 0);
    expect(() => decodeHotPdu(shortTlv)).toThrow(/0427/);
  });
});

function captureError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

function buffersIn(value: unknown): Buffer[] {
  if (Buffer.isBuffer(value)) return [value];
  if (Array.isArray(value)) return value.flatMap(buffersIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(buffersIn);
  return [];
}
