/** CMPP_VERSION octet: high nibble major, low nibble minor. It chooses the field layouts (ADR 0038). */
export const CMPP_VERSION = { V3_0: 0x30, V2_0: 0x20 } as const;
export type CmppVersion = (typeof CMPP_VERSION)[keyof typeof CMPP_VERSION];

/** Total_Length (4), Command_Id (4), Sequence_Id (4). */
export const CMPP_HEADER_LENGTH = 12;
/**
 * The largest PDU we accept from a peer. The largest one the protocol defines is a 3.0 CMPP_SUBMIT to 100
 * recipients with 255 octets of content: 3,618 octets.
 */
export const CMPP_MAX_PDU_LENGTH = 4096;
/** DestUsr_tl: 1..100 recipients per CMPP_SUBMIT. */
export const CMPP_MAX_DESTINATIONS = 100;

export const CMPP_COMMAND = {
  CONNECT: 0x00000001,
  CONNECT_RESP: 0x80000001,
  TERMINATE: 0x00000002,
  TERMINATE_RESP: 0x80000002,
  SUBMIT: 0x00000004,
  SUBMIT_RESP: 0x80000004,
  DELIVER: 0x00000005,
  DELIVER_RESP: 0x80000005,
  ACTIVE_TEST: 0x00000008,
  ACTIVE_TEST_RESP: 0x80000008,
} as const;

/** Msg_Fmt values. 0, 8 and 4 are supported; 15 (GBK) is refused (ADR 0038). */
export const CMPP_MSG_FMT = { ASCII: 0, BINARY: 4, UCS2: 8, GBK: 15 } as const;

/** CMPP_SUBMIT_RESP Result 8: flow control error — the one answer that means "slow down, then retry". */
export const CMPP_SUBMIT_RESULT_FLOW_CONTROL = 8;

export function isCmppVersion(value: number): value is CmppVersion {
  return value === CMPP_VERSION.V3_0 || value === CMPP_VERSION.V2_0;
}
