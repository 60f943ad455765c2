import { parse } from 'csv-parse/sync';
import { checkedPeriod, isoOf, MAX_PERIOD_DAYS } from './period';

/*
 * An operator's statement (terms §2.4: "subject to the bill"), as the operator sends it: CSV (RFC 4180), UTF-8.
 *
 *     period_start,period_end,segments
 *     2026-11-01,2026-11-15,48210
 *     2026-11-16,2026-11-30,51007
 *
 * - The first line that is not blank is the header, exactly these three names in this order (case and surrounding
 *   spaces aside). Every other line that is not blank is one period and the segments the operator counted in it.
 * - Bounds are either both calendar dates `YYYY-MM-DD` — whole UTC days, period_end INCLUDED (the way statements are
 *   printed) — or both RFC 3339 times `YYYY-MM-DDThh:mm:ss[.fff](Z|±hh:mm)`, period_end EXCLUDED.
 * - segments: a whole number ≥ 0.
 * - Periods may leave gaps but may not overlap; together they span at most MAX_PERIOD_DAYS days; at most
 *   MAX_STATEMENT_ROWS of them.
 * - Cells may be quoted ("2026-11-01"), with "" for a quote (RFC 4180, read by csv-parse). A byte order mark, CRLF
 *   or LF line ends, spaces around cells and blank lines are accepted.
 * Anything else is refused, naming the line (1-based, as an editor numbers them).
 */

export const STATEMENT_HEADER = ['period_start', 'period_end', 'segments'] as const;
export const MAX_STATEMENT_ROWS = 10_000;
/** Per period: far above what any account sends, and within exact integers. */
const MAX_SEGMENTS = 1e15;
const DAY_MS = 86_400_000;

export interface StatementRow {
  /** Inclusive, RFC 3339 UTC. */
  start: string;
  /** Exclusive, RFC 3339 UTC. */
  end: string;
  startMs: number;
  endMs: number;
  segments: number;
}

export interface Statement {
  /** By start, none overlapping. */
  rows: StatementRow[];
  /** Start of the first period. */
  periodStart: string;
  /** End of the last period (exclusive). */
  periodEnd: string;
  /** The segments the operator counted over all its periods. */
  operatorSegments: number;
}

export type StatementParse = { ok: true; statement: Statement } | { ok: false; line: number; problem: string };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

export function parseStatementCsv(text: string): StatementParse {
  // RFC 4180 by csv-parse; each record knows the line it ends on, so a problem names it.
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, { bom: true, trim: true, skip_empty_lines: true, skip_records_with_empty_values: true, relax_column_count: true, info: true }) as unknown as typeof records;
  } catch (error) {
    return { ok: false, line: (error as { lines?: number }).lines ?? 1, problem: `not valid CSV: ${(error as Error).message.replace(/^Invalid [^:]*: /, '')}` };
  }
  const rows: Array<StatementRow & { line: number }> = [];
  let header = false;
  let lastLine = 1;
  for (const { record: cells, info } of records) {
    const line = info.lines;
    lastLine = line;
    if (!header) {
      if (cells.length !== STATEMENT_HEADER.length || cells.some((cell, i) => cell.toLowerCase() !== STATEMENT_HEADER[i])) {
        return { ok: false, line, problem: `the header must be ${STATEMENT_HEADER.join(',')}` };
      }
      header = true;
      continue;
    }
    if (cells.length !== STATEMENT_HEADER.length) return { ok: false, line, problem: `expected ${STATEMENT_HEADER.length} cells (${STATEMENT_HEADER.join(',')}), found ${cells.length}` };
    if (rows.length === MAX_STATEMENT_ROWS) return { ok: false, line, problem: `a statement has at most ${MAX_STATEMENT_ROWS} periods` };
    const row = parseRow(cells);
    if (typeof row === 'string') return { ok: false, line, problem: row };
    rows.push({ ...row, line });
  }
  if (!header) return { ok: false, line: 1, problem: `the statement is empty: it needs the header ${STATEMENT_HEADER.join(',')} and at least one period` };
  if (rows.length === 0) return { ok: false, line: lastLine, problem: 'the statement has no period after its header' };

  const sorted = [...rows].sort((a, b) => a.startMs - b.startMs || a.line - b.line);
  for (let i = 1; i < sorted.length; i++) {
    const [before, after] = [sorted[i - 1], sorted[i]];
    if (after.startMs < before.endMs) {
      const [first, second] = before.line < after.line ? [before, after] : [after, before];
      return { ok: false, line: second.line, problem: `its period overlaps the one on line ${first.line}` };
    }
  }
  const periodStartMs = sorted[0].startMs;
  const periodEndMs = Math.max(...sorted.map((r) => r.endMs));
  const span = checkedPeriod(periodStartMs, periodEndMs);
  if (!span.ok) {
    const last = sorted.reduce((a, b) => (b.endMs > a.endMs ? b : a));
    return { ok: false, line: last.line, problem: `the statement's periods span more than ${MAX_PERIOD_DAYS} days` };
  }
  return {
    ok: true,
    statement: {
      rows: sorted.map(({ line: _line, ...row }) => row),
      periodStart: isoOf(periodStartMs),
      periodEnd: isoOf(periodEndMs),
      operatorSegments: sorted.reduce((sum, r) => sum + r.segments, 0),
    },
  };
}

