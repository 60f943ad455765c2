import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock, DomainError, issueKey, KEY_DIRECTORY, type KeyDirectory, keyRecordOf } from '@sms/service-kit';
import { type CredentialCommands, CREDENTIAL_COMMANDS, credentialOf } from '../application/credentials';
import { credentialDecider, credentialStream, type KeyRole } from '../domain/credential';

export interface IssueApiKeyCommand {
  /** The account a customer key acts for; absent for a staff key. */
  accountId?: string;
  roles: KeyRole[];
  label?: string;
  /** Key id of whoever asked. */
  by: string;
}

export interface IssuedApiKey {
  keyId: string;
  secret: string;
  token: string;
  accountId?: string;
  roles: KeyRole[];
  label?: string;
  createdAt: string;
}

/**
 * Issues an API key: the secret is drawn here, returned once and never stored — only its verifier goes into the
 * credential stream. The local key directory takes the key at once, so it works the moment this returns; other
 * processes learn it from `sms.credential.v1`.
 */
@Injectable()
export class IssueApiKeyHandler {
  constructor(
    @Inject(CREDENTIAL_COMMANDS) private readonly credentials: CredentialCommands,
    @Inject(KEY_DIRECTORY) private readonly directory: KeyDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(command: IssueApiKeyCommand): Promise<IssuedApiKey> {
    const key = issueKey();
    const result = await this.credentials.handle(credentialStream(key.keyId), (state) =>
      credentialDecider.decide({ type: 'IssueApiKey', ...command, keyId: key.keyId, verifier: key.verifier, at: this.clock.now() }, state),
    );
    if (!result.ok) throw new DomainError(result.rejection.code, result.rejection.detail);
    this.directory.apply(keyRecordOf(credentialOf(result.state)));
    return { keyId: key.keyId, secret: key.secret, token: key.token, accountId: command.accountId, roles: command.roles, label: command.label, createdAt: result.state.createdAt };
  }
}
