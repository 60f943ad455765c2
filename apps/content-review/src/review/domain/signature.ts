import type { ReviewStatus } from '@sms/contracts';
import {
  accepted,
  charCount,
  Decision,
  QualificationDocument,
  rejection,
  REVIEW_EVENTS,
  SIGNATURE_PURPOSES,
  SignatureEvent,
  SignaturePurpose,
} from './events';

export interface Signature {
  signatureId: string;
  accountId: string;
  name: string;
  purpose: SignaturePurpose;
  documents: QualificationDocument[];
  status: ReviewStatus;
  submittedAt: string;
  decidedAt?: string;
  reason?: string;
}

/** Null until the signature is submitted. */
export type SignatureState = Signature | null;
export const initialSignatureState: SignatureState = null;

export interface SubmitSignature {
  type: 'SubmitSignature';
  signatureId: string;
  accountId: string;
  name: string;
  purpose: string;
  documents: QualificationDocument[];
  now: Date;
}

export interface DecideSignature {
  type: 'DecideSignature';
  signatureId: string;
  approve: boolean;
  reason?: string;
  now: Date;
}

/** After a confirmed violation or an IP complaint (DOMAIN.md §2). */
export interface RevokeSignature {
  type: 'RevokeSignature';
  signatureId: string;
  reason: string;
  now: Date;
}

export type SignatureCommand = SubmitSignature | DecideSignature | RevokeSignature;

export const SIGNATURE_NAME_MIN = 2;
export const SIGNATURE_NAME_MAX = 12;
export const MAX_DOCUMENTS = 20;
export const MAX_REASON = 500;

export function decideSignature(command: SignatureCommand, state: SignatureState): Decision<SignatureEvent> {
  switch (command.type) {
    case 'SubmitSignature':
      return submit(command, state);
    case 'DecideSignature':
      return decide(command, state);
    case 'RevokeSignature':
      return revoke(command, state);
  }
}

function submit(command: SubmitSignature, state: SignatureState): Decision<SignatureEvent> {
  if (state) return rejection('CONCURRENCY_CONFLICT', `signature ${command.signatureId} was already submitted`);
  const problem = validateSubmission(command);
  if (problem) return rejection('VALIDATION_FAILED', problem);
  return accepted({
    type: REVIEW_EVENTS.signatureSubmitted,
    data: {
      signatureId: command.signatureId,
      accountId: command.accountId,
      name: command.name.trim(),
      purpose: command.purpose as SignaturePurpose,
      documents: command.documents.map((d) => ({ kind: d.kind.trim(), reference: d.reference.trim() })),
      submittedAt: command.now.toISOString(),
    },
  });
}

function validateSubmission(command: SubmitSignature): string | undefined {
  if (!command.accountId?.trim()) return 'accountId is required';
  const name = command.name?.trim() ?? '';
  const length = charCount(name);
  if (length < SIGNATURE_NAME_MIN || length > SIGNATURE_NAME_MAX) return `name must be ${SIGNATURE_NAME_MIN} to ${SIGNATURE_NAME_MAX} characters, got ${length}`;
  // The platform adds the brackets; a name containing them could forge a second signature in the text.
  if (/[【】[\]\r\n\t]/.test(name)) return 'name must not contain brackets or line breaks';
  if (!(SIGNATURE_PURPOSES as readonly string[]).includes(command.purpose)) return `purpose must be one of ${SIGNATURE_PURPOSES.join(', ')}`;
  if (!Array.isArray(command.documents) || command.documents.length === 0) return 'at least one qualification document is required';
  if (command.documents.length > MAX_DOCUMENTS) return `at most ${MAX_DOCUMENTS} documents`;
  if (command.documents.some((d) => !d?.kind?.trim() || !d?.reference?.trim())) return 'every document needs a kind and a reference';
  return undefined;
}

function decide(command: DecideSignature, state: SignatureState): Decision<SignatureEvent> {
  if (!state) return rejection('SIGNATURE_NOT_FOUND', `signature ${command.signatureId} does not exist`);
  if (state.status !== 'PENDING_REVIEW') return rejection('ALREADY_DECIDED', `signature ${state.signatureId} is already ${state.status}`);
  const reason = command.reason?.trim() || undefined;
  if (!command.approve && !reason) return rejection('VALIDATION_FAILED', 'a rejection needs a reason');
  if (reason && charCount(reason) > MAX_REASON) return rejection('VALIDATION_FAILED', `reason must be at most ${MAX_REASON} characters`);
  const data = { signatureId: state.signatureId, accountId: state.accountId, name: state.name, ...(reason ? { reason } : {}), decidedAt: command.now.toISOString() };
  return accepted(command.approve ? { type: REVIEW_EVENTS.signatureApproved, data } : { type: REVIEW_EVENTS.signatureRejected, data });
}

function revoke(command: RevokeSignature, state: SignatureState): Decision<SignatureEvent> {
  if (!state) return rejection('SIGNATURE_NOT_FOUND', `signature ${command.signatureId} does not exist`);
  if (state.status !== 'APPROVED') return rejection('SIGNATURE_NOT_APPROVED', `signature ${state.signatureId} is ${state.status}; only an approved signature can be revoked`);
  const reason = command.reason?.trim();
  if (!reason) return rejection('VALIDATION_FAILED', 'a revocation needs a reason');
  return accepted({
    type: REVIEW_EVENTS.signatureRevoked,
    data: { signatureId: state.signatureId, accountId: state.accountId, name: state.name, reason, decidedAt: command.now.toISOString() },
  });
}

export function evolveSignature(state: SignatureState, event: SignatureEvent): SignatureState {
  switch (event.type) {
    case REVIEW_EVENTS.signatureSubmitted:
      return { ...event.data, documents: [...event.data.documents], status: 'PENDING_REVIEW' };
    case REVIEW_EVENTS.signatureApproved:
      return state && { ...state, status: 'APPROVED', decidedAt: event.data.decidedAt, reason: event.data.reason };
    case REVIEW_EVENTS.signatureRejected:
      return state && { ...state, status: 'REJECTED', decidedAt: event.data.decidedAt, reason: event.data.reason };
    case REVIEW_EVENTS.signatureRevoked:
      return state && { ...state, status: 'REVOKED', decidedAt: event.data.decidedAt, reason: event.data.reason };
    default:
      return state;
  }
}
