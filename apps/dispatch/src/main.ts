import { runServiceMain } from '@sms/service-kit';
import { DISPATCH_SERVICE } from './index';

void runServiceMain('dispatch', [DISPATCH_SERVICE]);
