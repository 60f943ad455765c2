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
import { OpenAccountHandler } from './ledger/open-account/handler';
import { ReserveFundsHandler } from './ledger/reserve-funds/handler';
import { ReleaseWithdrawnHandler } from './ledger/release-withdrawn/handler';
import { SettleFundsHandler } from './ledger/settle-funds/handler';
import { PricesController } from './pricing/api/prices.controller';
import { PriceCatalogueService } from './pricing/application/price-catalogue.service';
import { GetPriceCatalogueHandler } from './pricing/get-price-catalogue/handler';

/**
 * account-billing: accounts, the prepaid ledger (event-sourced on `account-<id>`) and the price catalogue. Writes go
 * through the use-case kit's CommandHandler; its own SQLite file `account-billing.db` holds the outbox checkpoint.
 */
@Module({
  controllers: [AccountsController, PricesController, AccountsGrpcController, ApiKeysController, StaffKeysController, AuditLogController, DisclosuresController],
  providers: [
    ...ACCOUNT_BILLING_INFRASTRUCTURE,
    ...sqliteFile(AUDIT_LOG, 'audit.db', (db) => new SqliteAuditLog(db)),
    {
      provide: CREDENTIAL_COMMANDS,
      inject: [EVENT_STORE, ACCOUNT_BILLING_CODECS],
      useFactory: (store: EventStore, codecs: AccountBillingCodecs) => credentialCommands(store, codecs.credential),
    },
    IssueApiKeyHandler,
    RevokeApiKeyHandler,
    SuspendAccountHandler,
    EraseAccountDataHandler,
    SetRetentionPeriodHandler,
    EnforceRetentionHandler,
    DisclosureLogHandler,
    AccountBillingExportSections,
    AccessConsumers,
    PriceCatalogueService,
    GetPriceCatalogueHandler,
    OpenAccountHandler,
    GetAccountHandler,
    DepositFundsHandler,
    GetLedgerHandler,
    ReserveFundsHandler,
    SettleFundsHandler,
    ReleaseWithdrawnHandler,
    AccountBillingConsumers,
    AccountBillingOutbox,
  ],
  exports: [AccountBillingOutbox],
})
export class AccountBillingModule {}
