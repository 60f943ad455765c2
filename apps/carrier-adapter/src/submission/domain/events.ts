import type { FinalDeliveryStatus } from '@sms/contracts';

/** Domain events of the carrier adapter, stable type strings. */
export const CARRIER_EVENTS = {
  submissionsRecorded: 'carrier-adapter.SubmissionsRecorded.v1',
  deliveriesRecorded: 'carrier-adapter.DeliveriesRecorded.v1',
  inboundRecorded: 'carrier-adapter.InboundRecorded.v1',
} as const;

export const carrierStream = (kind: 'submissions' | 'deliveries' | 'inbound', channelId: string): string => `carrier-${kind}-${channelId}`;

export interface SubmissionResult {
  messageId: string;
  batchId: string;
  accountId: string;
  status: 'SUBMITTED' | 'FAILED';
  segmentsSubmitted: number;
  segmentsFailed: number;
  operatorMessageIds: string[];
  submittedAt: string;
  errorCode?: string;
}

export interface DeliveryResult {
  messageId: string;
  batchId: string;
  accountId: string;
  operatorMessageId: string;
  status: FinalDeliveryStatus;
  errorCode?: string;
  submittedAt?: string;
  doneAt: string;
}

export interface InboundResult {
  inboundId: string;
  from: string;
  to: string;
  content: string;
  receivedAt: string;
}

export interface SubmissionsRecorded {
  channelId: string;
  results: SubmissionResult[];
}

export interface DeliveriesRecorded {
  channelId: string;
  results: DeliveryResult[];
}

export interface InboundRecorded {
  channelId: string;
  messages: InboundResult[];
}
