import { runServiceMain } from '@sms/service-kit';
import { ACCOUNT_BILLING_SERVICE } from './index';

// Runs account-billing alone (a production pod); the embedded profile hosts it inside apps/platform instead.
void runServiceMain('account-billing', [ACCOUNT_BILLING_SERVICE]);
