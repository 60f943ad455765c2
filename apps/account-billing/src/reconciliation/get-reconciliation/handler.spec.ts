import { InMemoryEventStore } from '@sms/event-store';
import { DomainError } from '@sms/service-kit';
import { acknowledgedOf, billedOf, statementOf } from '../application/reconciliation-store.contract';
import { InMemoryReconciliation } from '../test-support';
import { GetReconciliationHandler } from './handler';

const now = new Date('2026-11-23T10:20:00.000Z');
const caughtUp = { caughtUp: async () => undefined };

async function given() {
  const events = new InMemoryEventStore();
  await events.appendToStream('account-acc-a', { id: '5b0c2f3e-0000-4000-8000-000000000001', type: 'account-billing.AccountOpened.v1', data: {} });
  const table = new InMemoryReconciliation();
  return { table, handler: new GetReconciliationHandler(events, table, table, caughtUp, { now: () => now }) };
}

const error = (promise: Promise<unknown>) => promise.then(() => 'resolved', (e: DomainError) => [e.code, e.detail]);

describe('GetReconciliationHandler', () => {
  it('reconciles the current month by default: 0‰ when every acknowledged segment was billed', async () => {
    const { table, handler } = await given();
    await table.acknowledged([acknowledgedOf('m-1', 2), acknowledgedOf('m-2', 1)]);
    await table.billed([billedOf('m-1', 2), billedOf('m-2', 1)]);
    expect(await handler.handle({ accountId: 'acc-a' })).toEqual({
      accountId: 'acc-a',
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-12-01T00:00:00.000Z',
      submittedSegments: 3,
      billedSegments: 3,
      errorPermille: 0,
      withinTolerance: true,
    });
  });

  it('reports a gap between the sides in ‰, within the 5‰ of terms §2.4 or not', async () => {
    const { table, handler } = await given();
    await table.acknowledged(Array.from({ length: 1000 }, (_, i) => acknowledgedOf(`m-${i}`, 1)));
    await table.billed(Array.from({ length: 995 }, (_, i) => billedOf(`m-${i}`, 1)));
    expect(await handler.handle({ accountId: 'acc-a' })).toMatchObject({ submittedSegments: 1000, billedSegments: 995, errorPermille: 5, withinTolerance: true });
    await table.billed([billedOf('x-1', 1), billedOf('x-2', 1), billedOf('x-3', 1), billedOf('x-4', 1), billedOf('x-5', 1), billedOf('x-6', 1), billedOf('m-999', 1)]);
    expect(await handler.handle({ accountId: 'acc-a' })).toMatchObject({ submittedSegments: 1000, billedSegments: 1002, errorPermille: 2, withinTolerance: true });
    expect(await handler.handle({ accountId: 'acc-a', from: '2026-10-01T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z' })).toMatchObject({
      submittedSegments: 0,
      billedSegments: 0,
      errorPermille: 0,
    });
  });

  it('adds the latest statement whose period contains the one asked for, reconciled over its own periods', async () => {
    const { table, handler } = await given();
    await table.acknowledged([acknowledgedOf('m-1', 60), acknowledgedOf('m-2', 40, Date.parse('2026-11-20T00:00:00.000Z'))]);
    await table.billed([billedOf('m-1', 60), billedOf('m-2', 40)]);
    await table.save(statementOf('s-1', '2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z', '2026-12-02T00:00:00.000Z'));
    const result = await handler.handle({ accountId: 'acc-a' });
    expect(result.statement).toEqual({
      statementId: 's-1',
      periodStart: '2026-11-01T00:00:00.000Z',
      periodEnd: '2026-12-01T00:00:00.000Z',
      operatorSegments: 98,
      submittedSegments: 100,
      errorPermille: 20,
      withinTolerance: false,
      importedAt: '2026-12-02T00:00:00.000Z',
    });
    // A part of the month: the month's statement covers it, and is shown with its own figures.
    expect((await handler.handle({ accountId: 'acc-a', from: '2026-11-10T00:00:00.000Z', to: '2026-11-25T00:00:00.000Z' })).statement?.submittedSegments).toBe(100);
    // A period the statement does not contain has none.
    expect(await handler.handle({ accountId: 'acc-a', from: '2026-10-31T00:00:00.000Z', to: '2026-11-02T00:00:00.000Z' })).not.toHaveProperty('statement');
  });

  it('answers ACCOUNT_NOT_FOUND for an account that does not exist, and VALIDATION_FAILED for a period that is none', async () => {
    const { handler } = await given();
    expect(await error(handler.handle({ accountId: 'acc-none' }))).toEqual(['ACCOUNT_NOT_FOUND', 'Account acc-none does not exist.']);
    expect(await error(handler.handle({ accountId: 'acc-a', from: '2026-11-02T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z' }))).toEqual(['VALIDATION_FAILED', 'to must be after from']);
    expect(await error(handler.handle({ accountId: 'acc-a', from: '2025-01-01T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z' }))).toEqual(['VALIDATION_FAILED', 'a period covers at most 366 days']);
  });

  it('waits for the captures projection to catch up before it counts', async () => {
    const { table } = await given();
    const events = new InMemoryEventStore();
    await events.appendToStream('account-acc-a', { id: '5b0c2f3e-0000-4000-8000-000000000002', type: 'account-billing.AccountOpened.v1', data: {} });
    await table.acknowledged([acknowledgedOf('m-1', 2)]);
    // The capture lands only as the projection catches up.
    const lagging = { caughtUp: () => table.billed([billedOf('m-1', 2)]) };
    const handler = new GetReconciliationHandler(events, table, table, lagging, { now: () => now });
    expect(await handler.handle({ accountId: 'acc-a' })).toMatchObject({ submittedSegments: 2, billedSegments: 2, errorPermille: 0 });
  });
});
