import { smpp } from './smpp-lib';

/** The command_status values we act on or answer with (SMPP 3.4 §5.1.3). */
export const COMMAND_STATUS = {
  OK: 0x00,
  INVALID_MESSAGE_LENGTH: 0x01,
  INVALID_COMMAND: 0x03,
  INVALID_BIND_STATUS: 0x04,
  ALREADY_BOUND: 0x05,
  SYSTEM_ERROR: 0x08,
  BIND_FAILED: 0x0d,
  INVALID_PASSWORD: 0x0e,
  INVALID_SYSTEM_ID: 0x0f,
  MESSAGE_QUEUE_FULL: 0x14,
  SUBMIT_FAILED: 0x45,
  THROTTLED: 0x58,
} as const;

const statusNames = new Map<number, string>(Object.entries(smpp.errors).map(([name, code]) => [code, name]));

/** `ESME_RSUBMITFAIL` for 0x45; a generic label for vendor-specific codes. */
export function commandStatusName(status: number): string {
  return statusNames.get(status) ?? `vendor-specific status 0x${status.toString(16).toUpperCase()}`;
}

/** The stable error code we report a status under: `SMPP_0x45`. */
export function commandStatusCode(status: number): string {
  return `SMPP_0x${status.toString(16).toUpperCase().padStart(2, '0')}`;
}

/**
 * The answers that mean "slow down" rather than "no": ESME_RTHROTTLED, and ESME_RMSGQFUL, which SMSCs send
 * when their queue for us is full — both clear up if we pause and send the same PDU again.
 */
export function isThrottlingStatus(status: number): boolean {
  return status === COMMAND_STATUS.THROTTLED || status === COMMAND_STATUS.MESSAGE_QUEUE_FULL;
}
