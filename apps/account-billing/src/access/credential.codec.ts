import { UNATTRIBUTED } from '@sms/data-protection';
import { eventCodec, jsonEventType } from '@sms/use-case-kit/core';
import { CREDENTIAL_EVENT_TYPES, type CredentialEvent } from './domain/credential';

/**
 * The codec of the `credential-<keyId>` streams. A key's verifier signs requests (ADR 0015), so it is sealed like
 * personal data: a customer key's with its account's lifetime key (the account's erasure kills it too), a staff
 * key's with the platform key. The disk alone then holds nothing to sign with.
 */
export const credentialCodec = eventCodec<CredentialEvent>({
  typeOf: (event) => event.type,
  types: [
    {
      ...jsonEventType<CredentialEvent>('ApiKeyIssued', CREDENTIAL_EVENT_TYPES.ApiKeyIssued),
      personal: { owner: (data: { accountId?: string }) => data.accountId ?? UNATTRIBUTED, paths: ['verifier'], lifetime: true },
    },
    jsonEventType<CredentialEvent>('ApiKeyRevoked', CREDENTIAL_EVENT_TYPES.ApiKeyRevoked),
  ],
});
