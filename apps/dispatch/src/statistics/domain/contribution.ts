import { latencyBin, latencyMs } from './latency-histogram';

/*
 * What one message adds to the statistics (DOMAIN §7: submitted, delivered, failed by reason, billed segments,
 * success rate, latency), as a function of where it stands now. Buckets hold the sum of this over the messages in
 * them, so a message that moves is taken out of its old bucket and put into its new one: counting follows the rows,
 * never the events, and a redelivered or repeated event (which moves nothing) counts nothing.
 */

/** The statuses a message counts under. ACCEPTED, HELD (for a reviewer), QUEUED, SCHEDULED and CANCELLED ones count nowhere. */
export const COUNTED_STATUSES = ['SUBMITTED', 'DELIVERED', 'UNDELIVERED', 'EXPIRED', 'FAILED', 'REJECTED', 'BLOCKED'] as const;
export type CountedStatus = (typeof COUNTED_STATUSES)[number];

/** The operator took these (they only follow an acknowledgement or a receipt): submitted whatever their times say. */
export const SUBMITTED_STATUSES: readonly CountedStatus[] = ['SUBMITTED', 'DELIVERED', 'UNDELIVERED'];
/** Submitted when the operator acknowledged them first (a submission time): a receipt FAILED or EXPIRED after it. */
export const SUBMITTED_IF_TIMED: readonly CountedStatus[] = ['EXPIRED', 'FAILED'];
/** Counted as failed, each under its reason (the error code, else the status). */
export const FAILED_STATUSES: readonly CountedStatus[] = ['FAILED', 'REJECTED', 'BLOCKED', 'EXPIRED'];

/** The facts of a message the statistics read (a message read-model record has them all). */
export interface MessageFacts {
  accountId: string;
  acceptedAt: string;
  kind: string;
  templateId: string;
  signatureId: string;
  operator: string;
  countryCode: string;
  channelId?: string;
  status: string;
  errorCode?: string;
  segments: number;
  submittedAt?: string;
  doneAt?: string;
}

/** Where a message counts: its account, the hour it was accepted, its dimensions, status and failure reason. */
export interface BucketKey {
  accountId: string;
  /** Hours since the Unix epoch (UTC) of the message's acceptance. */
  hour: number;
  kind: string;
  templateId: string;
  signatureId: string;
  operator: string;
  countryCode: string;
  /** '' for a message that never reached a channel. */
  channelId: string;
  status: CountedStatus;
  /** The failure reason of a failed status, '' otherwise. */
  reason: string;
}

export interface Contribution {
  key: BucketKey;
  /** The operator acknowledged it: it counts as submitted, and its segments as billed. */
  submitted: boolean;
  segments: number;
  /** Delivered with both times known: the latency bin it adds to. */
  latencyBin?: number;
}

const isCounted = (status: string): status is CountedStatus => (COUNTED_STATUSES as readonly string[]).includes(status);

export const hourOf = (time: string): number => Math.floor(Date.parse(time) / 3_600_000);

/** What the message adds to the statistics as it stands, or undefined when it counts nowhere. */
export function contributionOf(message: MessageFacts): Contribution | undefined {
  const { status } = message;
  if (!isCounted(status)) return undefined;
  const submitted = SUBMITTED_STATUSES.includes(status) || (SUBMITTED_IF_TIMED.includes(status) && message.submittedAt !== undefined);
  const latency = status === 'DELIVERED' ? latencyMs(message.submittedAt, message.doneAt) : undefined;
  return {
    key: {
      accountId: message.accountId,
      hour: hourOf(message.acceptedAt),
      kind: message.kind,
      templateId: message.templateId,
      signatureId: message.signatureId,
      operator: message.operator,
      countryCode: message.countryCode,
      channelId: message.channelId ?? '',
      status,
      reason: FAILED_STATUSES.includes(status) ? (message.errorCode ?? status) : '',
    },
    submitted,
    segments: message.segments,
    ...(latency !== undefined ? { latencyBin: latencyBin(latency) } : {}),
  };
}
