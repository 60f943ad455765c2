import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { formatMoney } from '@sms/contracts';
import { EVENT_STORE, type EventStore, StreamNotFoundError } from '@sms/event-store';
import { EXPORT_REGISTRY, type ExportRegistry, KEY_DIRECTORY, type KeyDirectory } from '@sms/service-kit';
import { ACCOUNT_BILLING_CODECS, type AccountBillingCodecs } from '../../account-billing.codec';
import type { AccountCommands } from '../../ledger/application/command-handlers';
import { ACCOUNT_COMMANDS } from '../../ledger/application/tokens';
import { accountStream } from '../../ledger/domain/account.events';
import { ledgerEntry, type LedgerTotals } from '../../ledger/domain/ledger';
import { GetAccountHandler } from '../../ledger/get-account/handler';
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
    const view = await this.getAccount.handle(accountId);
    yield {
      accountId,
      name: state.name,
      contactEmail: state.contactEmail,
      currency: state.currency,
      status: view.status,
      ...(view.statusReason ? { statusReason: view.statusReason } : {}),
      balance: formatMoney(view.balanceMinor),
      reserved: formatMoney(view.reservedMinor),
      available: formatMoney(view.availableMinor),
      openedAt: view.openedAt,
    };
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
        yield {
          revision: Number(entry.revision),
          type: entry.type,
          amount: formatMoney(entry.amountMinor),
          balanceAfter: formatMoney(entry.balanceAfterMinor),
          reservedAfter: formatMoney(entry.reservedAfterMinor),
          ...(entry.reference ? { reference: entry.reference } : {}),
          ...(entry.batchId ? { batchId: entry.batchId } : {}),
          ...(entry.batchKey ? { batchKey: entry.batchKey } : {}),
          ...(entry.messages !== undefined ? { messages: entry.messages } : {}),
          ...(entry.rejected !== undefined ? { rejected: entry.rejected } : {}),
          at: entry.at,
        };
      }
      if (events.length < LEDGER_PAGE) return;
    }
  }

  private async *apiKeys(accountId: string): AsyncIterable<unknown> {
    for (const key of this.keys.list(accountId)) {
      yield { keyId: key.keyId, roles: key.roles, status: key.status, label: key.label, createdAt: key.createdAt, revokedAt: key.revokedAt };
    }
  }

  private async *disclosureRows(accountId: string): AsyncIterable<unknown> {
    yield* await this.disclosures.list(accountId);
  }
}
