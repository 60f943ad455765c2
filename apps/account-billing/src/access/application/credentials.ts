import type { EventStore } from '@sms/event-store';
import { CommandHandler } from '@sms/use-case-kit';
import type { EventCodec } from '@sms/use-case-kit/core';
import type { CredentialV1 } from '@sms/contracts';
import { type CredentialEvent, credentialDecider, type CredentialState } from '../domain/credential';

/** Every write to a `credential-<keyId>` stream. */
export type CredentialCommands = CommandHandler<CredentialEvent, CredentialState>;
export const CREDENTIAL_COMMANDS = Symbol('CREDENTIAL_COMMANDS');

/** `codec`: the credential codec sealed with the process's key ring (ACCOUNT_BILLING_CODECS). */
export function credentialCommands(store: EventStore, codec: EventCodec<CredentialEvent>): CredentialCommands {
  return new CommandHandler({ store, codec, evolve: credentialDecider.evolve, initialState: credentialDecider.initialState });
}

/** A key's whole state as every process's key directory takes it (`sms.credential.v1`). */
export function credentialOf(state: CredentialState): CredentialV1 {
  return {
    keyId: state.keyId,
    accountId: state.accountId,
    roles: state.roles,
    verifier: state.verifier,
    status: state.status === 'REVOKED' ? 'REVOKED' : 'ACTIVE',
    label: state.label,
    createdAt: state.createdAt,
    revokedAt: state.revokedAt,
  };
}
