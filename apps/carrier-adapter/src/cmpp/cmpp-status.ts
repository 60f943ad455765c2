import { CMPP_VERSION, type CmppVersion } from '@sms/carrier-protocols';
import type { SubmitPartError } from '../session/pending-submit';

/** CMPP_CONNECT_RESP Status (CMPP 3.0 §7.4.2.2 / 2.0 §7.4.2.2); 5 and above are "other errors". */
const CONNECT_STATUS: readonly string[] = ['OK', 'BAD_STRUCTURE', 'ILLEGAL_SOURCE_ADDRESS', 'AUTHENTICATION_FAILED', 'VERSION_TOO_HIGH'];

/** CMPP_CONNECT_RESP Status 4: the gateway speaks an older version, which it names in the answer. */
export const CMPP_CONNECT_VERSION_TOO_HIGH = 4;

export function cmppConnectStatusName(status: number): string {
  return CONNECT_STATUS[status] ?? 'OTHER_ERROR';
}

/**
 * CMPP_SUBMIT_RESP Result (§7.4.3.2). 0–8 are the same in 2.0 and 3.0; 3.0 names 9–13, where 2.0 has only
 * "other errors" from 9 on.
 */
const SUBMIT_RESULT: readonly string[] = [
  'OK',
  'BAD_STRUCTURE',
  'BAD_COMMAND',
  'DUPLICATE_SEQUENCE',
  'BAD_LENGTH',
  'BAD_FEE_CODE',
  'MESSAGE_TOO_LONG',
  'BAD_SERVICE_ID',
  'FLOW_CONTROL',
  'FEE_NUMBER_NOT_SERVED',
  'BAD_SRC_ID',
  'BAD_MSG_SRC',
  'BAD_FEE_TERMINAL_ID',
  'BAD_DEST_TERMINAL_ID',
];
const LAST_V2_RESULT = 8;

export function cmppSubmitResultName(result: number, version: CmppVersion): string {
  if (version === CMPP_VERSION.V2_0 && result > LAST_V2_RESULT) return 'OTHER_ERROR';
  return SUBMIT_RESULT[result] ?? 'OTHER_ERROR';
}

/** A refused part as every channel reports it: the Result, our code (`CMPP_9`), its name. */
export function cmppSubmitError(result: number, version: CmppVersion): SubmitPartError {
  return { commandStatus: result, code: `CMPP_${result}`, detail: cmppSubmitResultName(result, version) };
}
