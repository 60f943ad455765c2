import { CREDENTIAL_V1, type CredentialV1, INTERNAL_TOPICS, SOURCES } from '@sms/contracts';
import type { MessageBus } from '@sms/messaging';
import { issueKey } from '@sms/service-kit';
import { testEvent } from './service-harness';

/**
 * A customer key for `accountId`, announced on the bus as account-billing would (`sms.credential.v1`), for a service
 * under test that does not issue keys itself. On the in-process bus the key works once this resolves.
 */
export async function announceCustomerKey(bus: MessageBus, accountId: string): Promise<string> {
  const key = issueKey();
  const data: CredentialV1 = { keyId: key.keyId, accountId, roles: ['customer'], verifier: key.verifier, status: 'ACTIVE', createdAt: new Date().toISOString() };
  await bus.publish(INTERNAL_TOPICS.credentials, [testEvent(CREDENTIAL_V1, SOURCES.accountBilling, key.keyId, data)]);
  return key.token;
}
