import { concatenationUdh, encodeGsm7Unpacked, encodeUcs2, gsm7SeptetsOf, segmentText } from '@sms/sms';
import type { SmppAddress } from './address';
import { DATA_CODING, ESM_CLASS, type DeliverSmFields, type MessagePartFields, type SubmitSmFields } from './pdu-fields';

/**
 * How the parts of a long message are tied together: a UDH with an 8-bit reference (3GPP TS 23.040 IEI 0x00, what
 * almost every SMSC expects), a UDH with a 16-bit reference (IEI 0x08), or the sar_* TLVs (SMPP 3.4 §5.3.2.22–24),
 * for SMSCs that build the header themselves.
 */
export type ConcatenationScheme = 'udh8' | 'udh16' | 'sar';

export interface TextPartsOptions {
  /** Default 'udh8'. */
  concatenation?: ConcatenationScheme;
  /**
   * The reference shared by the parts of one message, asked for only when the text needs several parts, so a
   * counter advances per long message. Its low 8 bits are used for 'udh8', its low 16 bits otherwise.
   */
  reference: () => number;
}

/** A 7-octet header (16-bit reference) leaves one septet, or one UCS-2 unit, less per part than segmentText's 153/67. */
const GSM7_PART_LIMIT_16 = 152;
const UCS2_PART_LIMIT_16 = 66;
/** sar_total_segments and the UDH counters are one octet. */
const MAX_PARTS = 255;

/**
 * A text as the bodies of its parts: GSM-7 (data_coding 0, one septet per octet) when every character fits,
 * UCS-2 (data_coding 8) otherwise, split where the operator bills it and tied together by the chosen scheme.
 */
export function encodeTextParts(text: string, options: TextPartsOptions): MessagePartFields[] {
  const scheme = options.concatenation ?? 'udh8';
  const segmentation = segmentText(text);
  const ucs2 = segmentation.encoding === 'ucs2';
  const dataCoding = ucs2 ? DATA_CODING.UCS2 : DATA_CODING.GSM7;
  const encode = ucs2 ? encodeUcs2 : encodeGsm7Unpacked;
  if (segmentation.count === 1) return [{ esm_class: 0, data_coding: dataCoding, short_message: encode(text) }];

  const segments = scheme === 'udh8' ? segmentation.segments : split(text, ucs2 ? UCS2_PART_LIMIT_16 : GSM7_PART_LIMIT_16, ucs2);
  const total = segments.length;
  if (total > MAX_PARTS) throw new RangeError(`text needs ${total} parts; at most ${MAX_PARTS} can be concatenated`);
  const reference = options.reference();
  return segments.map((segment, i) => {
    const body = encode(segment);
    const seq = i + 1;
    switch (scheme) {
      case 'udh8':
        return { esm_class: ESM_CLASS.UDHI, data_coding: dataCoding, short_message: Buffer.concat([concatenationUdh(reference & 0xff, total, seq), body]) };
      case 'udh16':
        return { esm_class: ESM_CLASS.UDHI, data_coding: dataCoding, short_message: Buffer.concat([concatenationUdh16(reference, total, seq), body]) };
      case 'sar':
        return {
          esm_class: 0,
          data_coding: dataCoding,
          short_message: body,
          sar_msg_ref_num: reference & 0xffff,
          sar_total_segments: total,
          sar_segment_seqnum: seq,
        };
    }
  });
}

/**
 * User data header for a part with a 16-bit reference (3GPP TS 23.040 §9.2.3.24.8): UDHL 6, IEI 0x08, IEDL 4,
 * reference (big-endian), total parts, this part's sequence (1-based).
 */
export function concatenationUdh16(reference: number, total: number, seq: number): Buffer {
  if (!(Number.isInteger(total) && total >= 1 && total <= MAX_PARTS)) throw new RangeError(`total must be an integer in 1..255, got ${total}`);
  if (!(Number.isInteger(seq) && seq >= 1 && seq <= total)) throw new RangeError(`seq must be an integer in 1..${total}, got ${seq}`);
  const ref = reference & 0xffff;
  return Buffer.from([0x06, 0x08, 0x04, ref >> 8, ref & 0xff, total, seq]);
}

/** Splits by whole characters, so neither a GSM-7 escape pair nor a UTF-16 surrogate pair straddles two parts. */
function split(text: string, limit: number, ucs2: boolean): string[] {
  const parts: string[] = [];
  let current = '';
  let used = 0;
  for (const char of text) {
    const cost = ucs2 ? char.length : gsm7SeptetsOf(char);
    if (used + cost > limit) {
      parts.push(current);
      current = '';
      used = 0;
    }
    current += char;
    used += cost;
  }
  parts.push(current);
  return parts;
}

export interface SubmitSmInput extends TextPartsOptions {
  source: SmppAddress;
  destination: SmppAddress;
  text: string;
  /** Ask for a delivery receipt per part (registered_delivery 1), or none (0). */
  registeredDelivery: boolean;
  /** service_type; '' is the SMSC default. */
  serviceType?: string;
}

/** The submit_sm bodies for one message, one per part. */
export function submitSmFields(input: SubmitSmInput): SubmitSmFields[] {
  if (!input.destination.addr) throw new RangeError('submit needs a destination number');
  return encodeTextParts(input.text, input).map((part) => ({
    service_type: input.serviceType ?? '',
    ...addressFields(input.source, input.destination),
    registered_delivery: input.registeredDelivery ? 1 : 0,
    ...part,
  }));
}

export interface MoDeliverSmInput extends TextPartsOptions {
  /** The handset. */
  source: SmppAddress;
  /** The service number it wrote to. */
  destination: SmppAddress;
  text: string;
}

/** The deliver_sm bodies of a mobile-originated message, one per part (what an SMSC sends an ESME). */
export function moDeliverSmFields(input: MoDeliverSmInput): DeliverSmFields[] {
  return encodeTextParts(input.text, input).map((part) => ({ ...addressFields(input.source, input.destination), ...part }));
}

function addressFields(source: SmppAddress, destination: SmppAddress) {
  return {
    source_addr_ton: source.ton,
    source_addr_npi: source.npi,
    source_addr: source.addr,
    dest_addr_ton: destination.ton,
    dest_addr_npi: destination.npi,
    destination_addr: destination.addr,
  };
}
