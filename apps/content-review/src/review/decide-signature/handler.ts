import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@sms/service-kit';
import { commandMetadata } from '../../event-metadata';
import { SIGNATURES } from '../../tokens';
import { existingSignature, type Signatures, stateAfter } from '../application/review-streams';
import { signatureStream } from '../domain/events';
import { decideSignature, type Signature } from '../domain/signature';

export interface DecideSignatureInput {
  signatureId: string;
  approve: boolean;
  /** Required to reject. */
  reason?: string;
}

/** A reviewer approves or rejects a pending signature; a concurrent decision makes the later one ALREADY_DECIDED. */
@Injectable()
export class DecideSignatureHandler {
  constructor(
    @Inject(SIGNATURES) private readonly signatures: Signatures,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle({ signatureId, approve, reason }: DecideSignatureInput): Promise<Signature> {
    const result = await this.signatures.handle(
      signatureStream(signatureId),
      (state) => decideSignature({ type: 'DecideSignature', signatureId, approve, reason, now: this.clock.now() }, state),
      { metadata: commandMetadata() },
    );
    return existingSignature(stateAfter(result), signatureId);
  }
}
