import { InMemoryEventStore } from '@sms/event-store';
import type { DomainError } from '@sms/service-kit';
import { acknowledgedOf, billedOf } from '../application/reconciliation-store.contract';
import { GetReconciliationHandler } from '../get-reconciliation/handler';
import { InMemoryReconciliation } from '../test-support';
import { ImportStatementHandler } from './handler';

const caughtUp = { caughtUp: async () => undefined };

async function given() {
  let now = new Date('2026-12-02T09:00:00.000Z');
  const clock = { now: () => now };
  const events = new InMemoryEventStore();
  await events.appendToStream('account-acc-a', { id: '5b0c2f3e-0000-4000-8000-000000000001', type: 'account-billing.AccountOpened.v1', data: {} });
  const table = new InMemoryReconciliation();
  // November: 100 segments acknowledged and billed.
  await table.acknowledged([acknowledgedOf('m-1', 60), acknowledgedOf('m-2', 40, Date.parse('2026-11-20T00:00:00.000Z'))]);
  await table.billed([billedOf('m-1', 60), billedOf('m-2', 40)]);
  return {
    imports: new ImportStatementHandler(events, table, table, table, caughtUp, clock),
    reconciliations: new GetReconciliationHandler(events, table, table, caughtUp, clock),
    later: (iso: string) => (now = new Date(iso)),
  };
}

const STATEMENT_98 = 'period_start,period_end,segments\n2026-11-01,2026-11-30,98\n';

describe('ImportStatementHandler', () => {
  it('keeps the statement and reconciles its period against it: 2 % fewer segments is 20‰, outside the tolerance', async () => {
    const { imports, reconciliations } = await given();
    const imported = await imports.handle({ accountId: 'acc-a', csv: STATEMENT_98, importedBy: 'ak_operator' });
    expect(imported).toEqual({
      created: true,
      reconciliation: {
        accountId: 'acc-a',
        from: '2026-11-01T00:00:00.000Z',
        to: '2026-12-01T00:00:00.000Z',
        submittedSegments: 100,
        billedSegments: 100,
        errorPermille: 0,
        withinTolerance: true,
        statement: {
          statementId: expect.any(String),
          periodStart: '2026-11-01T00:00:00.000Z',
          periodEnd: '2026-12-01T00:00:00.000Z',
          operatorSegments: 98,
          submittedSegments: 100,
          errorPermille: 20,
          withinTolerance: false,
          importedAt: '2026-12-02T09:00:00.000Z',
        },
      },
    });
    expect(await reconciliations.handle({ accountId: 'acc-a', from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' })).toEqual(imported.reconciliation);
  });

  it('imports the same statement once; a corrected one becomes the latest', async () => {
    const { imports, reconciliations, later } = await given();
    const first = await imports.handle({ accountId: 'acc-a', csv: STATEMENT_98, importedBy: 'ak_operator' });
    later('2026-12-03T09:00:00.000Z');
    // The same periods and counts, written another way.
    const again = await imports.handle({ accountId: 'acc-a', csv: '\uFEFFperiod_start,period_end,segments\r\n"2026-11-01T00:00:00Z","2026-12-01T00:00:00Z",98\r\n', importedBy: 'ak_other' });
    expect(again).toEqual({ ...first, created: false });
    later('2026-12-04T09:00:00.000Z');
    const corrected = await imports.handle({ accountId: 'acc-a', csv: 'period_start,period_end,segments\n2026-11-01,2026-11-15,60\n2026-11-16,2026-11-30,40\n', importedBy: 'ak_operator' });
    expect(corrected.created).toBe(true);
    expect(corrected.reconciliation.statement).toMatchObject({ operatorSegments: 100, submittedSegments: 100, errorPermille: 0, withinTolerance: true, importedAt: '2026-12-04T09:00:00.000Z' });
    const november = await reconciliations.handle({ accountId: 'acc-a', from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' });
    expect(november.statement?.statementId).toBe(corrected.reconciliation.statement?.statementId);
  });

  it('refuses a malformed statement naming the line, and a statement of an account that does not exist', async () => {
    const { imports } = await given();
    const refused = await imports.handle({ accountId: 'acc-a', csv: 'period_start,period_end,segments\n2026-11-01,2026-11-30,ninety\n', importedBy: 'k' }).catch((e: DomainError) => e);
    expect(refused).toMatchObject({
      code: 'VALIDATION_FAILED',
      detail: 'line 2: segments must be a whole number from 0 to 1000000000000000',
      extra: { errors: [{ field: 'line 2', problems: ['segments must be a whole number from 0 to 1000000000000000'] }] },
    });
    const unknown = await imports.handle({ accountId: 'acc-none', csv: STATEMENT_98, importedBy: 'k' }).catch((e: DomainError) => e);
    expect(unknown).toMatchObject({ code: 'ACCOUNT_NOT_FOUND' });
  });
});
