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
const extensionSeptet = new Map<string, number>(EXTENSION);

/** Septets a single character costs in GSM-7: 1 (basic), 2 (extension, escape pair) or 0 (not encodable). */
export function gsm7SeptetsOf(char: string): 0 | 1 | 2 {
  if (basicSeptet.has(char)) return 1;
  if (extensionSeptet.has(char)) return 2;
  return 0;
}

/** True when every character of the text is in the GSM-7 default alphabet or its extension table. */
export function isGsm7(text: string): boolean {
  for (const char of text) {
    if (gsm7SeptetsOf(char) === 0) return false;
  }
  return true;
}

/** Septet length of a GSM-7 text; throws if the text is not GSM-7 (check with `isGsm7` first). */
export function countGsm7Septets(text: string): number {
  let septets = 0;
  for (const char of text) {
    const cost = gsm7SeptetsOf(char);
    if (cost === 0) throw new RangeError(`character U+${codePointHex(char)} is not in the GSM-7 alphabet`);
    septets += cost;
  }
  return septets;
}

/**
 * One septet per byte, extension characters as 0x1B + code: the unpacked form that SMPP data_coding 0
 * carries for most SMSCs. Throws on characters outside GSM-7 — callers choose the encoding first.
 */
export function encodeGsm7Unpacked(text: string): Buffer {
  const bytes: number[] = [];
  for (const char of text) {
    const basic = basicSeptet.get(char);
    if (basic !== undefined) {
      bytes.push(basic);
      continue;
    }
    const ext = extensionSeptet.get(char);
    if (ext === undefined) throw new RangeError(`character U+${codePointHex(char)} is not in the GSM-7 alphabet`);
    bytes.push(GSM7_ESCAPE, ext);
  }
  return Buffer.from(bytes);
}

/** Inverse of `encodeGsm7Unpacked`; unknown escape codes decode as a space (3GPP TS 23.038 §6.2.1.1). */
export function decodeGsm7Unpacked(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const septet = bytes[i] & 0x7f;
    if (septet === GSM7_ESCAPE) {
      const next = bytes[++i];
      const ext = next === undefined ? undefined : EXTENSION.find(([, code]) => code === (next & 0x7f));
      out += ext ? ext[0] : ' ';
      continue;
    }
    out += BASIC[septet];
  }
  return out;
}

function codePointHex(char: string): string {
  return (char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
}
