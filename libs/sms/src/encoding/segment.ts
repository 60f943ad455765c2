import { gsm7SeptetsOf, isGsm7 } from './gsm7';

export type SmsEncoding = 'gsm7' | 'ucs2';

export interface Segmentation {
  encoding: SmsEncoding;
  /** The text of each part, in order; concatenated they give back the input. */
  segments: string[];
  /** Number of SMS parts (the billing unit). */
  count: number;
  /** Length in the encoding's units: septets for GSM-7, UTF-16 code units for UCS-2. */
  units: number;
}

export const GSM7_SINGLE_LIMIT = 160;
export const GSM7_PART_LIMIT = 153; // 160 minus the 6-byte concatenation UDH (7 septets)
export const UCS2_SINGLE_LIMIT = 70;
export const UCS2_PART_LIMIT = 67; // 140 bytes minus the 6-byte UDH, in 2-byte units

/**
 * Chooses GSM-7 when every character fits, UCS-2 otherwise, and splits into parts the way operators
 * bill them. An empty text is one (empty) part: it still travels as one PDU.
 */
export function segmentText(text: string): Segmentation {
  return isGsm7(text) ? segmentGsm7(text) : segmentUcs2(text);
}

function segmentGsm7(text: string): Segmentation {
  const chars = Array.from(text);
  const costs: number[] = chars.map((c) => gsm7SeptetsOf(c));
  const units = costs.reduce((a, b) => a + b, 0);
  if (units <= GSM7_SINGLE_LIMIT) return { encoding: 'gsm7', segments: [text], count: 1, units };

  // Walking whole characters keeps an escape pair (cost 2) inside one part.
  const segments: string[] = [];
  let current = '';
  let used = 0;
  chars.forEach((char, i) => {
    if (used + costs[i] > GSM7_PART_LIMIT) {
      segments.push(current);
      current = '';
      used = 0;
    }
    current += char;
    used += costs[i];
  });
  segments.push(current);
  return { encoding: 'gsm7', segments, count: segments.length, units };
}

function segmentUcs2(text: string): Segmentation {
  const units = text.length;
  if (units <= UCS2_SINGLE_LIMIT) return { encoding: 'ucs2', segments: [text], count: 1, units };

  // Iterating by code point keeps a surrogate pair (2 units) inside one part.
  const segments: string[] = [];
  let current = '';
  for (const char of text) {
    if (current.length + char.length > UCS2_PART_LIMIT) {
      segments.push(current);
      current = '';
    }
    current += char;
  }
  segments.push(current);
  return { encoding: 'ucs2', segments, count: segments.length, units };
}
