import { type EventCodec, eventCodec, type EventTypeCodec, jsonEventType } from '@sms/use-case-kit/core';
import { REVIEW_EVENTS, type ReviewEvent, SIGNATURE_EVENT_TYPES, type SignatureEvent, TEMPLATE_EVENT_TYPES, type TemplateEvent } from './review/domain/events';
import { type BatchScreeningEvent, SCREENING_EVENTS } from './screening/domain/batch-screening';

/** Every domain event content-review keeps in the event store. */
export type ContentReviewEvent = ReviewEvent | BatchScreeningEvent;

/** One entry per current domain event: its stored type string and its JSON data as is. */
const TYPES: Array<EventTypeCodec<ContentReviewEvent>> = [
  jsonEventType<ContentReviewEvent>('SignatureSubmitted', REVIEW_EVENTS.signatureSubmitted),
  jsonEventType<ContentReviewEvent>('SignatureApproved', REVIEW_EVENTS.signatureApproved),
  jsonEventType<ContentReviewEvent>('SignatureRejected', REVIEW_EVENTS.signatureRejected),
  jsonEventType<ContentReviewEvent>('SignatureRevoked', REVIEW_EVENTS.signatureRevoked),
  jsonEventType<ContentReviewEvent>('TemplateSubmitted', REVIEW_EVENTS.templateSubmitted),
  jsonEventType<ContentReviewEvent>('TemplateApproved', REVIEW_EVENTS.templateApproved),
  jsonEventType<ContentReviewEvent>('TemplateRejected', REVIEW_EVENTS.templateRejected),
  jsonEventType<ContentReviewEvent>('TemplateRevoked', REVIEW_EVENTS.templateRevoked),
  jsonEventType<ContentReviewEvent>('BatchScreened', SCREENING_EVENTS.batchScreened),
];

/**
 * The service's one event codec: every event its command handlers append or read, its outbox publishes and its
 * projection applies passes through here. Stored type strings are the ones written since v1, so existing streams
 * load unchanged; a retired shape gets an upcaster here, and encryption of personal fields will plug in here too.
 */
export const contentReviewCodec: EventCodec<ContentReviewEvent> = eventCodec<ContentReviewEvent>({ typeOf: (event) => event.type, types: TYPES });

/**
 * The service codec seen from one kind of stream: the same encoding, but decoding answers only that stream's
 * events (anything else is skipped like a type from a newer version), so its decider folds only its own events.
 */
function narrowed<Event extends ContentReviewEvent>(domainTypes: ReadonlyArray<Event['type']>): EventCodec<Event> {
  const mine = new Set<string>(domainTypes);
  const storedTypes = new Set(TYPES.filter((t) => mine.has(t.domainType)).map((t) => t.type));
  return {
    encode: (event) => contentReviewCodec.encode(event),
    decode: (stored) => {
      const event = contentReviewCodec.decode(stored);
      return event !== undefined && mine.has(event.type) ? (event as Event) : undefined;
    },
    knows: (type) => storedTypes.has(type),
  };
}

export const signatureCodec = narrowed<SignatureEvent>(SIGNATURE_EVENT_TYPES);
export const templateCodec = narrowed<TemplateEvent>(TEMPLATE_EVENT_TYPES);
export const screeningCodec = narrowed<BatchScreeningEvent>(['BatchScreened']);
