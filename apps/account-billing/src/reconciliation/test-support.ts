import { parse } from 'csv-parse/sync';
import type { UnitOfWork } from '@sms/use-case-kit';
import type { MessageCharge, ReconciliationStore, SegmentTotals, StatementStore, StoredStatement } from './application/reconciliation-store';
import type { AcknowledgedMessage, BilledMessage } from './domain/message-segments';
import type { Period } from './domain/period';

/*
 * In-memory reconciliation for handler specs (unit level: no SQLite). It passes the same contract suite as the SQLite
 * adapter (test-support.spec.ts), so both are held to one specification. Its unit of work keeps a copy of the rows
 * and puts it back when the work fails.
 */

interface Row {
  accountId: string;
  batchId?: string;
  atMs: number;
  acknowledged?: number;
  billed?: number;
  chargedMinor?: bigint;
}

export class InMemoryReconciliation implements ReconciliationStore, StatementStore, UnitOfWork {
  private rows = new Map<string, Row>();
  private statements: StoredStatement[] = [];

  async transaction<T>(work: () => Promise<T>): Promise<T> {
    const rows = new Map([...this.rows].map(([id, row]) => [id, { ...row }]));
    const statements = [...this.statements];
    try {
      return await work();
    } catch (error) {
      this.rows = rows;
      this.statements = statements;
      throw error;
    }
  }

  async acknowledged(messages: AcknowledgedMessage[]): Promise<void> {
    for (const m of messages) {
      const row = this.rows.get(m.messageId);
      if (!row) this.rows.set(m.messageId, { accountId: m.accountId, batchId: m.batchId, atMs: m.atMs, acknowledged: m.segments });
      else if (row.accountId === m.accountId) {
        row.atMs = row.acknowledged === undefined ? m.atMs : Math.min(row.atMs, m.atMs);
        row.acknowledged = Math.max(row.acknowledged ?? 0, m.segments);
        row.batchId ??= m.batchId;
      }
    }
  }

  async billed(messages: BilledMessage[]): Promise<void> {
    for (const m of messages) {
      const row = this.rows.get(m.messageId);
      if (!row) this.rows.set(m.messageId, { accountId: m.accountId, batchId: m.batchId, atMs: m.atMs, billed: m.segments, chargedMinor: m.chargedMinor });
      else if (row.accountId === m.accountId) {
        if (row.acknowledged === undefined) row.atMs = m.atMs;
        row.billed = m.segments;
        row.chargedMinor = m.chargedMinor;
        row.batchId ??= m.batchId;
      }
    }
  }

  async totals(accountId: string, periods: Period[]): Promise<SegmentTotals[]> {
    return periods.map(({ fromMs, toMs }) => {
      const totals = { submittedSegments: 0, billedSegments: 0 };
      for (const row of this.rows.values()) {
        if (row.accountId !== accountId || row.atMs < fromMs || row.atMs >= toMs) continue;
        totals.submittedSegments += row.acknowledged ?? 0;
        totals.billedSegments += row.billed ?? 0;
      }
      return totals;
    });
  }

  async charges(accountId: string, messageIds: string[]): Promise<MessageCharge[]> {
    return [...new Set(messageIds)]
      .sort()
      .flatMap((messageId) => {
        const row = this.rows.get(messageId);
        return row && row.accountId === accountId && row.chargedMinor !== undefined ? [{ messageId, chargedMinor: row.chargedMinor }] : [];
      });
  }

  async save(statement: StoredStatement): Promise<boolean> {
    if (this.statements.some((s) => s.statementId === statement.statementId)) return false;
    this.statements.push(structuredClone(statement));
    return true;
  }

  async get(accountId: string, statementId: string): Promise<StoredStatement | undefined> {
    const found = this.statements.find((s) => s.statementId === statementId && s.accountId === accountId);
    return found && structuredClone(found);
  }

  async latestCovering(accountId: string, period: Period): Promise<StoredStatement | undefined> {
    let latest: StoredStatement | undefined;
    for (const s of this.statements) {
      if (s.accountId !== accountId || Date.parse(s.periodStart) > period.fromMs || Date.parse(s.periodEnd) < period.toMs) continue;
      if (!latest || s.importedAt >= latest.importedAt) latest = s;
    }
    return latest && structuredClone(latest);
  }
}

/** RFC 4180 records of a CSV text (quoted cells may hold commas, quotes and line breaks), read by csv-parse: specs read what the API writes with a parser we did not write. */
export function readCsv(text: string): string[][] {
  return parse(text, { bom: true }) as string[][];
}
