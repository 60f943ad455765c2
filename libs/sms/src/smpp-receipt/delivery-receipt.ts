/**
 * The SMPP delivery receipt text (SMPP 3.4 Appendix B, "de-facto" format every SMSC copies):
 * `id:IIIIIIIIII sub:SSS dlvrd:DDD submit date:YYMMDDhhmm done date:YYMMDDhhmm stat:DDDDDDD err:E text:...`
 * Dates are written and read as UTC: the spec leaves the zone to the SMSC, and UTC is what ours uses.
 */
export interface DeliveryReceipt {
  /** The SMSC's message id (as returned in submit_sm_resp); '' when the text carries none. */
  id: string;
  /** Parts submitted, usually `001`; '' when missing. */
  sub: string;
  /** Parts delivered, usually `001` or `000`; '' when missing. */
  dlvrd: string;
  submitDate?: Date;
  doneDate?: Date;
  /** Upper-cased final-state word, e.g. `DELIVRD`; `UNKNOWN` when missing. */
  stat: string;
  /** Network-specific error code as written (`000` = none); '' when missing. */
  err: string;
  text: string;
}

export interface DeliveryReceiptInput {
  id: string;
  sub?: number | string;
  dlvrd?: number | string;
  submitDate: Date;
  doneDate: Date;
  stat: string;
  err?: number | string;
  text?: string;
}

/** Receipts quote at most the first 20 characters of the original message. */
export const RECEIPT_TEXT_LENGTH = 20;

export function formatDeliveryReceipt(input: DeliveryReceiptInput): string {
  const text = Array.from(input.text ?? '').slice(0, RECEIPT_TEXT_LENGTH).join('');
  return (
    `id:${input.id} sub:${pad3(input.sub ?? 1)} dlvrd:${pad3(input.dlvrd ?? 1)} ` +
    `submit date:${formatReceiptDate(input.submitDate)} done date:${formatReceiptDate(input.doneDate)} ` +
    `stat:${input.stat.toUpperCase()} err:${pad3(input.err ?? 0)} text:${text}`
  );
}

/** `YYMMDDhhmm` in UTC. */
export function formatReceiptDate(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    two(date.getUTCFullYear() % 100) +
    two(date.getUTCMonth() + 1) +
    two(date.getUTCDate()) +
    two(date.getUTCHours()) +
    two(date.getUTCMinutes())
  );
}

/** Reads `YYMMDDhhmm` or `YYMMDDhhmmss` (UTC, years 2000–2099); undefined for anything else. */
export function parseReceiptDate(value: string): Date | undefined {
  if (!/^\d{10}(\d{2})?$/.test(value)) return undefined;
  const [yy, mm, dd, hh, mi, ss] = [0, 2, 4, 6, 8, 10].map((i) => Number(value.slice(i, i + 2) || '0'));
  if (mm < 1 || mm > 12 || dd < 1 || dd > 31 || hh > 23 || mi > 59 || ss > 59) return undefined;
  const date = new Date(Date.UTC(2000 + yy, mm - 1, dd, hh, mi, ss));
  // Rejects dates such as 31 February that Date.UTC would silently roll over.
  return date.getUTCDate() === dd ? date : undefined;
}

type Field = 'id' | 'sub' | 'dlvrd' | 'submitDate' | 'doneDate' | 'stat' | 'err' | 'text';

const KEY = /(?:^|\s)(id|sub|dlvrd|submit[ _]?date|done[ _]?date|stat|err|text)\s*:/gi;

function fieldOf(key: string): Field {
  const k = key.toLowerCase().replace(/[ _]/g, '');
  if (k === 'submitdate') return 'submitDate';
  if (k === 'donedate') return 'doneDate';
  return k as Field;
}

/**
 * Parses a receipt text tolerating any case, any field order, missing fields, `_` in the date keys and
 * 10- or 12-digit dates. `text:` runs to the next field not yet seen (normally the end), so a quoted
 * message that happens to contain `stat:` does not override the real one. Returns undefined when no
 * receipt field is present at all.
 */
export function parseDeliveryReceipt(input: string): DeliveryReceipt | undefined {
  const found: Array<{ field: Field; keyStart: number; valueStart: number }> = [];
  const seen = new Set<Field>();
  for (const match of input.matchAll(KEY)) {
    const field = fieldOf(match[1]);
    if (seen.has(field)) continue;
    seen.add(field);
    const keyStart = match.index + match[0].length - match[0].trimStart().length;
    found.push({ field, keyStart, valueStart: match.index + match[0].length });
  }
  if (found.length === 0) return undefined;

  const values: Partial<Record<Field, string>> = {};
  found.forEach((entry, i) => {
    const end = i + 1 < found.length ? found[i + 1].keyStart : input.length;
    const raw = input.slice(entry.valueStart, end);
    // Only the message quote may contain spaces; every other value is one token.
    values[entry.field] = entry.field === 'text' ? raw.trimEnd() : (raw.trim().split(/\s+/)[0] ?? '');
  });

  return {
    id: values.id ?? '',
    sub: values.sub ?? '',
    dlvrd: values.dlvrd ?? '',
    submitDate: values.submitDate === undefined ? undefined : parseReceiptDate(values.submitDate),
    doneDate: values.doneDate === undefined ? undefined : parseReceiptDate(values.doneDate),
    stat: values.stat ? values.stat.toUpperCase() : 'UNKNOWN',
    err: values.err ?? '',
    text: values.text ?? '',
  };
}

function pad3(value: number | string): string {
  return String(value).padStart(3, '0');
}
