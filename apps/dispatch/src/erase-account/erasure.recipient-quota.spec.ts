import { InMemoryEventStore } from '@sms/event-store';
import { ErasureRegistry } from '@sms/service-kit';
import { dispatchCodec } from '../dispatch.codec';
import type { InboundRepository } from '../inbound/application/inbound-repository';
import { batchCommandHandler } from '../messages/application/batches';
import { quotaRequest } from '../messages/application/recipient-quota.contract';
import { DEFAULT_FREQUENCY_LIMITS, FrequencyPolicy } from '../messages/domain/frequency-limits';
import { InMemoryRecipientQuota } from '../messages/infrastructure/in-memory-recipient-quota';
import { InMemoryMessageReadModel, InMemoryReadModelDatabase } from '../test-support';
import { DispatchErasure } from './erasure';

describe('DispatchErasure: the harassment guard’s counters (ADR 0022)', () => {
  async function fixture() {
    const quota = new InMemoryRecipientQuota(FrequencyPolicy.parse(DEFAULT_FREQUENCY_LIMITS));
    await quota.take(quotaRequest({ accountId: 'acc-1' }));
    await quota.take(quotaRequest({ accountId: 'acc-2', signatureId: 'sig-2' }));
    const registry = new ErasureRegistry();
    const inbound = { purge: async () => 0 } as unknown as InboundRepository;
    const extensions = { retire: async () => 0 };
    const erasure = new DispatchErasure(
      registry,
      batchCommandHandler(new InMemoryEventStore(), dispatchCodec),
      new InMemoryMessageReadModel(),
      new InMemoryReadModelDatabase(),
      inbound,
      new InMemoryReadModelDatabase(),
      extensions,
      quota,
    );
    erasure.onModuleInit();
    const [participant] = registry.all();
    /** Whether a code to the number under the account's signature would be refused now. */
    const limited = async (accountId: string, signatureId: string) => (await quota.take(quotaRequest({ accountId, signatureId, atMs: Date.parse('2026-11-23T10:00:01Z') }))).limited.size > 0;
    return { participant, limited };
  }

  it('erasing the account drops its counters, not another account’s', async () => {
    const f = await fixture();
    await f.participant.erase({ accountId: 'acc-1' });
    expect(await f.limited('acc-1', 'sig-1')).toBe(false);
    expect(await f.limited('acc-2', 'sig-2')).toBe(true);
  });

  it('retention leaves them: they last a day at most', async () => {
    const f = await fixture();
    await f.participant.erase({ accountId: 'acc-1', before: '2026-11-23T00:00:00.000Z' });
    expect(await f.limited('acc-1', 'sig-1')).toBe(true);
  });
});
