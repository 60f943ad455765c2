import type { Provider } from '@nestjs/common';
import { ExpirySchedule } from './expire-messages/expiry-schedule';
import { ExpireMessagesHandler } from './expire-messages/handler';
import { ReportFailuresHandler } from './report-failures/handler';
import { FailureReceiptsPipeline } from './report-failures/pipeline';

/**
 * The final statuses dispatch itself decides, published like an operator's receipt (ADR 0019): EXPIRED (the sweep)
 * and FAILED at routing or submission.
 */
export const RECEIPT_PROVIDERS: Provider[] = [ExpireMessagesHandler, ExpirySchedule, ReportFailuresHandler, FailureReceiptsPipeline];
