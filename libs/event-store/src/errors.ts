import type { ExpectedRevision } from './event-store.port';

/** Current revision of a stream that does not exist, as in EventStoreDB. */
export type ActualRevision = bigint | 'no_stream';

export class WrongExpectedVersionError extends Error {
  readonly code = 'CONCURRENCY_CONFLICT';
  constructor(
    readonly streamName: string,
    readonly expectedRevision: ExpectedRevision,
    readonly actualRevision: ActualRevision,
  ) {
    super(`Wrong expected revision on ${streamName}: expected ${String(expectedRevision)}, actual ${String(actualRevision)}`);
    this.name = 'WrongExpectedVersionError';
  }
}

export class StreamNotFoundError extends Error {
  readonly code = 'STREAM_NOT_FOUND';
  constructor(readonly streamName: string) {
    super(`Stream ${streamName} not found`);
    this.name = 'StreamNotFoundError';
  }
}

/** A subscription ended (unsubscribed, its store closed, or its connection dropped) while something waited on it. */
export class SubscriptionClosedError extends Error {
  readonly code = 'SUBSCRIPTION_CLOSED';
  constructor(message = 'Subscription closed') {
    super(message);
    this.name = 'SubscriptionClosedError';
  }
}

/** The store was closed; nothing more can be read or written through it. */
export class EventStoreClosedError extends Error {
  readonly code = 'EVENT_STORE_CLOSED';
  constructor(adapter: string) {
    super(`${adapter} is closed`);
    this.name = 'EventStoreClosedError';
  }
}
