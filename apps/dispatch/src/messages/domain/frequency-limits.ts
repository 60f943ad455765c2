import type { MessageKind } from '@sms/contracts';
import { MESSAGE_KINDS } from '@sms/contracts';

/**
 * The harassment guard (DOMAIN §3): at most `count` messages of `kind` (or of any kind, `*`) to one number under one
 * signature in any `windowMs` — a sliding window: the sends of the last `windowMs` before now count, wherever the
 * clock's minute, hour or day boundaries fall.
 */
export interface FrequencyLimit {
  kind: MessageKind | '*';
  count: number;
  windowMs: number;
  /** As configured, e.g. `verification 1/1m`. */
  label: string;
}

/** Why one recipient was refused: which limit, and the first instant a send to it would pass again (RFC 3339). */
export interface FrequencyLimited {
  limit: string;
  freeAt: string;
}

/**
 * One counted send to a (signature, number): when, its kind as one letter (KIND_CODES), and a tag of its batch
 * (batchTag) — so a retry of the batch, even racing it, finds it counted instead of counting it again.
 */
export interface SendRecord {
  at: number;
  kind: string;
  batch: string;
}

export const DEFAULT_FREQUENCY_LIMITS = 'verification:1/1m,5/1h,10/1d;*:50/1d';

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
/** Bounds that keep a recipient's log short (its length is bounded by the sum of the counts) and its window a month at most. */
const MAX_COUNT = 1_000;
const MAX_WINDOW_MS = 31 * UNIT_MS.d;

/** Upper case: a log entry is lower-case base-36 time, this letter, lower-case base-36 batch tag. */
const KIND_CODES: Record<MessageKind, string> = { verification: 'V', notification: 'N', marketing: 'M', international: 'I', 'rich-media': 'R', smart: 'S' };

/**
 * `FREQUENCY_LIMITS`: `kind:count/window[,count/window…][;kind:…]` with `kind` a message kind or `*` (every kind
 * together) and `window` a number and a unit (`s`, `m`, `h`, `d`), e.g. `verification:1/1m,5/1h,10/1d;*:50/1d`.
 * `off` (or nothing) turns the guard off.
 */
export function parseFrequencyLimits(text: string): { ok: true; limits: FrequencyLimit[] } | { ok: false; detail: string } {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === 'off') return { ok: true, limits: [] };
  const limits: FrequencyLimit[] = [];
  for (const section of trimmed.split(';')) {
    const match = /^\s*([a-z*-]+)\s*:\s*(.+)$/.exec(section);
    if (!match) return { ok: false, detail: `"${section}" is not kind:count/window[,count/window…]` };
    const kind = match[1];
    if (kind !== '*' && !(MESSAGE_KINDS as readonly string[]).includes(kind)) return { ok: false, detail: `"${kind}" is neither * nor a message kind (${MESSAGE_KINDS.join(', ')})` };
    for (const entry of match[2].split(',')) {
      const limit = /^\s*(\d{1,4})\s*\/\s*(\d{1,4})([smhd])\s*$/.exec(entry);
      if (!limit) return { ok: false, detail: `"${entry.trim()}" is not count/window like 5/1h` };
      const count = Number(limit[1]);
      const windowMs = Number(limit[2]) * UNIT_MS[limit[3]];
      if (count < 1 || count > MAX_COUNT) return { ok: false, detail: `a count must be 1–${MAX_COUNT} (got ${count})` };
      if (windowMs < 1_000 || windowMs > MAX_WINDOW_MS) return { ok: false, detail: `a window must be 1s–31d (got ${limit[2]}${limit[3]})` };
      limits.push({ kind: kind as MessageKind | '*', count, windowMs, label: `${kind} ${count}/${limit[2]}${limit[3]}` });
    }
  }
  return { ok: true, limits };
}

/**
 * The arithmetic of the guard over one recipient's log (its counted sends, oldest first). Pure: the store keeps the
 * log, this decides what it becomes.
 */
export class FrequencyPolicy {
  /** Per kind letter: the limits that count its sends, and the longest of their windows (how long a send is kept). */
  private readonly byKind = new Map<string, { limits: FrequencyLimit[]; keepMs: number }>();

  constructor(readonly limits: readonly FrequencyLimit[]) {
    for (const kind of MESSAGE_KINDS) {
      const applying = limits.filter((l) => l.kind === kind || l.kind === '*');
      if (applying.length > 0) this.byKind.set(KIND_CODES[kind], { limits: applying, keepMs: Math.max(...applying.map((l) => l.windowMs)) });
    }
  }

