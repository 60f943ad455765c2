import { eventCodec, type EventTypeCodec, jsonEventType, type ServiceEventCodec } from '@sms/use-case-kit/core';
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
export const contentReviewCodec: ServiceEventCodec<ContentReviewEvent> = eventCodec<ContentReviewEvent>({ typeOf: (event) => event.type, types: TYPES });

/** The service codec seen from each kind of stream: its decider folds only its own events. */
export const signatureCodec = contentReviewCodec.narrow<SignatureEvent>(SIGNATURE_EVENT_TYPES);
export const templateCodec = contentReviewCodec.narrow<TemplateEvent>(TEMPLATE_EVENT_TYPES);
export const screeningCodec = contentReviewCodec.narrow<BatchScreeningEvent>(['BatchScreened']);
