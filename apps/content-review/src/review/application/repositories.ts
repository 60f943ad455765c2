import type { EventStore } from '@sms/event-store';
import { REVIEW_EVENTS, SignatureEvent, TemplateEvent } from '../domain/events';
import { evolveSignature, initialSignatureState, SignatureState } from '../domain/signature';
import { evolveTemplate, initialTemplateState, TemplateState } from '../domain/template';
import { AggregateRepository } from '../infrastructure/aggregate-repository';

export type SignatureRepository = AggregateRepository<SignatureState, SignatureEvent>;
export type TemplateRepository = AggregateRepository<TemplateState, TemplateEvent>;

const SIGNATURE_TYPES = new Set<string>([REVIEW_EVENTS.signatureSubmitted, REVIEW_EVENTS.signatureApproved, REVIEW_EVENTS.signatureRejected, REVIEW_EVENTS.signatureRevoked]);
const TEMPLATE_TYPES = new Set<string>([REVIEW_EVENTS.templateSubmitted, REVIEW_EVENTS.templateApproved, REVIEW_EVENTS.templateRejected, REVIEW_EVENTS.templateRevoked]);

export const createSignatureRepository = (store: EventStore): SignatureRepository =>
  new AggregateRepository(store, { initial: initialSignatureState, evolve: evolveSignature, types: SIGNATURE_TYPES });

export const createTemplateRepository = (store: EventStore): TemplateRepository =>
  new AggregateRepository(store, { initial: initialTemplateState, evolve: evolveTemplate, types: TEMPLATE_TYPES });
