import { Inject, Injectable, StreamableFile } from '@nestjs/common';
import { formatMoney } from '@sms/contracts';
import { EVENT_STORE, type EventStore, type RecordedEvent, StreamNotFoundError } from '@sms/event-store';
import { DomainError } from '@sms/service-kit';
import { Readable } from 'node:stream';
import { ACCOUNT_BILLING_CODECS, type AccountBillingCodecs } from '../../account-billing.codec';
import { accountStream } from '../domain/account.events';
import { ledgerEntry, type LedgerEntry, type LedgerTotals } from '../domain/ledger';

/*
 * The ledger as CSV (CONTRACTS.md: `GET /v1/accounts/{id}/ledger` with `Accept: text/csv`, ADR 0026): the entries of
 * the JSON answer, every page of them, one line each, oldest first.
 *
 * - RFC 4180: a header line, CRLF line ends, UTF-8; a cell holding a comma, a quote, CR or LF is quoted ("" for ").
 * - Columns: entryId,type,amount,balanceAfter,reservedAfter,at,reference,reason,batchIds,messageIds — the JSON fields
 *   of the same names; lists joined with `;`; an absent field is an empty cell.
 * - Formula injection (OWASP "CSV injection"): a free-text cell (reference, reason, ids) that starts with = + - @,
 *   TAB or CR is prefixed with an apostrophe, so a spreadsheet shows it as text instead of running it; a reader
 *   strips one leading apostrophe from those columns to get the value back. Amounts are never prefixed: they are
 *   decimals we format ourselves (`-0.0900`), and a spreadsheet reads a leading minus there as a number.
 */

export const LEDGER_CSV_COLUMNS = ['entryId', 'type', 'amount', 'balanceAfter', 'reservedAfter', 'at', 'reference', 'reason', 'batchIds', 'messageIds'] as const;
export type LedgerCsvColumn = (typeof LEDGER_CSV_COLUMNS)[number];
/** The columns whose text comes from callers (staff, customers, other services), guarded against formula injection. */
export const FREE_TEXT_COLUMNS: ReadonlySet<LedgerCsvColumn> = new Set(['reference', 'reason', 'batchIds', 'messageIds']);
export const LEDGER_CSV_MEDIA_TYPE = 'text/csv; charset=utf-8; header=present';

const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: guarded when it is free text, quoted when it must be. */
export function csvCell(value: string, freeText: boolean): string {
  const guarded = freeText && FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** The values of an entry by column, formatted as the JSON answer formats them (mappers.ts). */
export function ledgerCsvValues(entry: LedgerEntry): Record<LedgerCsvColumn, string> {
  return {
    entryId: String(entry.revision),
    type: entry.type,
    amount: formatMoney(entry.amountMinor),
    balanceAfter: formatMoney(entry.balanceAfterMinor),
    reservedAfter: formatMoney(entry.reservedAfterMinor),
    at: entry.at,
    reference: entry.reference ?? '',
    reason: entry.reason ?? '',
    batchIds: (entry.batchIds ?? []).join(';'),
    messageIds: (entry.messageIds ?? []).join(';'),
  };
}

export const LEDGER_CSV_HEADER = `${LEDGER_CSV_COLUMNS.join(',')}\r\n`;

export function ledgerCsvLine(entry: LedgerEntry): string {
  const values = ledgerCsvValues(entry);
  return `${LEDGER_CSV_COLUMNS.map((column) => csvCell(values[column], FREE_TEXT_COLUMNS.has(column))).join(',')}\r\n`;
}

/**
 * Whether an Accept header asks for CSV rather than JSON: text/csv (or text/*) weighs more than application/json
 * (or application/*, * / *). A tie, no header or one that cannot be read answers JSON, the default.
 */
export function prefersCsv(accept: string | undefined): boolean {
  if (!accept) return false;
  let csv = 0;
  let json = 0;
  for (const range of accept.split(',')) {
    const [type = '', ...parameters] = range.split(';').map((part) => part.trim().toLowerCase());
    const q = parameters.find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    if (!Number.isFinite(weight) || weight < 0 || weight > 1) continue;
    if (type === 'text/csv' || type === 'text/*') csv = Math.max(csv, weight);
    if (type === 'application/json' || type === 'application/*' || type === '*/*') json = Math.max(json, weight);
  }
  return csv > json;
}

/** Events read per round trip to the store. */
const CHUNK_EVENTS = 1_000;
/** Lines sent per write: fewer, larger chunks on the socket. */
const LINES_PER_CHUNK = 200;

/**
 * Streams an account's whole ledger as CSV in one pass over its stream — a chunk of events at a time, running
 * balances carried along — where the JSON pages each replay the stream from the start.
 */
@Injectable()
export class LedgerCsvHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ACCOUNT_BILLING_CODECS) private readonly codecs: AccountBillingCodecs,
  ) {}

  /** ACCOUNT_NOT_FOUND is thrown here, before anything is streamed; the lines are read as they are consumed. */
  async handle(accountId: string, fromRevision = 0n): Promise<AsyncIterable<string>> {
    let first: RecordedEvent[];
    try {
      first = await this.store.readStream(accountStream(accountId), { fromRevision: 'start', maxCount: CHUNK_EVENTS });
    } catch (error) {
      if (error instanceof StreamNotFoundError) throw new DomainError('ACCOUNT_NOT_FOUND', `Account ${accountId} does not exist.`);
      throw error;
    }
    return this.lines(accountId, first, fromRevision);
  }

  private async *lines(accountId: string, first: RecordedEvent[], fromRevision: bigint): AsyncGenerator<string> {
    let chunk = LEDGER_CSV_HEADER;
    let lines = 0;
    for await (const entry of this.entries(accountId, first)) {
      if (entry.revision < fromRevision) continue;
      chunk += ledgerCsvLine(entry);
      if (++lines % LINES_PER_CHUNK === 0) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk !== '') yield chunk;
  }

  private async *entries(accountId: string, first: RecordedEvent[]): AsyncGenerator<LedgerEntry> {
    const totals: LedgerTotals = { balanceMinor: 0n, reservedMinor: 0n };
    let events = first;
    for (;;) {
      for (const recorded of events) {
        const entry = ledgerEntry(this.codecs.account.decode(recorded), recorded.revision, totals);
        if (entry) yield entry;
      }
      if (events.length < CHUNK_EVENTS) return;
      events = await this.store.readStream(accountStream(accountId), { fromRevision: events[events.length - 1].revision + 1n, maxCount: CHUNK_EVENTS });
    }
  }
}

/** What the ledger route answers for CSV: the lines streamed as a download. */
export type LedgerCsvFile = StreamableFile;

export function ledgerCsvFile(lines: AsyncIterable<string>, accountId: string): LedgerCsvFile {
  return new StreamableFile(Readable.from(lines), { type: LEDGER_CSV_MEDIA_TYPE, disposition: `attachment; filename="ledger-${accountId}.csv"` });
}

/** The first line of the CSV, as the OpenAPI document shows it. */
export const LEDGER_CSV_EXAMPLE = `${LEDGER_CSV_HEADER}7,CAPTURE,-0.0900,99.9100,0.0000,2026-11-23T10:00:01.000Z,,,batch-1,m-1;m-2\r\n`;
