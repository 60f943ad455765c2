import type { FactoryProvider } from '@nestjs/common';
import { InMemoryCarrierState } from '../../test-support';
import { HALTED_ACCOUNTS_PROVIDER, HaltedAccounts } from './halted-accounts';

describe('HaltedAccounts', () => {
  it('starts from the recorded standings and follows each newer change', () => {
    const halts = new HaltedAccounts([
      { accountId: 'acc-1', status: 'SUSPENDED', changedAt: '2026-11-23T10:00:00.000Z' },
      { accountId: 'acc-2', status: 'ACTIVE', changedAt: '2026-11-23T10:00:00.000Z' },
    ]);
    expect(halts.reasonFor('acc-1')).toBe('ACCOUNT_SUSPENDED');
    expect(halts.reasonFor('acc-2')).toBeUndefined();
    expect(halts.reasonFor('acc-unknown')).toBeUndefined();

    expect(halts.apply({ accountId: 'acc-2', status: 'TERMINATING', changedAt: '2026-11-23T10:00:01.000Z' })).toBe(true);
    expect(halts.reasonFor('acc-2')).toBe('ACCOUNT_TERMINATED');
    expect(halts.apply({ accountId: 'acc-1', status: 'ACTIVE', changedAt: '2026-11-23T10:00:01.000Z' })).toBe(true);
    expect(halts.reasonFor('acc-1')).toBeUndefined();
  });

  it('ignores a change older than the one it holds', () => {
    const halts = new HaltedAccounts([{ accountId: 'acc-1', status: 'ACTIVE', changedAt: '2026-11-23T10:00:05.000Z' }]);
    expect(halts.apply({ accountId: 'acc-1', status: 'FROZEN', changedAt: '2026-11-23T10:00:04.000Z' })).toBe(false);
    expect(halts.reasonFor('acc-1')).toBeUndefined();
  });
});

describe('HALTED_ACCOUNTS_PROVIDER', () => {
  it("loads the halts the carrier's state recorded, before the submit loop can ask", async () => {
    const state = new InMemoryCarrierState();
    await state.recordAccountStatus({ accountId: 'acc-1', status: 'FROZEN', changedAt: '2026-11-23T10:00:00.000Z' }, '2026-11-23T10:00:00.000Z');
    await state.recordAccountStatus({ accountId: 'acc-2', status: 'ACTIVE', changedAt: '2026-11-23T10:00:00.000Z' }, '2026-11-23T10:00:00.000Z');
    const halts = await (HALTED_ACCOUNTS_PROVIDER as FactoryProvider<Promise<HaltedAccounts>>).useFactory(state.reopen());
    expect(halts.reasonFor('acc-1')).toBe('ACCOUNT_FROZEN');
    expect(halts.reasonFor('acc-2')).toBeUndefined();
  });
});
