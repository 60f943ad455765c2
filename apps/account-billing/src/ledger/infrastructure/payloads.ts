import { MESSAGE_KINDS, type MessageReviewDecidedV1, type MessagesScreenedV1, type MessagesSubmittedV1, type MessagesWithdrawnV1 } from '@sms/contracts';

/**
 * Validation of consumed payloads at the edge. Hand-written rather than class-validator: these run for every batch
 * of up to 1,000 messages on the hot path, and they only need shape and range checks.
 */
export class InvalidPayloadError extends Error {
  constructor(eventType: string, problem: string) {
    super(`Invalid ${eventType} payload: ${problem}`);
    this.name = 'InvalidPayloadError';
  }
}

const isText = (value: unknown, max = 200): value is string => typeof value === 'string' && value.length > 0 && value.length <= max;
const isCount = (value: unknown, min: number): value is number => typeof value === 'number' && Number.isInteger(value) && value >= min && value <= 10_000;
const isRecord = (value: unknown): value is Record<string, any> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function parseMessagesScreened(data: unknown, type = 'sms.messages-screened.v1'): MessagesScreenedV1 {
  const fail = (problem: string): never => {
    throw new InvalidPayloadError(type, problem);
  };
  if (!isRecord(data)) return fail('not an object');
  if (!isText(data.batchId)) fail('batchId');
  if (!isText(data.accountId)) fail('accountId');
  if (!MESSAGE_KINDS.includes(data.kind)) fail('kind');
  if (!Array.isArray(data.cleared)) fail('cleared');
  data.cleared.forEach((m: unknown, i: number) => {
    if (!isRecord(m) || !isText(m.messageId) || !isCount(m.segments, 1) || !isText(m.countryCode, 3) || (m.operator !== undefined && typeof m.operator !== 'string')) {
      fail(`cleared[${i}]`);
    }
  });
  return data as MessagesScreenedV1;
}

/** A reviewer's decision on a held message (ADR 0036): a released one is priced like a cleared message. */
export function parseMessageReviewDecided(data: unknown, type = 'sms.message-review-decided.v1'): MessageReviewDecidedV1 {
  const fail = (problem: string): never => {
    throw new InvalidPayloadError(type, problem);
  };
  if (!isRecord(data)) return fail('not an object');
  if (!isText(data.batchId)) fail('batchId');
  if (!isText(data.accountId)) fail('accountId');
  if (!isText(data.messageId)) fail('messageId');
  if (!MESSAGE_KINDS.includes(data.kind)) fail('kind');
  if (typeof data.released !== 'boolean') fail('released');
  if (!isCount(data.segments, 1)) fail('segments');
  if (!isText(data.countryCode, 3)) fail('countryCode');
  if (data.operator !== undefined && typeof data.operator !== 'string') fail('operator');
  return data as MessageReviewDecidedV1;
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

export function parseMessagesSubmitted(data: unknown, type = 'sms.messages-submitted.v1'): MessagesSubmittedV1 {
  const fail = (problem: string): never => {
    throw new InvalidPayloadError(type, problem);
  };
  if (!isRecord(data)) return fail('not an object');
  if (!isText(data.accountId)) fail('accountId');
  if (!Array.isArray(data.results)) fail('results');
  data.results.forEach((r: unknown, i: number) => {
    if (!isRecord(r) || !isText(r.messageId) || (r.status !== 'SUBMITTED' && r.status !== 'FAILED') || !isCount(r.segmentsSubmitted, 0)) fail(`results[${i}]`);
    // It picks the price in force (terms §2.3), compared as an RFC 3339 UTC string.
    if (isRecord(r) && r.submittedAt !== undefined && !(typeof r.submittedAt === 'string' && ISO_UTC.test(r.submittedAt))) fail(`results[${i}].submittedAt`);
  });
  return data as MessagesSubmittedV1;
}

export function parseMessagesWithdrawn(data: unknown, type = 'sms.messages-withdrawn.v1'): MessagesWithdrawnV1 {
  const fail = (problem: string): never => {
    throw new InvalidPayloadError(type, problem);
  };
  if (!isRecord(data)) return fail('not an object');
  if (!isText(data.accountId)) fail('accountId');
  if (!isText(data.batchId)) fail('batchId');
  if (!isText(data.code, 64)) fail('code');
  if (!Array.isArray(data.messageIds) || data.messageIds.length > 1_000 || !data.messageIds.every((id: unknown) => isText(id))) fail('messageIds');
  return data as MessagesWithdrawnV1;
}
