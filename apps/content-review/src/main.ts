import { runServiceMain } from '@sms/service-kit';
import { CONTENT_REVIEW_SERVICE } from './index';

// content-review alone (one pod in production); the embedded profile hosts it in apps/platform instead.
void runServiceMain('content-review', [CONTENT_REVIEW_SERVICE]);
