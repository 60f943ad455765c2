import { MESSAGE_KINDS, MESSAGE_REVIEW_DECIDED_V1, type MessageReviewDecidedV1 } from '@sms/contracts';
import { InvalidPayloadError } from './balance-payloads';

const isText = (value: unknown, max = 200): value is string => typeof value === 'string' && value.length > 0 && value.length <= max;
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Shape check of a reviewer's decision on a held message at the edge (ADR 0036): a malformed one goes to the
 * dead-letter topic instead of ending a message BLOCKED. Dispatch reads the ids, the verdict and the category only;
 * the pricing fields are account-billing's.
 */
export function parseMessageReviewDecided(data: unknown): MessageReviewDecidedV1 {
  const fail = (problem: string): never => {
    throw new InvalidPayloadError(MESSAGE_REVIEW_DECIDED_V1, problem);
  };
  if (!isRecord(data)) return fail('not an object');
  if (!isText(data.batchId)) fail('batchId');
  if (!isText(data.accountId)) fail('accountId');
  if (!isText(data.messageId)) fail('messageId');
  if (!MESSAGE_KINDS.includes(data.kind as never)) fail('kind');
  if (typeof data.released !== 'boolean') fail('released');
  if (!isText(data.category, 64)) fail('category');
  return data as unknown as MessageReviewDecidedV1;
}