function parseRow(cells: string[]): StatementRow | string {
  const [startText, endText, segmentsText] = cells;
  let startMs: number | string;
  let endMs: number | string;
  if (DATE.test(startText) && DATE.test(endText)) {
    startMs = dateMs(startText);
    endMs = dateMs(endText);
    // The last day is included: the period ends when the day after it begins.
    if (typeof endMs === 'number') endMs += DAY_MS;
  } else if (TIME.test(startText) && TIME.test(endText)) {
    startMs = timeMs(startText);
    endMs = timeMs(endText);
  } else {
    return 'period_start and period_end must both be dates (YYYY-MM-DD) or both RFC 3339 times';
  }
  if (typeof startMs === 'string') return `period_start: ${startMs}`;
  if (typeof endMs === 'string') return `period_end: ${endMs}`;
  if (endMs <= startMs) return 'period_end must not be before period_start';
  if (!/^\d{1,16}$/.test(segmentsText) || Number(segmentsText) > MAX_SEGMENTS) return `segments must be a whole number from 0 to ${MAX_SEGMENTS}`;
  return { start: isoOf(startMs), end: isoOf(endMs), startMs, endMs, segments: Number(segmentsText) };
}

/** Milliseconds of a real calendar day (no 2026-02-30), or why not. */
function dateMs(text: string): number | string {
  const [, y, m, d] = DATE.exec(text) as RegExpExecArray;
  const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
  return isoOf(ms).slice(0, 10) === text ? ms : `${text} is not a calendar date`;
}

function timeMs(text: string): number | string {
  const [, y, mo, d, h, mi, s, fraction = '', zulu, sign, oh, om] = TIME.exec(text) as RegExpExecArray;
  const date = dateMs(`${y}-${mo}-${d}`);
  if (typeof date === 'string') return date;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return `${text} is not a time of day`;
  if (!zulu && (Number(oh) > 23 || Number(om) > 59)) return `${text} has no valid UTC offset`;
  const offsetMs = zulu ? 0 : (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)) * 60_000;
  // Milliseconds are what the rest of the platform keeps; finer digits are dropped.
  const ms = date + ((Number(h) * 60 + Number(mi)) * 60 + Number(s)) * 1000 + Number(fraction.padEnd(3, '0').slice(0, 3)) - offsetMs;
  return Number.isNaN(new Date(ms).getTime()) ? `${text} is out of range` : ms;
}

