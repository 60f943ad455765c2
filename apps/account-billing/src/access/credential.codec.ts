import { eventCodec, jsonEventType } from '@sms/use-case-kit/core';
import { CREDENTIAL_EVENT_TYPES, type CredentialEvent } from './domain/credential';

/** The codec of the `credential-<keyId>` streams; their events carry no personal data, only a secret's verifier. */
export const credentialCodec = eventCodec<CredentialEvent>({
  typeOf: (event) => event.type,
  types: [
    jsonEventType<CredentialEvent>('ApiKeyIssued', CREDENTIAL_EVENT_TYPES.ApiKeyIssued),
    jsonEventType<CredentialEvent>('ApiKeyRevoked', CREDENTIAL_EVENT_TYPES.ApiKeyRevoked),
  ],
});
