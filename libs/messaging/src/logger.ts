import { createLogger } from '@sms/observability';

/** The slice of a pino logger the bus uses; pass the service's logger so bus logs share its masking and sinks. */
export interface BusLogger {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

let fallback: BusLogger | undefined;

/**
 * Used when the caller gives no logger (every host does so today); created lazily so an unused bus opens no stream.
 * The platform's logger, so what the bus and kafkajs write (dead-letter errors, broker messages) is masked and
 * follows LOG_LEVEL and LOG_FORMAT like every other line.
 */
export function defaultBusLogger(): BusLogger {
  fallback ??= createLogger({ name: '@sms/messaging' });
  return fallback;
}

/** Error text for logs and dead-letter headers, bounded so a huge message cannot bloat a record. */
export function describeError(error: unknown, max = 500): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
