import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock, newId } from '@sms/service-kit';
import { commandMetadata } from '../../event-metadata';
import { SIGNATURES } from '../../tokens';
import { existingSignature, type Signatures, stateAfter } from '../application/review-streams';
import { type QualificationDocument, signatureStream } from '../domain/events';
import { decideSignature, type Signature } from '../domain/signature';

export interface SubmitSignatureInput {
  accountId: string;
  name: string;
  purpose: string;
  documents: QualificationDocument[];
}

/** Submits a signature with its qualification documents for review: a new signature stream. */
@Injectable()
export class SubmitSignatureHandler {
  constructor(
    @Inject(SIGNATURES) private readonly signatures: Signatures,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(input: SubmitSignatureInput): Promise<Signature> {
    const signatureId = newId();
    const result = await this.signatures.handle(
      signatureStream(signatureId),
      (state) => decideSignature({ type: 'SubmitSignature', signatureId, ...input, now: this.clock.now() }, state),
      { metadata: commandMetadata() },
    );
    return existingSignature(stateAfter(result), signatureId);
  }
}
