import { createHash } from 'node:crypto';
import { CMPP_VERSION, type CmppVersion } from './constants';
import { CmppProtocolError } from './errors';

const TIMESTAMP = /^(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])([01][0-9]|2[0-3])[0-5][0-9][0-5][0-9]$/;
/** China Standard Time, what gateways expect the Timestamp in unless a channel says otherwise. */
const CST_OFFSET_MINUTES = 8 * 60;

/** "MMDDHHMMSS" of `at` in the given UTC offset (default UTC+8). */
export function cmppTimestamp(at: Date, utcOffsetMinutes = CST_OFFSET_MINUTES): string {
  const local = new Date(at.getTime() + utcOffsetMinutes * 60_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(local.getUTCMonth() + 1)}${two(local.getUTCDate())}${two(local.getUTCHours())}${two(local.getUTCMinutes())}${two(local.getUTCSeconds())}`;
}

/** CMPP_CONNECT's Timestamp field: the digits MMDDHHMMSS read as one unsigned integer. */
export function cmppTimestampValue(timestamp: string): number {
  assertTimestamp(timestamp);
  return Number(timestamp);
}

/** The 10-digit form of CMPP_CONNECT's Timestamp integer (leading zero restored). */
export function cmppTimestampText(value: number): string {
  return String(value).padStart(10, '0');
}

/** AuthenticatorSource = MD5(Source_Addr + 9 octets of 0 + shared secret + timestamp "MMDDHHMMSS"). */
export function cmppAuthenticatorSource(sourceAddr: string, sharedSecret: string, timestamp: string): Buffer {
  assertTimestamp(timestamp);
  return createHash('md5')
    .update(Buffer.from(sourceAddr, 'latin1'))
    .update(Buffer.alloc(9))
    .update(Buffer.from(sharedSecret, 'latin1'))
    .update(Buffer.from(timestamp, 'latin1'))
    .digest();
}

/**
 * AuthenticatorISMG = MD5(Status + AuthenticatorSource + shared secret); Status is 4 octets in 3.0 and 1 in 2.0,
 * as in CMPP_CONNECT_RESP.
 */
export function cmppAuthenticatorIsmg(status: number, authenticatorSource: Buffer, sharedSecret: string, version: CmppVersion): Buffer {
  const statusOctets = Buffer.alloc(version === CMPP_VERSION.V3_0 ? 4 : 1);
  if (version === CMPP_VERSION.V3_0) statusOctets.writeUInt32BE(status);
  else statusOctets.writeUInt8(status);
  return createHash('md5').update(statusOctets).update(authenticatorSource).update(Buffer.from(sharedSecret, 'latin1')).digest();
}

function assertTimestamp(timestamp: string): void {
  if (!TIMESTAMP.test(timestamp)) throw new CmppProtocolError('CMPP_FIELD_INVALID', 'Timestamp must be MMDDHHMMSS');
}
