import { Module } from '@nestjs/common';
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
import { SettleFundsHandler } from './ledger/settle-funds/handler';
import { PricesController } from './pricing/api/prices.controller';
import { PriceCatalogueService } from './pricing/application/price-catalogue.service';
import { GetPriceCatalogueHandler } from './pricing/get-price-catalogue/handler';

/**
 * account-billing: accounts, the prepaid ledger (event-sourced on `account-<id>`) and the price catalogue. Writes go
 * through the use-case kit's CommandHandler; its own SQLite file `account-billing.db` holds the outbox checkpoint.
 */
@Module({
  controllers: [AccountsController, PricesController, AccountsGrpcController],
  providers: [
    ...ACCOUNT_BILLING_INFRASTRUCTURE,
    PriceCatalogueService,
    GetPriceCatalogueHandler,
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
