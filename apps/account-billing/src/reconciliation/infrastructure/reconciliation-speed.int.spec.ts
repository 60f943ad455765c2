import { MESSAGES_SUBMITTED_V1, type MessagesSubmittedV1 } from '@sms/contracts';
import { ephemeralDataProtection } from '@sms/data-protection';
import { SqliteEventStore } from '@sms/event-store';
import { newId, newTimeOrderedId, openSqlite } from '@sms/service-kit';
import { runProjection, SqliteReadModelDatabase } from '@sms/use-case-kit';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AccountBillingEvent, protectedAccountBillingCodecs } from '../../account-billing.codec';
import { parseMessagesSubmitted } from '../../ledger/infrastructure/payloads';
import { accountStream, type FundsCaptured } from '../../ledger/domain/account.events';
import { BILLED_EVENT_TYPE_PREFIX, projectBilled } from '../project-billed/projection';
import { RecordAcknowledgementsHandler } from '../record-acknowledgements/handler';
import { SqliteReconciliationStore } from './sqlite-reconciliation-store';

/*
 * The figures of ADR 0026, on real files: what each side of reconciliation costs a message on the hot path (the
 * platform's bar is 10,000 messages/s in one process), and how long the questions asked of the table take. Printed on
 * stderr; the bounds asserted are loose (a shared 2-core machine), the figures are the point.
 */

const report = (line: string) => process.stderr.write(`[reconciliation speed] ${line}\n`);
const MESSAGES = 100_000;
/** Results per submissions event and items per capture: the carrier adapter coalesces per account. */
const BATCH = 500;
const ACCOUNT = 'acc-speed';
const T0 = Date.parse('2026-11-23T10:00:00.000Z');

describe('reconciliation speed (ADR 0026)', () => {
  let dir: string;
  // Message ids as dispatch makes them (time-ordered UUID v7): a batch's rows are neighbours in the primary key.
  const ids = Array.from({ length: MESSAGES / BATCH }, () => Array.from({ length: BATCH }, () => newTimeOrderedId()));

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'reconciliation-speed-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('costs each message a few microseconds per side, and answers a month of 100k messages in milliseconds', async () => {
    const db = openSqlite(join(dir, 'account-billing.db'));
    const readModels = new SqliteReadModelDatabase(db);
    const table = new SqliteReconciliationStore(db);

    // The carrier's side: parse + map + one unit of work per submissions event, as the consumer does.
    const acknowledgements = new RecordAcknowledgementsHandler(readModels, table);
    const events = ids.map((batch, b) => ({
      id: newId(),
      type: MESSAGES_SUBMITTED_V1,
      source: '/sms/carrier-adapter',
      time: new Date(T0 + b * 100).toISOString(),
      key: ACCOUNT,
      data: JSON.parse(
        JSON.stringify({
          accountId: ACCOUNT,
          channelId: 'smpp-default',
          results: batch.map((messageId) => ({
            messageId,
            batchId: `batch-${b}`,
            status: 'SUBMITTED',
            segmentsSubmitted: 2,
            segmentsFailed: 0,
            operatorMessageIds: ['op-1', 'op-2'],
            submittedAt: new Date(T0 + b * 100).toISOString(),
          })),
        } satisfies MessagesSubmittedV1),
      ) as unknown,
    }));
    let cpu = process.cpuUsage();
    let wall = performance.now();
    for (const event of events) await acknowledgements.handle({ ...event, data: parseMessagesSubmitted(event.data, event.type) });
    const ackCpu = cpuMicros(cpu) / MESSAGES;
    const ackWall = ((performance.now() - wall) * 1000) / MESSAGES;
    report(`acknowledged: ${ackCpu.toFixed(1)} µs CPU, ${ackWall.toFixed(1)} µs wall per message (${MESSAGES} messages, events of ${BATCH})`);

    // The ledger's side: captures committed to a real event store, read back by the projection runner (decode, rows
    // and checkpoint in one unit of work per delivered batch), onto the rows the acknowledgements made.
    const store = new SqliteEventStore(join(dir, 'event-store.db'));
    const codecs = protectedAccountBillingCodecs(ephemeralDataProtection().ring);
    for (const [b, batch] of ids.entries()) {
      const captured: FundsCaptured = {
        type: 'FundsCaptured',
        data: {
          batchKey: newId(),
          items: batch.map((messageId) => ({ messageId, batchId: `batch-${b}`, segments: 2, amountMinor: 900n, releasedMinor: 0n })),
          capturedMinor: 900n * BigInt(BATCH),
          releasedMinor: 0n,
          capturedAt: new Date(T0 + b * 100 + 5).toISOString(),
          balanceAfterMinor: 0n,
          reservedAfterMinor: 0n,
        },
      };
      const stored = codecs.service.encode(captured);
      await store.appendToStream(accountStream(ACCOUNT), { id: newId(), type: stored.type, data: stored.data });
    }
    cpu = process.cpuUsage();
    wall = performance.now();
    const projection = runProjection<AccountBillingEvent>({
      store,
      codec: codecs.service,
      name: 'speed.billed',
      filter: { eventTypePrefixes: [BILLED_EVENT_TYPE_PREFIX] },
      db: readModels,
      project: (batch) => projectBilled(table, batch),
    });
    await projection.caughtUp();
    const billedCpu = cpuMicros(cpu) / MESSAGES;
    const billedWall = ((performance.now() - wall) * 1000) / MESSAGES;
    report(`billed: ${billedCpu.toFixed(1)} µs CPU, ${billedWall.toFixed(1)} µs wall per message (${MESSAGES / BATCH} captures of ${BATCH}, read, decoded and written)`);
    await projection.stop();
    await store.close();

    const month = { fromMs: Date.parse('2026-11-01T00:00:00.000Z'), toMs: Date.parse('2026-12-01T00:00:00.000Z') };
    wall = performance.now();
    const [totals] = await table.totals(ACCOUNT, [month]);
    const totalsMs = performance.now() - wall;
    expect(totals).toEqual({ submittedSegments: 2 * MESSAGES, billedSegments: 2 * MESSAGES });
    const asked = ids.flatMap((batch) => batch.slice(0, 5)).slice(0, 1_000);
    wall = performance.now();
    const charges = await table.charges(ACCOUNT, asked);
    const chargesMs = performance.now() - wall;
    expect(charges).toHaveLength(1_000);
    report(`a month of ${MESSAGES} messages: totals in ${totalsMs.toFixed(1)} ms; charges of 1,000 messages in ${chargesMs.toFixed(1)} ms`);
    const pages = (name: string) => (db.prepare("SELECT COUNT(*) AS pages FROM dbstat WHERE name = ?").get(name) as { pages: number }).pages;
    const pageSize = (db.prepare('PRAGMA page_size').get() as { page_size: number }).page_size;
    const bytes = (pages('reconciliation_messages') + pages('reconciliation_messages_by_time')) * pageSize;
    report(`on disk: ${(bytes / MESSAGES).toFixed(0)} bytes per message (row and index)`);
    db.close();

    // 10,000 messages/s leave 100 µs per message for everything: each side must stay a small part of it.
    expect(ackCpu).toBeLessThan(25);
    expect(billedCpu).toBeLessThan(25);
    expect(totalsMs).toBeLessThan(1_000);
    expect(chargesMs).toBeLessThan(200);
  }, 180_000);
});

function cpuMicros(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return used.user + used.system;
}
