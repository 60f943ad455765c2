import type { HeldMessageWithText } from '../application/held-messages';
import { templateVariables } from '@sms/sms';
import type { Signature } from '../domain/signature';
import type { Template } from '../domain/template';
import type { ReviewItem } from '../application/review-repository';
import type { ReviewQueueItem, SignatureResponse, TemplateResponse } from './dto';

// Whitelisting mappers: responses list their fields; nothing is serialised straight from state or read models.

export function toSignatureResponse(s: Signature): SignatureResponse {
  return {
    signatureId: s.signatureId,
    accountId: s.accountId,
    name: s.name,
    purpose: s.purpose,
    documents: s.documents.map((d) => ({ kind: d.kind, reference: d.reference })),
    status: s.status,
    ...(s.reason ? { reason: s.reason } : {}),
    submittedAt: s.submittedAt,
    ...(s.decidedAt ? { decidedAt: s.decidedAt } : {}),
  };
}

export function toTemplateResponse(t: Template): TemplateResponse {
  return {
    templateId: t.templateId,
    accountId: t.accountId,
    name: t.name,
    kind: t.kind,
    content: t.content,
    variables: [...t.variables],
    status: t.status,
    ...(t.reason ? { reason: t.reason } : {}),
    screening: { outcome: t.screening.outcome, ...(t.screening.category ? { category: t.screening.category } : {}) },
    submittedAt: t.submittedAt,
    ...(t.decidedAt ? { decidedAt: t.decidedAt } : {}),
  };
}

export function toReviewQueueItem(item: ReviewItem): ReviewQueueItem {
  const common = { type: item.type, id: item.id, accountId: item.accountId, name: item.name, submittedAt: item.submittedAt };
  if (item.type === 'signature') {
    return { ...common, purpose: item.purpose, documents: (item.documents ?? []).map((d) => ({ kind: d.kind, reference: d.reference })) };
  }
  const screening = item.screening ?? { outcome: 'PASS' };
  return {
    ...common,
    kind: item.kind,
    content: item.content,
    screening: { outcome: screening.outcome, ...(screening.category ? { category: screening.category } : {}) },
  };
}

/** A list row from the read model, shaped like the single-resource response. */
export function toSignatureListItem(item: ReviewItem): SignatureResponse {
  return {
    signatureId: item.id,
    accountId: item.accountId,
    name: item.name,
    purpose: item.purpose ?? 'other',
    documents: (item.documents ?? []).map((d) => ({ kind: d.kind, reference: d.reference })),
    status: item.status,
    ...(item.reason ? { reason: item.reason } : {}),
    submittedAt: item.submittedAt,
    ...(item.decidedAt ? { decidedAt: item.decidedAt } : {}),
  };
}

export function toTemplateListItem(item: ReviewItem): TemplateResponse {
  const screening = item.screening ?? { outcome: 'PASS' };
  const content = item.content ?? '';
  return {
    templateId: item.id,
    accountId: item.accountId,
    name: item.name,
    kind: item.kind ?? 'notification',
    content,
    variables: templateVariables(content),
    status: item.status,
    ...(item.reason ? { reason: item.reason } : {}),
    screening: { outcome: screening.outcome, ...(screening.category ? { category: screening.category } : {}) },
    submittedAt: item.submittedAt,
    ...(item.decidedAt ? { decidedAt: item.decidedAt } : {}),
  };
}

/** A held message in the review queue (ADR 0036): the text opened for the reviewer. */
export function toHeldQueueItem(held: HeldMessageWithText): ReviewQueueItem {
  return {
    type: 'message',
    id: held.messageId,
    messageId: held.messageId,
    accountId: held.accountId,
    batchId: held.batchId,
    kind: held.kind,
    category: held.category,
    terms: [...held.terms],
    heldAt: held.heldAt,
    text: held.text,
  };
}
