/**
 * User data header for a concatenated message part (3GPP TS 23.040 §9.2.3.24.1):
 * UDHL 5, IEI 0x00 (8-bit reference), IEDL 3, reference, total parts, this part's sequence (1-based).
 */
export function concatenationUdh(ref: number, total: number, seq: number): Buffer {
  assertByte('ref', ref, 0);
  assertByte('total', total, 1);
  assertByte('seq', seq, 1);
  if (seq > total) throw new RangeError(`seq ${seq} exceeds total ${total}`);
  return Buffer.from([0x05, 0x00, 0x03, ref, total, seq]);
}

function assertByte(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min || value > 0xff) {
    throw new RangeError(`${name} must be an integer in ${min}..255, got ${value}`);
  }
}
