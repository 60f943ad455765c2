import { CmppProtocolError } from './errors';

/**
 * The parts of a 64-bit CMPP Msg_Id, most significant first: month (4 bits), day (5), hour (5), minute (6),
 * second (6), the ISMG's gateway code (22) and a sequence (16).
 */
export interface CmppMsgIdParts {
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  gatewayCode: number;
  sequence: number;
}

const FIELDS: ReadonlyArray<[keyof CmppMsgIdParts, number, number]> = [
  // name, bits, minimum
  ['month', 4, 1],
  ['day', 5, 1],
  ['hour', 5, 0],
  ['minute', 6, 0],
  ['second', 6, 0],
  ['gatewayCode', 22, 0],
  ['sequence', 16, 0],
];
const MAXIMUM: Partial<Record<keyof CmppMsgIdParts, number>> = { month: 12, day: 31, hour: 23, minute: 59, second: 59 };
const MAX_U64 = (1n << 64n) - 1n;
const DECIMAL = /^(0|[1-9][0-9]{0,19})$/;

/** The Msg_Id as the unsigned decimal string receipts and our id map use. */
export function composeCmppMsgId(parts: CmppMsgIdParts): string {
  let value = 0n;
  for (const [name, bits, min] of FIELDS) {
    const part = parts[name];
    const max = MAXIMUM[name] ?? 2 ** bits - 1;
    if (!Number.isInteger(part) || part < min || part > max) {
      throw new CmppProtocolError('CMPP_FIELD_INVALID', `Msg_Id ${name} must be an integer in ${min}..${max}, got ${part}`);
    }
    value = (value << BigInt(bits)) | BigInt(part);
  }
  return value.toString();
}

/** The parts of a Msg_Id given as its decimal string. Out-of-range dates are returned as they are, not refused. */
export function parseCmppMsgId(msgId: string): CmppMsgIdParts {
  let value = msgIdValue(msgId);
  const parts = {} as CmppMsgIdParts;
  for (const [name, bits] of [...FIELDS].reverse()) {
    parts[name] = Number(value & ((1n << BigInt(bits)) - 1n));
    value >>= BigInt(bits);
  }
  return parts;
}

/** The 8 big-endian octets of a decimal Msg_Id written at `offset`. */
export function writeCmppMsgId(target: Buffer, msgId: string, offset: number): void {
  target.writeBigUInt64BE(msgIdValue(msgId), offset);
}

export function readCmppMsgId(source: Buffer, offset: number): string {
  return source.readBigUInt64BE(offset).toString();
}

function msgIdValue(msgId: string): bigint {
  if (typeof msgId !== 'string' || !DECIMAL.test(msgId) || BigInt(msgId) > MAX_U64) {
    throw new CmppProtocolError('CMPP_FIELD_INVALID', 'Msg_Id must be an unsigned 64-bit decimal string');
  }
  return BigInt(msgId);
}
