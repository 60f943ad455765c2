import fc from 'fast-check';
import { CMPP_VERSION, type CmppVersion } from './constants';
import type { CmppPdu } from './pdu-codec';

/* fast-check arbitraries shared by the CMPP specs (test-only: nothing outside *.spec.ts imports this file). */

export const ascii = (maxLength: number) => fc.string({ unit: 'grapheme-ascii', maxLength });
export const digits = (maxLength: number) => fc.stringMatching(new RegExp(`^[0-9]{0,${maxLength}}$`));
export const msgId = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }).map(String);
export const byte = fc.integer({ min: 0, max: 255 });
export const u32a = fc.integer({ min: 0, max: 0xffffffff });
export const octets = (min: number, max: number) => fc.uint8Array({ minLength: min, maxLength: max }).map((a) => Buffer.from(a));

/** Any valid PDU of every type, in the given version's layout (3.0-only fields only in 3.0). */
export function arbitraryCmppPdu(version: CmppVersion): fc.Arbitrary<CmppPdu> {
  const v3 = version === CMPP_VERSION.V3_0;
  const terminal = v3 ? 32 : 21;
  const result = v3 ? u32a : byte;
  const tail: Record<string, fc.Arbitrary<string>> = v3 ? { linkId: ascii(20) } : { reserve: ascii(8) };
  return fc.oneof(
    fc.record({ command: fc.constant('connect' as const), sequenceId: u32a, sourceAddr: ascii(6), authenticatorSource: octets(16, 16), version: byte, timestamp: u32a }),
    fc.record({ command: fc.constant('connect_resp' as const), sequenceId: u32a, status: result, authenticatorIsmg: octets(16, 16), version: byte }),
    fc.record({
      command: fc.constant('submit' as const),
      sequenceId: u32a,
      msgId,
      pkTotal: byte,
      pkNumber: byte,
      registeredDelivery: byte,
      msgLevel: byte,
      serviceId: ascii(10),
      feeUserType: byte,
      feeTerminalId: digits(terminal),
      ...(v3 ? { feeTerminalType: byte } : {}),
      tpPid: byte,
      tpUdhi: byte,
      msgFmt: byte,
      msgSrc: ascii(6),
      feeType: ascii(2),
      feeCode: ascii(6),
      validTime: ascii(17),
      atTime: ascii(17),
      srcId: ascii(21),
      destTerminalIds: fc.array(digits(terminal), { minLength: 1, maxLength: 100 }),
      ...(v3 ? { destTerminalType: byte } : {}),
      msgContent: octets(0, 255),
      ...tail,
    }) as fc.Arbitrary<CmppPdu>,
    fc.record({ command: fc.constant('submit_resp' as const), sequenceId: u32a, msgId, result }),
    fc.record({
      command: fc.constant('deliver' as const),
      sequenceId: u32a,
      msgId,
      destId: ascii(21),
      serviceId: ascii(10),
      tpPid: byte,
      tpUdhi: byte,
      msgFmt: byte,
      srcTerminalId: digits(terminal),
      ...(v3 ? { srcTerminalType: byte } : {}),
      registeredDelivery: byte,
      msgContent: octets(0, 255),
      ...tail,
    }) as fc.Arbitrary<CmppPdu>,
    fc.record({ command: fc.constant('deliver_resp' as const), sequenceId: u32a, msgId, result }),
    fc.record({ command: fc.constant('active_test' as const), sequenceId: u32a }),
    fc.record({ command: fc.constant('active_test_resp' as const), sequenceId: u32a, reserved: byte }),
    fc.record({ command: fc.constant('terminate' as const), sequenceId: u32a }),
    fc.record({ command: fc.constant('terminate_resp' as const), sequenceId: u32a }),
  );
}
