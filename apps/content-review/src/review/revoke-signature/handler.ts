import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@sms/service-kit';
import { commandMetadata } from '../../event-metadata';
import { SIGNATURES } from '../../tokens';
import { existingSignature, type Signatures, stateAfter } from '../application/review-streams';
import { signatureStream } from '../domain/events';
import { decideSignature, type Signature } from '../domain/signature';

export interface RevokeSignatureInput {
  signatureId: string;
  reason: string;
}

/**
 * A reviewer revokes an approved signature after a violation or an IP complaint (DOMAIN §2, terms §5.2). The
 * published REVOKED status is what dispatch's directory learns: nothing is sent with the signature from then on.
 */
@Injectable()
export class RevokeSignatureHandler {
  constructor(
    @Inject(SIGNATURES) private readonly signatures: Signatures,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle({ signatureId, reason }: RevokeSignatureInput): Promise<Signature> {
    const result = await this.signatures.handle(
      signatureStream(signatureId),
      (state) => decideSignature({ type: 'RevokeSignature', signatureId, reason, now: this.clock.now() }, state),
      { metadata: commandMetadata() },
    );
    return existingSignature(stateAfter(result), signatureId);
  }
}
