import type { DestinationStream } from 'pino';

export interface PrettyOptions {
  /** ANSI colours for level, time and context; only on a terminal that wants them. */
  colors: boolean;
}

// Written by pino or shown elsewhere on the line; every other field is appended as key=value.
const SHOWN = new Set(['level', 'time', 'pid', 'hostname', 'name', 'context', 'msg', 'err', 'stack']);

const LEVEL_COLOR: Record<string, string> = {
  trace: '90',
  debug: '36',
  info: '32',
  warn: '33',
  error: '31',
  fatal: '1;35',
};

// C0/C1 controls other than tab and newline: a logged value must not move the cursor or recolour the terminal.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * One JSON line as pino wrote it (already masked and redacted) → one human-readable line:
 * `12:04:31.218 INFO  sms-platform/ProblemDetails  message  key=value …`, with a stack indented below it.
 * A line that is not JSON is passed through unchanged.
 */
export function formatPrettyLine(line: string, options: PrettyOptions): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line.endsWith('\n') ? line : `${line}\n`;
  }
  const paint = (code: string, text: string) => (options.colors ? `\u001b[${code}m${text}\u001b[0m` : text);

  const level = typeof record['level'] === 'string' ? record['level'] : String(record['level'] ?? '');
  const err = isRecord(record['err']) ? record['err'] : undefined;
  const msg = typeof record['msg'] === 'string' ? record['msg'] : typeof err?.['message'] === 'string' ? err['message'] : '';
  const source = [record['name'], record['context']].filter((part) => typeof part === 'string' && part !== '').join('/');
  const fields = Object.entries(record)
    .filter(([key, value]) => !SHOWN.has(key) && value !== undefined)
    .map(([key, value]) => `${key}=${formatValue(value)}`);

  const head = [
    typeof record['time'] === 'number' ? paint('2', clock(record['time'])) : undefined,
    paint(LEVEL_COLOR[level] ?? '0', level.toUpperCase().padEnd(5)),
    source ? paint('35', source) : undefined,
    indent(clean(msg)),
    fields.length > 0 ? paint('2', clean(fields.join(' '))) : undefined,
  ].filter((part) => part !== undefined && part !== '');

  const stack = typeof record['stack'] === 'string' ? record['stack'] : typeof err?.['stack'] === 'string' ? err['stack'] : undefined;
  const below = stack ? `\n${paint('2', clean(stack).replace(/^/gm, '    '))}` : '';
  return `${head.join(' ')}${below}\n`;
}

/** A pino destination that writes every line through `formatPrettyLine` to `target`. */
export function prettyDestination(target: DestinationStream & { flush?: (cb?: (err?: Error) => void) => void }, options: PrettyOptions): DestinationStream {
  return {
    write: (line: string) => target.write(formatPrettyLine(line, options)),
    ...(target.flush ? { flush: (cb?: (err?: Error) => void) => target.flush?.(cb) } : {}),
  } as DestinationStream;
}

function clock(epochMs: number): string {
  const t = new Date(epochMs);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(t.getHours())}:${pad(t.getMinutes())}:${pad(t.getSeconds())}.${pad(t.getMilliseconds(), 3)}`;
}

function formatValue(value: unknown): string {
  // eslint-disable-next-line no-control-regex
  if (typeof value === 'string') return /^[^\s"=\u0000-\u001f\u007f-\u009f]+$/.test(value) ? value : JSON.stringify(value);
  return JSON.stringify(value) ?? String(value);
}

function clean(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Continuation lines of a multi-line message are indented, so they cannot pass for log lines of their own. */
function indent(text: string): string {
  return text.replace(/\n/g, '\n    ');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
