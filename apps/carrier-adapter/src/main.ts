import { runServiceMain } from '@sms/service-kit';
import { CARRIER_ADAPTER_SERVICE } from './index';

void runServiceMain('carrier-adapter', [CARRIER_ADAPTER_SERVICE]);
