import { protoFile } from '@sms/contracts';
import type { ServiceDefinition } from '@sms/service-kit';
// The module first: it loads Nest and with it reflect-metadata, which the settings class's decorators need to record
// the types their values are converted to (this index is the first import of the embedded host).
import { AccountBillingModule } from './account-billing.module';
import { AccountBillingConfig } from './account-billing.config';

export { AccountBillingModule } from './account-billing.module';
export { AccountBillingConfig } from './account-billing.config';
export { AccountBillingOutbox } from './ledger/infrastructure/account-billing-outbox';
export { CONSUMER_GROUPS as ACCOUNT_BILLING_CONSUMER_GROUPS } from './ledger/infrastructure/account-billing-consumers';
export { DEFAULT_CATALOGUE } from './pricing/domain/price-catalogue';

export const ACCOUNT_BILLING_SERVICE: ServiceDefinition = {
  name: 'account-billing',
  module: AccountBillingModule,
  grpc: [{ package: 'sms.account.v1', protoPath: protoFile('account.proto') }],
  settings: [AccountBillingConfig],
};
