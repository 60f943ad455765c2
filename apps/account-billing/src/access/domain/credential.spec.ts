import { DeciderSpecification } from '@sms/use-case-kit/core';
import { type CredentialEvent, credentialDecider } from './credential';

const AT = new Date('2026-11-01T08:00:00.000Z');
const ISO = AT.toISOString();
const spec = DeciderSpecification.for(credentialDecider);

const issued: CredentialEvent = { type: 'ApiKeyIssued', data: { keyId: 'ak_1', accountId: 'acc-1', roles: ['customer'], verifier: 'ab'.repeat(32), label: 'ci', issuedBy: 'admin', issuedAt: ISO } };

describe('credential decider (an API key)', () => {
  it('issues a key with only its verifier, and issues it once', () => {
    spec
      .given([])
      .when({ type: 'IssueApiKey', keyId: 'ak_1', accountId: 'acc-1', roles: ['customer'], verifier: 'ab'.repeat(32), label: 'ci', by: 'admin', at: AT })
      .then([issued]);
    spec.given([issued]).when({ type: 'IssueApiKey', keyId: 'ak_1', roles: ['operator'], verifier: 'cd'.repeat(32), by: 'admin', at: AT }).thenNothing();
  });

  it('revokes for good, carrying what the key was (the last event of a key says everything)', () => {
    spec
      .given([issued])
      .when({ type: 'RevokeApiKey', keyId: 'ak_1', accountId: 'acc-1', reason: 'leaked', by: 'ak_2', at: AT })
      .then([{ type: 'ApiKeyRevoked', data: { keyId: 'ak_1', accountId: 'acc-1', roles: ['customer'], label: 'ci', issuedAt: ISO, reason: 'leaked', revokedBy: 'ak_2', revokedAt: ISO } }]);
    const revoked: CredentialEvent = { type: 'ApiKeyRevoked', data: { keyId: 'ak_1', accountId: 'acc-1', roles: ['customer'], issuedAt: ISO, revokedBy: 'ak_2', revokedAt: ISO } };
    spec.given([issued, revoked]).when({ type: 'RevokeApiKey', keyId: 'ak_1', accountId: 'acc-1', by: 'ak_2', at: AT }).thenNothing();
  });

  it("answers another account's key, a staff key asked for as an account's, or no key at all as absent", () => {
    spec.given([issued]).when({ type: 'RevokeApiKey', keyId: 'ak_1', accountId: 'acc-2', by: 'x', at: AT }).thenRejects('API_KEY_NOT_FOUND');
    spec.given([issued]).when({ type: 'RevokeApiKey', keyId: 'ak_1', by: 'x', at: AT }).thenRejects('API_KEY_NOT_FOUND');
    spec.given([]).when({ type: 'RevokeApiKey', keyId: 'ak_9', accountId: 'acc-1', by: 'x', at: AT }).thenRejects('API_KEY_NOT_FOUND');
  });
});
