/*
 * CMPP terminal ids are national: a China Mobile gateway wants `13800138000`, not `+8613800138000` (the platform's
 * E.164). These two functions are the only place the session converts; SP numbers (Src_Id, Dest_Id) are not terminal
 * ids and pass unchanged.
 */

const CHINA = '+86';
/** A mainland mobile number as written nationally: 11 digits, 1 then 3–9 (SP numbers start 10…, 12…). */
const NATIONAL_MOBILE = /^1[3-9]\d{9}$/;

/**
 * The Dest_terminal_Id for an E.164 number: `+86…` loses its country code; another country's number is dialled from
 * China with the international prefix 00; anything else (digits already national) is sent as given.
 */
export function toCmppTerminalId(number: string): string {
  const trimmed = number.trim();
  if (trimmed.startsWith(CHINA)) return trimmed.slice(CHINA.length);
  if (/^\+\d+$/.test(trimmed)) return `00${trimmed.slice(1)}`;
  return trimmed;
}

/**
 * A terminal id from the gateway (an MO's sender, a report's recipient) as E.164. Gateways write a mobile number
 * nationally, sometimes with 86 or 0086 in front; 00 is an international number. Anything else — a fixed line
 * without its trunk prefix, a short code — is kept as sent rather than guessed at.
 */
export function fromCmppTerminalId(terminalId: string): string {
  const id = terminalId.trim();
  if (NATIONAL_MOBILE.test(id)) return `${CHINA}${id}`;
  if (id.startsWith('86') && NATIONAL_MOBILE.test(id.slice(2))) return `+${id}`;
  if (/^00[1-9]\d+$/.test(id)) return `+${id.slice(2)}`;
  return id;
}
