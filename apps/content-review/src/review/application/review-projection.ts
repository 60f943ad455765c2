import type { Projected } from '@sms/use-case-kit';
import type { ContentReviewEvent } from '../../event-codec';
import { CONTENT_REVIEW_EVENT_PREFIX, DECIDED_STATUS, type ReviewDecidedEvent } from '../domain/events';
import type { ReviewDecision, ReviewRepository } from './review-repository';

/** Checkpoint name of the review queue projection (unchanged since v1, so it resumes where it was). */
export const REVIEW_PROJECTION = 'projection:content-review.review-items';
/** Signature and template events; screened batches do not belong in the review queue. */
export const REVIEW_ITEM_TYPE_PREFIXES = [`${CONTENT_REVIEW_EVENT_PREFIX}Signature`, `${CONTENT_REVIEW_EVENT_PREFIX}Template`];

const decision = (event: ReviewDecidedEvent): ReviewDecision => ({
  status: DECIDED_STATUS[event.type],
  decidedAt: event.data.decidedAt,
  ...(event.data.reason ? { reason: event.data.reason } : {}),
});

/**
 * Applies committed signature and template events to the review queue, each at its stream revision (the
 * repository ignores what an item already reflects). Run by `runProjection`, inside the unit of work that also
 * records the checkpoint.
 */
export async function projectReviewEvents(reviews: ReviewRepository, events: Array<Projected<ContentReviewEvent>>): Promise<void> {
  for (const { event, recorded } of events) {
    const revision = recorded.revision;
    switch (event.type) {
      case 'SignatureSubmitted': {
        const s = event.data;
        await reviews.submitted(
          { type: 'signature', id: s.signatureId, accountId: s.accountId, name: s.name, submittedAt: s.submittedAt, purpose: s.purpose, documents: s.documents },
          revision,
        );
        break;
      }
      case 'TemplateSubmitted': {
        const t = event.data;
        const screening = { outcome: t.screening.outcome, ...(t.screening.category ? { category: t.screening.category } : {}) };
        await reviews.submitted(
          { type: 'template', id: t.templateId, accountId: t.accountId, name: t.name, submittedAt: t.submittedAt, kind: t.kind, content: t.content, screening },
          revision,
        );
        break;
      }
      case 'SignatureApproved':
      case 'SignatureRejected':
      case 'SignatureRevoked':
        await reviews.decided('signature', event.data.signatureId, decision(event), revision);
        break;
      case 'TemplateApproved':
      case 'TemplateRejected':
      case 'TemplateRevoked':
        await reviews.decided('template', event.data.templateId, decision(event), revision);
        break;
    }
  }
}
