/**
 * How a channel writes the operator message ids of its submit responses or of its receipts (Kannel's `msg-id-type`):
 * `decimal` or `hex` when the operator means a number (SMSCs that answer submit_sm in hex and quote the id in decimal
 * in `id:` of the receipt text are common), `text` when it is an opaque string.
 */
export type OperatorIdBase = 'text' | 'decimal' | 'hex';

const DECIMAL = /^[0-9]+$/;
const HEX = /^(?:0[xX])?([0-9a-fA-F]+)$/;
const HEX_DIGITS = /^[0-9a-f]+$/;

/**
 * The one form of an operator message id the adapter stores and matches, so the id of a submit response and the id
 * of its receipt meet whatever base or case each was written in. `decimal` / `hex`: the unsigned decimal string of
 * the value (leading zeros and case vanish). `text`: trimmed and lower-cased (ASCII only), and when it is all hex
 * digits its leading zeros stripped (a lone "0" kept). An id that does not parse under its numeric base falls back to
 * the text form, so a malformed id is still kept and matched as sent rather than refused.
 */
export function canonicalOperatorId(id: string, base: OperatorIdBase): string {
  const trimmed = id.trim();
  if (base === 'decimal' && DECIMAL.test(trimmed)) return BigInt(trimmed).toString();
  if (base === 'hex') {
    const digits = HEX.exec(trimmed)?.[1];
    if (digits !== undefined) return BigInt(`0x${digits}`).toString();
  }
  return textForm(trimmed);
}

function textForm(trimmed: string): string {
  // ASCII only: a locale's case folding (Kelvin sign → "k") must not make two different ids meet.
  const lower = trimmed.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
  if (!HEX_DIGITS.test(lower)) return lower;
  const stripped = lower.replace(/^0+/, '');
  return stripped === '' ? '0' : stripped;
}
