import { ephemeralDataProtection } from '@sms/data-protection';
import { InMemoryEventStore } from '@sms/event-store';
import { deterministicId } from '@sms/service-kit';
import { protectedAccountBillingCodecs } from '../../account-billing.codec';
import { accountCommands } from '../../ledger/application/command-handlers';
import type { AccountCommand } from '../../ledger/domain/account.commands';
import { decide } from '../../ledger/domain/account.decider';
import { accountStream } from '../../ledger/domain/account.events';
import { InMemoryReconciliation } from '../test-support';
import { billedOf, projectBilled } from './projection';

const at = new Date('2026-11-23T10:00:00.000Z');
const NOVEMBER = { fromMs: Date.parse('2026-11-01T00:00:00.000Z'), toMs: Date.parse('2026-12-01T00:00:00.000Z') };

/** An account's real stream: opened, funded, two messages reserved, one captured (2 of its 2 segments), one failed. */
async function committedEvents() {
  const store = new InMemoryEventStore();
  const codecs = protectedAccountBillingCodecs(ephemeralDataProtection().ring);
  const commands = accountCommands(store, { codec: codecs.account });
  const given: AccountCommand[] = [
    { type: 'OpenAccount', accountId: 'acc-1', name: 'Acme', contactEmail: 'a@acme.test', currency: 'CNY', at },
    { type: 'DepositFunds', amountMinor: 100_000n, reference: 'wire-1', at },
    { type: 'ReserveFunds', batchId: 'batch-1', currency: 'CNY', items: [{ messageId: 'm-1', segments: 2, unitPriceMinor: 450n }, { messageId: 'm-2', segments: 1, unitPriceMinor: 450n }], at },
    {
      type: 'SettleFunds',
      batchKey: 'evt-1',
      results: [
        { messageId: 'm-1', status: 'SUBMITTED', segmentsSubmitted: 2, submittedAt: at.toISOString() },
        { messageId: 'm-2', status: 'FAILED', segmentsSubmitted: 0 },
      ],
      at,
    },
  ];
  for (const [i, command] of given.entries()) await commands.handle(accountStream('acc-1'), (state) => decide(command, state), { eventId: (index) => deterministicId('given', String(i), String(index)) });
  const recorded = await store.readStream(accountStream('acc-1'));
  return recorded.map((r) => ({ event: codecs.service.decode(r) as NonNullable<ReturnType<typeof codecs.service.decode>>, recorded: r }));
}

describe('projectBilled', () => {
  it("records what each capture billed per message, and only captures (releases, reservations and deposits bill nothing)", async () => {
    const events = await committedEvents();
    expect(billedOf(events)).toEqual([{ messageId: 'm-1', accountId: 'acc-1', batchId: 'batch-1', segments: 2, chargedMinor: 900n, atMs: at.getTime() }]);
    const table = new InMemoryReconciliation();
    await projectBilled(table, events);
    expect(await table.totals('acc-1', [NOVEMBER])).toEqual([{ submittedSegments: 0, billedSegments: 2 }]);
    expect(await table.charges('acc-1', ['m-1', 'm-2'])).toEqual([{ messageId: 'm-1', chargedMinor: 900n }]);
  });

  it('changes nothing when a batch is delivered again (after a crash before its checkpoint)', async () => {
    const events = await committedEvents();
    const table = new InMemoryReconciliation();
    await projectBilled(table, events);
    await projectBilled(table, events);
    expect(await table.totals('acc-1', [NOVEMBER])).toEqual([{ submittedSegments: 0, billedSegments: 2 }]);
  });
});
