import { recipientQuotaContract } from '../application/recipient-quota.contract';
import { InMemoryRecipientQuota } from './in-memory-recipient-quota';

recipientQuotaContract('in memory (handler specs)', async (policy) => ({ quota: new InMemoryRecipientQuota(policy), close: async () => undefined }));
