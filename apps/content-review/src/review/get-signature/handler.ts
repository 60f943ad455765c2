import { Inject, Injectable } from '@nestjs/common';
import { SIGNATURES } from '../../tokens';
import { existingSignature, type Signatures } from '../application/review-streams';
import { signatureStream } from '../domain/events';
import type { Signature } from '../domain/signature';

/** A signature and its review status, from its stream (what another instance appended included). */
@Injectable()
export class GetSignatureHandler {
  constructor(@Inject(SIGNATURES) private readonly signatures: Signatures) {}

  async handle(signatureId: string): Promise<Signature> {
    const { state } = await this.signatures.load(signatureStream(signatureId));
    return existingSignature(state, signatureId);
  }
}
