import { protoFile } from '@sms/contracts';
import type { ServiceDefinition } from '@sms/service-kit';
import { AccountBillingModule } from './account-billing.module';

export { AccountBillingModule } from './account-billing.module';
export { AccountBillingOutbox } from './ledger/infrastructure/account-billing-outbox';
export { CONSUMER_GROUPS as ACCOUNT_BILLING_CONSUMER_GROUPS } from './ledger/infrastructure/account-billing-consumers';
export { DEFAULT_CATALOGUE } from './pricing/domain/price-catalogue';

export const ACCOUNT_BILLING_SERVICE: ServiceDefinition = {
  name: 'account-billing',
  module: AccountBillingModule,
  grpc: [{ package: 'sms.account.v1', protoPath: protoFile('account.proto') }],
};
