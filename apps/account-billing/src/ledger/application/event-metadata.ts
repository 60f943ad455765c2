import { deterministicId } from '@sms/service-kit';
import type { IntegrationEvent } from '@sms/messaging';

/** Metadata of events appended in reaction to a consumed event: what caused them, and its trace context. */
export function causedBy(event: IntegrationEvent): Record<string, string> {
  const { traceparent, tracestate } = event.extensions ?? {};
  return { causationId: event.id, ...(traceparent ? { traceparent } : {}), ...(tracestate ? { tracestate } : {}) };
}

/**
 * Ids of the events one decision appends, derived from its cause: the first keeps the id it always had (so a
 * redelivery from before consequences were decided with it still matches), each follow-up (a freeze, an alert,
 * the terms by first use) gets its own — two events of one append must never share an id.
 */
export const decidedIds =
  (...cause: string[]) =>
  (index: number): string =>
    index === 0 ? deterministicId(...cause) : deterministicId(...cause, String(index));
