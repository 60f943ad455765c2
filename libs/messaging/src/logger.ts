import pino from 'pino';

/** The slice of a pino logger the bus uses; pass the service's logger so bus logs share its masking and sinks. */
export interface BusLogger {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

let fallback: BusLogger | undefined;

/** Used when the caller gives no logger; created lazily so an unused bus opens no stream. */
export function defaultBusLogger(): BusLogger {
  fallback ??= pino({ name: '@sms/messaging', level: process.env.LOG_LEVEL ?? 'info' });
  return fallback;
}

/** Error text for logs and dead-letter headers, bounded so a huge message cannot bloat a record. */
export function describeError(error: unknown, max = 500): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
