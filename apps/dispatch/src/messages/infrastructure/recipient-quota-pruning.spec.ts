import { quotaRequest } from '../application/recipient-quota.contract';
import { DEFAULT_FREQUENCY_LIMITS, FrequencyPolicy } from '../domain/frequency-limits';
import { InMemoryRecipientQuota } from './in-memory-recipient-quota';
import { PRUNE_CHUNK, RecipientQuotaPruning } from './recipient-quota-pruning';

describe('RecipientQuotaPruning', () => {
  it('prunes the expired counters a chunk at a time until none is left, and keeps the others', async () => {
    const quota = new InMemoryRecipientQuota(FrequencyPolicy.parse(DEFAULT_FREQUENCY_LIMITS));
    const numbers = Array.from({ length: PRUNE_CHUNK + 2 }, (_, i) => `+86139${String(i).padStart(8, '0')}`);
    await quota.take(quotaRequest({ phoneNumbers: numbers, at: new Date('2026-11-22T09:00:00Z') }));
    await quota.take(quotaRequest({ phoneNumbers: ['+8613800138000'], at: new Date('2026-11-23T09:59:30Z') }));
    const pruning = new RecipientQuotaPruning(quota, { now: () => new Date('2026-11-23T10:00:00Z') });
    expect(await pruning.pruneExpired()).toBe(PRUNE_CHUNK + 2);
    expect(await pruning.pruneExpired()).toBe(0);
    expect((await quota.take(quotaRequest({ at: new Date('2026-11-23T10:00:00Z') }))).limited.size).toBe(1);
  });
});
