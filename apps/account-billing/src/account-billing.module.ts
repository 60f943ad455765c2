import { Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, type EventStore, SqliteCheckpointStore } from '@sms/event-store';
import { openSqlite, PLATFORM_CONFIG, type PlatformConfig } from '@sms/service-kit';
import type { DatabaseSync } from 'node:sqlite';
import { AccountsController } from './ledger/api/accounts.controller';
import { AccountsGrpcController } from './ledger/api/accounts.grpc.controller';
import { AccountRepository } from './ledger/application/account-repository';
import { ACCOUNT_BILLING_CHECKPOINTS, ACCOUNT_BILLING_DB, ACCOUNT_REPOSITORY } from './ledger/application/tokens';
import { DepositFundsHandler } from './ledger/deposit-funds/handler';
import { GetAccountHandler } from './ledger/get-account/handler';
import { GetLedgerHandler } from './ledger/get-ledger/handler';
import { AccountBillingConsumers } from './ledger/infrastructure/account-billing-consumers';
import { AccountBillingOutbox } from './ledger/infrastructure/account-billing-outbox';
import { OpenAccountHandler } from './ledger/open-account/handler';
import { ReserveFundsHandler } from './ledger/reserve-funds/handler';
import { SettleFundsHandler } from './ledger/settle-funds/handler';
import { PricesController } from './pricing/api/prices.controller';
import { PriceCatalogueService } from './pricing/application/price-catalogue.service';

@Injectable()
class AccountBillingDbCloser implements OnApplicationShutdown {
  constructor(@Inject(ACCOUNT_BILLING_DB) private readonly db: DatabaseSync) {}
  // Shutdown hooks run after every onModuleDestroy, so the outbox has stopped writing checkpoints.
  onApplicationShutdown(): void {
    if (this.db.isOpen) this.db.close();
  }
}

/**
 * account-billing: accounts, the prepaid ledger (event-sourced on `account-<id>`) and the price catalogue. Its own
 * SQLite file `account-billing.db` holds the outbox checkpoint; the ledger itself lives in the event store.
 */
@Module({
  controllers: [AccountsController, PricesController, AccountsGrpcController],
  providers: [
    { provide: ACCOUNT_BILLING_DB, inject: [PLATFORM_CONFIG], useFactory: (config: PlatformConfig) => openSqlite(config.dataFile('account-billing.db')) },
    { provide: ACCOUNT_BILLING_CHECKPOINTS, inject: [ACCOUNT_BILLING_DB], useFactory: (db: DatabaseSync) => new SqliteCheckpointStore(db) },
    { provide: ACCOUNT_REPOSITORY, inject: [EVENT_STORE], useFactory: (store: EventStore) => new AccountRepository(store) },
    AccountBillingDbCloser,
    PriceCatalogueService,
    OpenAccountHandler,
    GetAccountHandler,
    DepositFundsHandler,
    GetLedgerHandler,
    ReserveFundsHandler,
    SettleFundsHandler,
    AccountBillingConsumers,
    AccountBillingOutbox,
  ],
  exports: [AccountBillingOutbox],
})
export class AccountBillingModule {}
