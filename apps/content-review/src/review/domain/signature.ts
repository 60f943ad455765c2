import type { ReviewStatus } from '@sms/contracts';
import { accept, type Decider, type Decision, reject } from '@sms/use-case-kit/core';
import { charCount, QualificationDocument, ReviewRejectionCode, SIGNATURE_PURPOSES, SignatureEvent, SignaturePurpose } from './events';

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
export const initialSignatureState = (): SignatureState => null;

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

export type SignatureDecision = Decision<SignatureEvent, ReviewRejectionCode>;

export function decideSignature(command: SignatureCommand, state: SignatureState): SignatureDecision {
  switch (command.type) {
    case 'SubmitSignature':
      return submit(command, state);
    case 'DecideSignature':
      return decide(command, state);
    case 'RevokeSignature':
      return revoke(command, state);
  }
}

function submit(command: SubmitSignature, state: SignatureState): SignatureDecision {
  if (state) return reject('CONCURRENCY_CONFLICT', `signature ${command.signatureId} was already submitted`);
  const problem = validateSubmission(command);
  if (problem) return reject('VALIDATION_FAILED', problem);
  return accept<SignatureEvent>({
    type: 'SignatureSubmitted',
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

function decide(command: DecideSignature, state: SignatureState): SignatureDecision {
  if (!state) return reject('SIGNATURE_NOT_FOUND', `signature ${command.signatureId} does not exist`);
  if (state.status !== 'PENDING_REVIEW') return reject('ALREADY_DECIDED', `signature ${state.signatureId} is already ${state.status}`);
  const reason = command.reason?.trim() || undefined;
  if (!command.approve && !reason) return reject('VALIDATION_FAILED', 'a rejection needs a reason');
  if (reason && charCount(reason) > MAX_REASON) return reject('VALIDATION_FAILED', `reason must be at most ${MAX_REASON} characters`);
  const data = { signatureId: state.signatureId, accountId: state.accountId, name: state.name, ...(reason ? { reason } : {}), decidedAt: command.now.toISOString() };
  return accept<SignatureEvent>(command.approve ? { type: 'SignatureApproved', data } : { type: 'SignatureRejected', data });
}

function revoke(command: RevokeSignature, state: SignatureState): SignatureDecision {
  if (!state) return reject('SIGNATURE_NOT_FOUND', `signature ${command.signatureId} does not exist`);
  if (state.status !== 'APPROVED') return reject('SIGNATURE_NOT_APPROVED', `signature ${state.signatureId} is ${state.status}; only an approved signature can be revoked`);
  const reason = command.reason?.trim();
  if (!reason) return reject('VALIDATION_FAILED', 'a revocation needs a reason');
  if (charCount(reason) > MAX_REASON) return reject('VALIDATION_FAILED', `reason must be at most ${MAX_REASON} characters`);
  return accept<SignatureEvent>({
    type: 'SignatureRevoked',
    data: { signatureId: state.signatureId, accountId: state.accountId, name: state.name, reason, decidedAt: command.now.toISOString() },
  });
}

export function evolveSignature(state: SignatureState, event: SignatureEvent): SignatureState {
  switch (event.type) {
    case 'SignatureSubmitted':
      return { ...event.data, documents: [...event.data.documents], status: 'PENDING_REVIEW' };
    case 'SignatureApproved':
      return state && { ...state, status: 'APPROVED', decidedAt: event.data.decidedAt, reason: event.data.reason };
    case 'SignatureRejected':
      return state && { ...state, status: 'REJECTED', decidedAt: event.data.decidedAt, reason: event.data.reason };
    case 'SignatureRevoked':
      return state && { ...state, status: 'REVOKED', decidedAt: event.data.decidedAt, reason: event.data.reason };
    default:
      return state;
  }
}

/** The signature's write side: one stream per signature (`signatureStream`). */
export const signatureDecider: Decider<SignatureCommand, SignatureEvent, SignatureState, ReviewRejectionCode> = {
  decide: decideSignature,
  evolve: evolveSignature,
  initialState: initialSignatureState,
};
