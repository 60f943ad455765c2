import { eventCodec, type EventTypeCodec, jsonEventType, type PersonalDataSealer, type ServiceEventCodec } from '@sms/use-case-kit/core';
import { HELD_MESSAGE_EVENT_TYPES, HELD_MESSAGE_EVENTS, type HeldMessageEvent } from './review/domain/held-message';
import { REVIEW_EVENTS, type ReviewEvent, SIGNATURE_EVENT_TYPES, type SignatureEvent, TEMPLATE_EVENT_TYPES, type TemplateEvent } from './review/domain/events';
import { type BatchScreeningEvent, SCREENING_EVENTS } from './screening/domain/batch-screening';

/** Every domain event content-review keeps in the event store. */
export type ContentReviewEvent = ReviewEvent | BatchScreeningEvent | HeldMessageEvent;

const heldReason = { owner: (data: { accountId: string }) => data.accountId, paths: ['reason'] };

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
  // A reviewer's reason is free text (it may quote the message): sealed with the account's data key (ADR 0016) once the
  // codec is protectedBy the key ring, read `[destroyed]` after erasure.
  { ...jsonEventType<ContentReviewEvent>('HeldMessageReleased', HELD_MESSAGE_EVENTS.released), personal: heldReason },
  { ...jsonEventType<ContentReviewEvent>('HeldMessageBlocked', HELD_MESSAGE_EVENTS.blocked), personal: heldReason },
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
/** Held-message decision streams (ADR 0036), with the process's key ring: the reason is sealed. */
export const heldMessageCodec = (sealer: PersonalDataSealer) => contentReviewCodec.protectedBy(sealer).narrow<HeldMessageEvent>(HELD_MESSAGE_EVENT_TYPES);