  static parse(text: string): FrequencyPolicy {
    const parsed = parseFrequencyLimits(text);
    if (!parsed.ok) throw new Error(`FREQUENCY_LIMITS: ${parsed.detail}`);
    return new FrequencyPolicy(parsed.limits);
  }

  /** Whether sends of this kind are counted at all (no limit names it or `*`: nothing to store). */
  counts(kind: MessageKind): boolean {
    return this.byKind.has(KIND_CODES[kind]);
  }

  /**
   * One more send of `kind` at `now` for batch `batch` (its batchTag): the log with it added (`counted`), or when that
   * batch is counted already the log as it was, or — when any limit is reached — the limit that frees up last and
   * when. Either way the log comes back without the sends no limit counts any more.
   */
  take(
    log: readonly SendRecord[],
    kind: MessageKind,
    now: number,
    batch: string,
  ): { ok: true; counted: boolean; log: SendRecord[] } | { ok: false; log: SendRecord[]; limited: FrequencyLimited } {
    const kept = this.prune(log, now);
    const code = KIND_CODES[kind];
    const rules = this.byKind.get(code);
    if (!rules) return { ok: true, counted: false, log: kept };
    if (kept.some((r) => r.batch === batch && r.kind === code)) return { ok: true, counted: false, log: kept };
    let worst: { limit: FrequencyLimit; freeAt: number } | undefined;
    for (const limit of rules.limits) {
      const counted = kept.filter((r) => (limit.kind === '*' || r.kind === code) && r.at > now - limit.windowMs);
      if (counted.length < limit.count) continue;
      // The limit frees up when enough of the counted sends have left the window for one more to fit.
      const freeAt = counted[counted.length - limit.count].at + limit.windowMs;
      if (!worst || freeAt > worst.freeAt) worst = { limit, freeAt };
    }
    if (worst) return { ok: false, log: kept, limited: { limit: worst.limit.label, freeAt: new Date(worst.freeAt).toISOString() } };
    return { ok: true, counted: true, log: insert(kept, { at: now, kind: code, batch }) };
  }

  /** The log without the send of `kind` counted for batch `batch` (taken for a request that was then refused). */
  giveBack(log: readonly SendRecord[], kind: MessageKind, batch: string): SendRecord[] {
    return log.filter((r) => r.batch !== batch || r.kind !== KIND_CODES[kind]);
  }

  /** The log without the sends no limit counts at `now` any more. */
  prune(log: readonly SendRecord[], now: number): SendRecord[] {
    return log.filter((r) => {
      const rules = this.byKind.get(r.kind);
      return rules !== undefined && r.at > now - rules.keepMs;
    });
  }

  /** When nothing of the log counts any more (the store may drop it then); 0 for an empty log. */
  expiresAt(log: readonly SendRecord[]): number {
    return log.reduce((latest, r) => Math.max(latest, r.at + (this.byKind.get(r.kind)?.keepMs ?? 0)), 0);
  }
}

/** Ascending by time; a send from a clock that ran behind is put where it belongs. */
function insert(log: SendRecord[], record: SendRecord): SendRecord[] {
  let index = log.length;
  while (index > 0 && log[index - 1].at > record.at) index--;
  return [...log.slice(0, index), record, ...log.slice(index)];
}

/**
 * A short tag of a batch id for its sends' records: 32 bits of FNV-1a in base 36. Two batches to one number under one
 * signature within a day sharing a tag is a one-in-a-hundred-million chance, and costs one uncounted send.
 */
export function batchTag(batchId: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < batchId.length; i++) hash = Math.imul(hash ^ batchId.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(36);
}

/** A log as stored: `<time in ms, base 36><kind letter><batch tag>` per send, space-separated, oldest first. */
export function encodeSendLog(log: readonly SendRecord[]): string {
  return log.map((r) => `${r.at.toString(36)}${r.kind}${r.batch}`).join(' ');
}

export function decodeSendLog(text: string | null | undefined): SendRecord[] {
  if (!text) return [];
  return text.split(' ').map((entry) => {
    const kind = entry.search(/[A-Z]/);
    return { at: parseInt(entry.slice(0, kind), 36), kind: entry[kind], batch: entry.slice(kind + 1) };
  });
}
