import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock, DomainError, KEY_DIRECTORY, type KeyDirectory, keyRecordOf } from '@sms/service-kit';
import { type CredentialCommands, CREDENTIAL_COMMANDS, credentialOf } from '../application/credentials';
import { credentialDecider, credentialStream } from '../domain/credential';

export interface RevokeApiKeyCommand {
  keyId: string;
  /** The account the key must belong to; absent for a staff key. */
  accountId?: string;
  reason?: string;
  by: string;
}

/** Revokes a key for good; the local directory refuses it at once, other processes on `sms.credential.v1`. */
@Injectable()
export class RevokeApiKeyHandler {
  constructor(
    @Inject(CREDENTIAL_COMMANDS) private readonly credentials: CredentialCommands,
    @Inject(KEY_DIRECTORY) private readonly directory: KeyDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(command: RevokeApiKeyCommand): Promise<void> {
    // A key id that is not even ours cannot name a stream.
    if (!/^ak_[A-Za-z0-9_-]{1,64}$/.test(command.keyId)) throw new DomainError('API_KEY_NOT_FOUND', `API key ${command.keyId.slice(0, 80)} does not exist.`);
    const result = await this.credentials.handle(credentialStream(command.keyId), (state) =>
      credentialDecider.decide({ type: 'RevokeApiKey', ...command, at: this.clock.now() }, state),
    );
    if (!result.ok) throw new DomainError(result.rejection.code, result.rejection.detail);
    this.directory.apply(keyRecordOf(credentialOf(result.state)));
  }
}
