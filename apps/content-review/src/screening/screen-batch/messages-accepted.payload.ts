import { MESSAGE_KINDS, MESSAGES_ACCEPTED_V1, MessagesAcceptedV1 } from '@sms/contracts';

/**
 * Shape check of a consumed MessagesAcceptedV1 at the edge. Hand-written rather than class-validator: it runs for
 * every batch of up to 1,000 messages on the send path and needs only shape and range checks.
 */
export class InvalidPayloadError extends Error {
  constructor(problem: string) {
    super(`Invalid ${MESSAGES_ACCEPTED_V1} payload: ${problem}`);
    this.name = 'InvalidPayloadError';
  }
}

const MAX_MESSAGES = 1000;
const isText = (value: unknown, max = 200): value is string => typeof value === 'string' && value.length > 0 && value.length <= max;
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function parseMessagesAccepted(data: unknown): MessagesAcceptedV1 {
  const fail = (problem: string): never => {
    throw new InvalidPayloadError(problem);
  };
  if (!isRecord(data)) return fail('not an object');
  if (!isText(data.batchId)) fail('batchId');
  if (!isText(data.accountId)) fail('accountId');
  if (!(MESSAGE_KINDS as readonly unknown[]).includes(data.kind)) fail('kind');
  if (!isText(data.templateId)) fail('templateId');
  if (!Array.isArray(data.messages) || data.messages.length > MAX_MESSAGES) return fail('messages');
  (data.messages as unknown[]).forEach((m, i) => {
    if (
      !isRecord(m) ||
      !isText(m.messageId) ||
      typeof m.text !== 'string' ||
      !Number.isInteger(m.segments) ||
      (m.segments as number) < 1 ||
      !isText(m.countryCode, 3) ||
      typeof m.operator !== 'string'
    ) {
      fail(`messages[${i}]`);
    }
  });
  return data as unknown as MessagesAcceptedV1;
}
