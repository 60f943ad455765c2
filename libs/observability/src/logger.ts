import tty from 'node:tty';
import { format } from 'node:util';
import { trace } from '@opentelemetry/api';
import pino, { type Bindings, type ChildLoggerOptions, type DestinationStream, type LevelWithSilent, type Logger } from 'pino';
import { maskPhoneNumbersInText } from '@sms/sms';
import { prettyDestination } from './pretty';
import { redactLogRecord } from './redact';

export type { Logger } from 'pino';

export interface LoggerOptions {
  /** Service or component name, written as `name` on every line. */
  name: string;
  /** Minimum level; defaults to `LOG_LEVEL`, then `info`. */
  level?: LevelWithSilent;
  /** Where lines go; stdout by default (tests pass a capturing stream). */
  destination?: DestinationStream;
  /**
   * `json` (one object a line) or `pretty` (time, level, context, message for a person at a terminal); defaults
   * to `LOG_FORMAT`, then `pretty` when writing to stdout and stdout is a terminal, `json` otherwise.
   */
  format?: LogFormat;
}

export type LogFormat = 'json' | 'pretty';

/**
 * A pino logger writing JSON lines, or readable lines on a terminal (`LOG_FORMAT`). Every message, field, child
 * binding and error is masked before it is written (phone numbers → `138****5678`, body fields →
 * `[redacted N chars]`), at every level and in both formats — the pretty one is rendered from the masked JSON
 * line — and each line carries `trace_id`/`span_id` of the active OpenTelemetry span.
 */
export function createLogger(options: LoggerOptions): Logger {
  const level = options.level ?? levelFromEnv();
  const logFormat = options.format ?? (options.destination === undefined ? stdoutLogFormat() : (formatFromEnv() ?? 'json'));
  const destination = options.destination ?? pino.destination({ dest: 1, sync: false });
  const logger = pino(
    {
      name: options.name,
      level,
      formatters: {
        level: (label) => ({ level: label }),
        bindings: (bindings) => redactLogRecord(bindings),
        log: (record) => redactLogRecord(record),
      },
      // Redaction already turned errors into {type, message, stack}; pino's default err serializer would
      // read that plain object as an error again and report its type as "Object".
      serializers: { err: (value: unknown) => value },
      hooks: { logMethod: maskMessageArgs },
      mixin: traceFields,
    },
    logFormat === 'pretty' ? prettyDestination(destination, { colors: options.destination === undefined && wantsColor() }) : destination,
  );
  return maskChildBindings(logger);
}

type ChildFn = (this: Logger, bindings: Bindings, options?: ChildLoggerOptions) => Logger;
type SetBindingsFn = (this: Logger, bindings: Bindings) => void;

/**
 * pino applies `formatters.bindings` to the root logger only (children reset it), so bindings given to
 * `child()` and `setBindings()` are redacted here. Children inherit these overrides through the prototype.
 */
function maskChildBindings(logger: Logger): Logger {
  const target = logger as unknown as { child: ChildFn; setBindings: SetBindingsFn };
  const { child, setBindings } = target;
  target.child = function (bindings, options) {
    return child.call(this, redactLogRecord(bindings), options);
  };
  target.setBindings = function (bindings) {
    setBindings.call(this, redactLogRecord(bindings));
  };
  return logger;
}

const LEVELS: readonly LevelWithSilent[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

/** `LOG_LEVEL`, checked so a typo stops start-up with a message naming the setting. */
function levelFromEnv(): LevelWithSilent {
  const raw = process.env['LOG_LEVEL']?.trim().toLowerCase();
  if (!raw) return 'info';
  if (!(LEVELS as readonly string[]).includes(raw)) {
    throw new Error(`LOG_LEVEL "${raw}" is not one of ${LEVELS.join(', ')}`);
  }
  return raw as LevelWithSilent;
}

const FORMATS: readonly LogFormat[] = ['json', 'pretty'];

/** The format loggers writing to stdout use: `LOG_FORMAT`, else `pretty` on a terminal and `json` otherwise. */
export function stdoutLogFormat(): LogFormat {
  return formatFromEnv() ?? (tty.isatty(1) ? 'pretty' : 'json');
}

/** `LOG_FORMAT`, checked like `LOG_LEVEL`; unset means "decide by whether stdout is a terminal". */
function formatFromEnv(): LogFormat | undefined {
  const raw = process.env['LOG_FORMAT']?.trim().toLowerCase();
  if (!raw) return undefined;
  if (!(FORMATS as readonly string[]).includes(raw)) {
    throw new Error(`LOG_FORMAT "${raw}" is not one of ${FORMATS.join(', ')}`);
  }
  return raw as LogFormat;
}

// fd 1 rather than process.stdout.isTTY: a worker thread (the embedded carrier adapter) writes to the same fd
// through pino.destination, but its process.stdout is a pipe to the main thread.
function wantsColor(): boolean {
  return tty.isatty(1) && process.env['NO_COLOR'] === undefined && process.env['TERM'] !== 'dumb';
}

function traceFields(): Record<string, string> {
  const ctx = trace.getActiveSpan()?.spanContext();
  if (!ctx || !trace.isSpanContextValid(ctx)) return {};
  return { trace_id: ctx.traceId, span_id: ctx.spanId };
}

/**
 * The message string is not part of the record `formatters.log` sees, so it is interpolated here and masked
 * whole (a number split over two `%s` arguments is caught too). An error logged without a message would
 * otherwise get its unmasked `err.message` as `msg` inside pino.
 */
function maskMessageArgs(this: Logger, args: unknown[], method: (...args: unknown[]) => void): void {
  const [first, ...rest] = args;
  if (typeof first === 'string') {
    method.call(this, maskMessage(first, rest));
    return;
  }
  if (typeof first === 'object' && first !== null) {
    const [msg, ...params] = rest;
    if (typeof msg === 'string') {
      method.call(this, first, maskMessage(msg, params));
      return;
    }
    const err = first instanceof Error ? first : (first as { err?: unknown }).err;
    if (msg === undefined && err instanceof Error && !('msg' in first)) {
      method.call(this, first, maskPhoneNumbersInText(err.message));
      return;
    }
  }
  method.apply(this, args);
}

function maskMessage(msg: string, params: unknown[]): string {
  return maskPhoneNumbersInText(params.length > 0 ? format(msg, ...params) : msg);
}
