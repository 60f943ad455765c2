import { WrongExpectedVersionError } from '@sms/event-store';
import { injectTraceHeaders } from '@sms/observability';
import { DomainError, newId } from '@sms/service-kit';
import type { Decision } from '../domain/events';
import type { AggregateRepository } from '../infrastructure/aggregate-repository';

const MAX_ATTEMPTS = 3;

/**
 * Runs one command against one stream: load, decide, append with the expected revision. A concurrent writer makes
 * the append fail with WrongExpectedVersionError; the command is then decided again on the fresh state (the answer
 * may now be ALREADY_DECIDED). Returns the state after the new events.
 */
export async function execute<S, E extends { type: string; data: unknown }>(
  repository: AggregateRepository<S, E>,
  stream: string,
  decide: (state: S) => Decision<E>,
  evolve: (state: S, event: E) => S,
): Promise<S> {
  for (let attempt = 1; ; attempt++) {
    const loaded = await repository.load(stream);
    const decision = decide(loaded.state);
    if (!decision.ok) throw new DomainError(decision.code, decision.detail);
    if (decision.events.length === 0) return loaded.state;

    const metadata = commandMetadata();
    const next = decision.events.reduce(evolve, loaded.state);
    try {
      await repository.append(
        stream,
        decision.events.map((e) => ({ id: newId(), type: e.type, data: e.data, metadata })),
        loaded,
        next,
      );
      return next;
    } catch (error) {
      if (error instanceof WrongExpectedVersionError && attempt < MAX_ATTEMPTS) continue;
      throw error;
    }
  }
}

/** The trace context of the request, so the outbox's integration events continue its trace. */
function commandMetadata(): Record<string, string> {
  const { traceparent, tracestate } = injectTraceHeaders();
  return { ...(traceparent ? { traceparent } : {}), ...(tracestate ? { tracestate } : {}) };
}
