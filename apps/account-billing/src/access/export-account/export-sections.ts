import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { EVENT_STORE, type EventStore, StreamNotFoundError } from '@sms/event-store';
import { EXPORT_REGISTRY, type ExportRegistry, KEY_DIRECTORY, type KeyDirectory } from '@sms/service-kit';
import { ACCOUNT_BILLING_CODECS, type AccountBillingCodecs } from '../../account-billing.codec';
import type { AccountCommands } from '../../ledger/application/command-handlers';
import { ACCOUNT_COMMANDS } from '../../ledger/application/tokens';
import { accountStream } from '../../ledger/domain/account.events';
import { ledgerEntry, type LedgerTotals } from '../../ledger/domain/ledger';
import { toAccountResponse, toLedgerEntryResponse } from '../../ledger/api/mappers';
import { accountView } from '../../ledger/application/account-view';
import { GetAccountHandler } from '../../ledger/get-account/handler';
import { toKey } from '../api/mappers';
import { DisclosureLogHandler } from '../record-disclosure/handler';

const SERVICE = 'account-billing';
/** Events read from the account stream at a time: the ledger streams, whatever its length. */
const LEDGER_PAGE = 1000;

/** account-billing's part of an account's export: the account itself, its ledger, its keys and its disclosures. */
@Injectable()
export class AccountBillingExportSections implements OnModuleInit {
  constructor(
    @Inject(EXPORT_REGISTRY) private readonly registry: ExportRegistry,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ACCOUNT_COMMANDS) private readonly accounts: AccountCommands,
    @Inject(KEY_DIRECTORY) private readonly keys: KeyDirectory,
    private readonly getAccount: GetAccountHandler,
    private readonly disclosures: DisclosureLogHandler,
    @Inject(ACCOUNT_BILLING_CODECS) private readonly codecs: AccountBillingCodecs,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      name: 'account',
      service: SERVICE,
      description: 'The account: name, contact e-mail, currency, status and balances (one row)',
      ensureAccount: async (accountId) => void (await this.getAccount.handle(accountId)),
      rows: (accountId) => this.account(accountId),
    });
    this.registry.register({
      name: 'ledger',
      service: SERVICE,
      description: 'Every ledger entry, oldest first: type, signed amount, balance and reserved after it, references',
      rows: (accountId) => this.ledger(accountId),
    });
    this.registry.register({
      name: 'api-keys',
      service: SERVICE,
      description: 'API keys of the account, active and revoked (never secrets)',
      rows: (accountId) => this.apiKeys(accountId),
    });
    this.registry.register({
      name: 'disclosures',
      service: SERVICE,
      description: "Every disclosure of the account's data: recipient, legal basis, scope, reference (terms §4.2)",
      rows: (accountId) => this.disclosureRows(accountId),
    });
  }

  private async *account(accountId: string): AsyncIterable<unknown> {
    const { state } = await this.accounts.load(accountStream(accountId));
    if (state.status === 'NONE') return;
    // What GET /v1/accounts/{id} answers, and the contact e-mail, which only the account's own export shows.
    yield { ...toAccountResponse(accountView(state)), contactEmail: state.contactEmail };
  }

  private async *ledger(accountId: string): AsyncIterable<unknown> {
    const totals: LedgerTotals = { balanceMinor: 0n, reservedMinor: 0n };
    for (let from = 0n; ; from += BigInt(LEDGER_PAGE)) {
      let events;
      try {
        events = await this.store.readStream(accountStream(accountId), { fromRevision: from, maxCount: LEDGER_PAGE });
      } catch (error) {
        if (error instanceof StreamNotFoundError) return;
        throw error;
      }
      for (const recorded of events) {
        const entry = ledgerEntry(this.codecs.account.decode(recorded), recorded.revision, totals);
        if (!entry) continue;
        yield toLedgerEntryResponse(entry);
      }
      if (events.length < LEDGER_PAGE) return;
    }
  }

  private async *apiKeys(accountId: string): AsyncIterable<unknown> {
    yield* this.keys.list(accountId).map(toKey);
  }

  private async *disclosureRows(accountId: string): AsyncIterable<unknown> {
    yield* await this.disclosures.list(accountId);
  }
}
