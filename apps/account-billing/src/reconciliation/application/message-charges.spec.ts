import type { DomainError } from '@sms/service-kit';
import { InMemoryReconciliation } from '../test-support';
import { CaughtUpMessageCharges, MAX_CHARGED_MESSAGES } from './message-charges';
import { billedCaughtUp } from './reconciliation';
import { billedOf } from './reconciliation-store.contract';

describe('CaughtUpMessageCharges (terms §8.5: what a credit may not exceed)', () => {
  it("answers what the ledger charged for the account's billed messages, once the captures projection caught up", async () => {
    const table = new InMemoryReconciliation();
    await table.billed([billedOf('m-1', 2, 900n), billedOf('x-1', 1, 450n, undefined, { accountId: 'acc-b' })]);
    // m-2's capture is committed but reaches the table only as the projection catches up.
    const charges = new CaughtUpMessageCharges({ caughtUp: () => table.billed([billedOf('m-2', 1, 450n)]) }, table);
    expect(await charges.chargesOf('acc-a', ['m-1', 'm-2', 'm-1', 'x-1', 'never-billed'])).toEqual([
      { messageId: 'm-1', chargedMinor: 900n },
      { messageId: 'm-2', chargedMinor: 450n },
    ]);
    expect(await charges.chargesOf('acc-a', [])).toEqual([]);
  });

  it(`refuses more than ${MAX_CHARGED_MESSAGES} messages at once`, async () => {
    const charges = new CaughtUpMessageCharges({ caughtUp: async () => undefined }, new InMemoryReconciliation());
    const ids = Array.from({ length: MAX_CHARGED_MESSAGES + 1 }, (_, i) => `m-${i}`);
    await expect(charges.chargesOf('acc-a', ids)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});

describe('billedCaughtUp', () => {
  it('gives up with SERVICE_UNAVAILABLE when the projection does not catch up in time', async () => {
    const stuck = { caughtUp: () => new Promise<void>(() => undefined) };
    const refused = await billedCaughtUp(stuck, 20).catch((e: DomainError) => e);
    expect(refused).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    await expect(billedCaughtUp({ caughtUp: async () => undefined }, 20)).resolves.toBeUndefined();
  });
});
