import { Module } from '@nestjs/common';
import { ACCOUNT_BILLING_CODECS, type AccountBillingCodecs } from './account-billing.codec';
import { EVENT_STORE, type EventStore } from '@sms/event-store';
import { sqliteFile } from '@sms/service-kit';
import { ApiKeysController, AuditLogController, StaffKeysController } from './access/api/api-keys.controller';
import { DisclosuresController } from './access/api/disclosures.controller';
import { AUDIT_LOG } from './access/application/audit-log';
import { DisclosureLogHandler } from './access/record-disclosure/handler';
import { AccountBillingExportSections } from './access/export-account/export-sections';
import { CREDENTIAL_COMMANDS, credentialCommands } from './access/application/credentials';
import { AccessConsumers } from './access/infrastructure/access-consumers';
import { SqliteAuditLog } from './access/infrastructure/sqlite-audit-log';
import { IssueApiKeyHandler } from './access/issue-api-key/handler';
import { RevokeApiKeyHandler } from './access/revoke-api-key/handler';
import { SuspendAccountHandler } from './ledger/suspend-account/handler';
import { AcceptTermsHandler } from './ledger/accept-terms/handler';
import { AdjustFundsHandler } from './ledger/adjust-funds/handler';
import { GrantServiceCreditHandler } from './ledger/grant-service-credit/handler';
import { SetLowBalanceAlertHandler } from './ledger/set-low-balance-alert/handler';
import { TerminateAccountHandler } from './ledger/terminate-account/handler';
import { EnforceRetentionHandler } from './ledger/enforce-retention/handler';
import { EraseAccountDataHandler } from './ledger/erase-account-data/handler';
import { SetRetentionPeriodHandler } from './ledger/set-retention-period/handler';
import { AccountsController } from './ledger/api/accounts.controller';
import { AccountsGrpcController } from './ledger/api/accounts.grpc.controller';
import { DepositFundsHandler } from './ledger/deposit-funds/handler';
import { GetAccountHandler } from './ledger/get-account/handler';
import { GetLedgerHandler } from './ledger/get-ledger/handler';
import { AccountBillingConsumers } from './ledger/infrastructure/account-billing-consumers';
import { AccountBillingOutbox } from './ledger/infrastructure/account-billing-outbox';
import { ACCOUNT_BILLING_INFRASTRUCTURE } from './ledger/infrastructure/account-billing.providers';
import { NOTIFICATION_CONTROLLERS, NOTIFICATION_PROVIDERS } from './notifications/infrastructure/notifications.providers';
import { RECONCILIATION_CONTROLLERS, RECONCILIATION_PROVIDERS } from './reconciliation/infrastructure/reconciliation.providers';
import { LedgerCsvHandler } from './ledger/get-ledger/ledger-csv';
import { OpenAccountHandler } from './ledger/open-account/handler';
import { ReserveFundsHandler } from './ledger/reserve-funds/handler';
import { ReleaseWithdrawnHandler } from './ledger/release-withdrawn/handler';
import { SettleFundsHandler } from './ledger/settle-funds/handler';
import { PriceChangesController, PricesController } from './pricing/api/prices.controller';
import { PricesGrpcController } from './pricing/api/prices.grpc.controller';
import { AnnouncePriceChangeHandler } from './pricing/announce-price-change/handler';
import { ListPriceChangesHandler } from './pricing/list-price-changes/handler';
import { PriceCatalogueService } from './pricing/application/price-catalogue.service';
import { GetPriceCatalogueHandler } from './pricing/get-price-catalogue/handler';
import { SupervisionReactionConsumer } from './supervision-reaction/consumer';
import { SupervisionReactionHandler } from './supervision-reaction/handler';

/**
 * account-billing: accounts, the prepaid ledger (event-sourced on `account-<id>`) and the price catalogue. Writes go
 * through the use-case kit's CommandHandler; its own SQLite file `account-billing.db` holds the outbox checkpoint.
 */
@Module({
  controllers: [AccountsController, PricesController, PriceChangesController, PricesGrpcController, AccountsGrpcController, ApiKeysController, StaffKeysController, AuditLogController, DisclosuresController, ...NOTIFICATION_CONTROLLERS, ...RECONCILIATION_CONTROLLERS],
  providers: [
    ...ACCOUNT_BILLING_INFRASTRUCTURE,
    ...NOTIFICATION_PROVIDERS,
    ...RECONCILIATION_PROVIDERS,
    ...sqliteFile(AUDIT_LOG, 'audit.db', (db) => new SqliteAuditLog(db)),
    {
      provide: CREDENTIAL_COMMANDS,
      inject: [EVENT_STORE, ACCOUNT_BILLING_CODECS],
      useFactory: (store: EventStore, codecs: AccountBillingCodecs) => credentialCommands(store, codecs.credential),
    },
    IssueApiKeyHandler,
    RevokeApiKeyHandler,
    SuspendAccountHandler,
    AdjustFundsHandler,
    GrantServiceCreditHandler,
    SetLowBalanceAlertHandler,
    TerminateAccountHandler,
    AcceptTermsHandler,
    EraseAccountDataHandler,
    SetRetentionPeriodHandler,
    EnforceRetentionHandler,
    DisclosureLogHandler,
    AccountBillingExportSections,
    AccessConsumers,
    PriceCatalogueService,
    GetPriceCatalogueHandler,
    AnnouncePriceChangeHandler,
    ListPriceChangesHandler,
    OpenAccountHandler,
    GetAccountHandler,
    DepositFundsHandler,
    GetLedgerHandler,
    LedgerCsvHandler,
    ReserveFundsHandler,
    SettleFundsHandler,
    ReleaseWithdrawnHandler,
    AccountBillingConsumers,
    AccountBillingOutbox,
    SupervisionReactionHandler,
    SupervisionReactionConsumer,
  ],
  exports: [AccountBillingOutbox],
})
export class AccountBillingModule {}
