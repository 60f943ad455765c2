import type { FinalDeliveryStatus, OperatorCode } from '@sms/contracts';

/** What the operator answered to one message's submission (all its segments). */
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
  /** With errorCode CANCELLED: why (stop-transmission.ts). */
  cancelReason?: string;
}

/** A message's final delivery outcome, once every acknowledged segment has a receipt. */
export interface DeliveryResult {
  messageId: string;
  batchId: string;
  accountId: string;
  operatorMessageId: string;
  status: FinalDeliveryStatus;
  errorCode?: string;
  submittedAt?: string;
  doneAt: string;
  /** Echoed from the routed message, so dispatch publishes the public receipt without a lookup. */
  phoneNumber?: string;
  operator?: OperatorCode;
  outId?: string;
  segments?: number;
}

/** A message from a handset (MO). */
export interface InboundResult {
  inboundId: string;
  from: string;
  to: string;
  content: string;
  receivedAt: string;
}

/** The kinds of outcome the adapter records once and relays to the bus. */
export type OutcomeKind = 'submission' | 'delivery' | 'inbound' | 'returned';
