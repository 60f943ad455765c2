// GSM 03.38 default alphabet. Index = septet value; 0x1B is the escape to the extension table.
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ' +
  ' !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§' +
  '¿abcdefghijklmnopqrstuvwxyzäöñüà';

/** Septet sent after the 0x1B escape for each extension-table character. */
const EXTENSION: ReadonlyArray<readonly [string, number]> = [
  ['\f', 0x0a],
  ['^', 0x14],
  ['{', 0x28],
  ['}', 0x29],
  ['\\', 0x2f],
  ['[', 0x3c],
  ['~', 0x3d],
  [']', 0x3e],
  ['|', 0x40],
  ['€', 0x65],
];

export const GSM7_ESCAPE = 0x1b;

const basicSeptet = new Map<string, number>();
for (let i = 0; i < BASIC.length; i++) {
  // The escape code itself is not a character a sender can use.
  if (i !== GSM7_ESCAPE) basicSeptet.set(BASIC[i], i);
}

// Every GSM-7 character is one UTF-16 code unit, so texts are walked by code unit through one table: the septet
// (0–0x7f), 0x100 | its code for an extension character, -1 outside the alphabet (surrogates included). Segment
// counting and receipt encoding run per character per message; a Map lookup per character cost several times more.
const EXTENDED = 0x100;
const SEPTET_BY_CODE_UNIT = new Int16Array(0x10000).fill(-1);
for (const [char, septet] of basicSeptet) SEPTET_BY_CODE_UNIT[char.charCodeAt(0)] = septet;
for (const [char, code] of EXTENSION) SEPTET_BY_CODE_UNIT[char.charCodeAt(0)] = EXTENDED | code;

/** Septets a single character costs in GSM-7: 1 (basic), 2 (extension, escape pair) or 0 (not encodable). */
export function gsm7SeptetsOf(char: string): 0 | 1 | 2 {
  if (char.length !== 1) return 0;
  const entry = SEPTET_BY_CODE_UNIT[char.charCodeAt(0)];
  return entry < 0 ? 0 : entry >= EXTENDED ? 2 : 1;
}

/** True when every character of the text is in the GSM-7 default alphabet or its extension table. */
export function isGsm7(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (SEPTET_BY_CODE_UNIT[text.charCodeAt(i)] < 0) return false;
  }
  return true;
}

/** Septet length of a GSM-7 text; throws if the text is not GSM-7 (check with `isGsm7` first). */
export function countGsm7Septets(text: string): number {
  let septets = 0;
  for (let i = 0; i < text.length; i++) {
    const entry = SEPTET_BY_CODE_UNIT[text.charCodeAt(i)];
    if (entry < 0) throw notGsm7(text, i);
    septets += entry >= EXTENDED ? 2 : 1;
  }
  return septets;
}

/**
 * One septet per byte, extension characters as 0x1B + code: the unpacked form that SMPP data_coding 0
 * carries for most SMSCs. Throws on characters outside GSM-7 — callers choose the encoding first.
 */
export function encodeGsm7Unpacked(text: string): Buffer {
  const bytes = Buffer.allocUnsafe(text.length * 2);
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const entry = SEPTET_BY_CODE_UNIT[text.charCodeAt(i)];
    if (entry < 0) throw notGsm7(text, i);
    if (entry >= EXTENDED) bytes[length++] = GSM7_ESCAPE;
    bytes[length++] = entry & 0x7f;
  }
  return bytes.subarray(0, length);
}

const BASIC_CODE_UNIT = Uint16Array.from(BASIC, (char) => char.charCodeAt(0));
const EXTENSION_CODE_UNIT = new Uint16Array(0x80).fill(0x20);
for (const [char, code] of EXTENSION) EXTENSION_CODE_UNIT[code] = char.charCodeAt(0);
// Septets that stand for the ASCII character of the same code (letters, digits, space, most punctuation).
// The escape is not one of them: it stands for the extension character that follows.
const SAME_AS_ASCII = Uint8Array.from(BASIC_CODE_UNIT, (unit, septet) => (unit === septet && septet !== GSM7_ESCAPE ? 1 : 0));

/** Inverse of `encodeGsm7Unpacked`; unknown escape codes decode as a space (3GPP TS 23.038 §6.2.1.1). */
export function decodeGsm7Unpacked(bytes: Uint8Array): string {
  // Receipt texts are ASCII through and through: read them as such, a byte per character.
  let ascii = true;
  for (let i = 0; i < bytes.length && ascii; i++) ascii = bytes[i] < 0x80 && SAME_AS_ASCII[bytes[i]] === 1;
  if (ascii) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
  const units = new Uint16Array(bytes.length);
  let length = 0;
  for (let i = 0; i < bytes.length; i++) {
    const septet = bytes[i] & 0x7f;
    if (septet === GSM7_ESCAPE) {
      i++;
      units[length++] = i < bytes.length ? EXTENSION_CODE_UNIT[bytes[i] & 0x7f] : 0x20;
      continue;
    }
    units[length++] = BASIC_CODE_UNIT[septet];
  }
  // In slices: message_payload may be long, and an argument list has a limit.
  let out = '';
  for (let start = 0; start < length; start += 8192) {
    out += String.fromCharCode.apply(null, units.subarray(start, Math.min(length, start + 8192)) as unknown as number[]);
  }
  return out;
}

function notGsm7(text: string, index: number): RangeError {
  const hex = (text.codePointAt(index) ?? 0).toString(16).toUpperCase().padStart(4, '0');
  return new RangeError(`character U+${hex} is not in the GSM-7 alphabet`);
}
