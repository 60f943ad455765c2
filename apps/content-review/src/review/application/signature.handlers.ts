import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock, DomainError, newId } from '@sms/service-kit';
import { SIGNATURE_REPOSITORY } from '../../tokens';
import { QualificationDocument, signatureStream } from '../domain/events';
import { decideSignature, evolveSignature, Signature } from '../domain/signature';
import { execute } from './execute';
import type { SignatureRepository } from './repositories';

export interface SubmitSignatureInput {
  accountId: string;
  name: string;
  purpose: string;
  documents: QualificationDocument[];
}

/** Use cases of signatures: submit for review, decide, read. REST and gRPC both call these. */
@Injectable()
export class SignatureHandlers {
  constructor(
    @Inject(SIGNATURE_REPOSITORY) private readonly signatures: SignatureRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async submit(input: SubmitSignatureInput): Promise<Signature> {
    const signatureId = newId();
    const state = await execute(
      this.signatures,
      signatureStream(signatureId),
      (s) => decideSignature({ type: 'SubmitSignature', signatureId, ...input, now: this.clock.now() }, s),
      evolveSignature,
    );
    return required(state, signatureId);
  }

  async decide(signatureId: string, approve: boolean, reason?: string): Promise<Signature> {
    const state = await execute(
      this.signatures,
      signatureStream(signatureId),
      (s) => decideSignature({ type: 'DecideSignature', signatureId, approve, reason, now: this.clock.now() }, s),
      evolveSignature,
    );
    return required(state, signatureId);
  }

  async get(signatureId: string): Promise<Signature> {
    const { state } = await this.signatures.load(signatureStream(signatureId));
    return required(state, signatureId);
  }
}

function required(state: Signature | null, signatureId: string): Signature {
  if (!state) throw new DomainError('SIGNATURE_NOT_FOUND', `signature ${signatureId} does not exist`);
  return state;
}
