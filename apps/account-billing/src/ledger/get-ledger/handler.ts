import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type RecordedEvent, StreamNotFoundError } from '@sms/event-store';
import { DomainError } from '@sms/service-kit';
import { ACCOUNT_BILLING_CODECS, type AccountBillingCodecs } from '../../account-billing.codec';
import { accountStream } from '../domain/account.events';
import { ledgerEntry, type LedgerEntry, type LedgerTotals } from '../domain/ledger';

export interface LedgerPage {
  accountId: string;
  entries: LedgerEntry[];
  /** Pass as `fromRevision` for the next page; absent on the last page. */
  nextFromRevision?: bigint;
}

export const DEFAULT_LEDGER_PAGE = 100;
export const MAX_LEDGER_PAGE = 1000;
/** Keeps `fromRevision + limit` a safe integer for the store's maxCount. */
const MAX_FROM_REVISION = BigInt(Number.MAX_SAFE_INTEGER - MAX_LEDGER_PAGE - 1);

/**
 * The account's statement replayed from its event stream. Running balances need every earlier event, so a page
 * reads the stream from the start up to its last entry.
 */
@Injectable()
export class GetLedgerHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ACCOUNT_BILLING_CODECS) private readonly codecs: AccountBillingCodecs,
  ) {}

  async handle(accountId: string, fromRevision = 0n, limit = DEFAULT_LEDGER_PAGE): Promise<LedgerPage> {
    if (fromRevision < 0n || fromRevision > MAX_FROM_REVISION) throw new DomainError('VALIDATION_FAILED', `fromRevision must be 0–${MAX_FROM_REVISION}`);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LEDGER_PAGE) throw new DomainError('VALIDATION_FAILED', `limit must be 1–${MAX_LEDGER_PAGE}`);
    let events: RecordedEvent[];
    try {
      // One extra event tells whether another page follows.
      events = await this.store.readStream(accountStream(accountId), { fromRevision: 'start', maxCount: Number(fromRevision) + limit + 1 });
    } catch (error) {
      if (error instanceof StreamNotFoundError) throw new DomainError('ACCOUNT_NOT_FOUND', `Account ${accountId} does not exist.`);
      throw error;
    }
    const totals: LedgerTotals = { balanceMinor: 0n, reservedMinor: 0n };
    const entries: LedgerEntry[] = [];
    const end = fromRevision + BigInt(limit);
    let more = false;
    for (const recorded of events) {
      if (recorded.revision >= end) {
        more = true;
        break;
      }
      const entry = ledgerEntry(this.codecs.account.decode(recorded), recorded.revision, totals);
      if (entry && recorded.revision >= fromRevision) entries.push(entry);
    }
    return { accountId, entries, ...(more ? { nextFromRevision: end } : {}) };
  }
}
