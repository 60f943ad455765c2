import type { Signature } from '../domain/signature';
import type { Template } from '../domain/template';
import type { ReviewItemRow } from '../infrastructure/review-read-model';
import type { ReviewQueueItem, SignatureResponse, TemplateResponse } from './dto';

// Whitelisting mappers: responses list their fields; nothing is serialised straight from state or rows.

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

export function toReviewQueueItem(row: ReviewItemRow): ReviewQueueItem {
  const common = { type: row.item_type, id: row.item_id, accountId: row.account_id, name: row.name, submittedAt: row.submitted_at };
  if (row.item_type === 'signature') {
    const documents = JSON.parse(row.documents ?? '[]') as Array<{ kind: string; reference: string }>;
    return { ...common, purpose: row.purpose ?? undefined, documents: documents.map((d) => ({ kind: d.kind, reference: d.reference })) };
  }
  return {
    ...common,
    kind: row.kind ?? undefined,
    content: row.content ?? undefined,
    screening: { outcome: (row.screening_outcome ?? 'PASS') as 'PASS' | 'REVIEW' | 'BLOCK', ...(row.screening_category ? { category: row.screening_category } : {}) },
  };
}
