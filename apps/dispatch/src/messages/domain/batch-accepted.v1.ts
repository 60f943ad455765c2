import type { Upcaster } from '@sms/use-case-kit/core';
import type { BatchAccepted, TextKey } from './events';

/** `dispatch.BatchAccepted.v1`: each message carried its own copy of the rendered text. Kept to read old streams. */
export interface BatchAcceptedV1 extends Omit<BatchAccepted, 'texts' | 'messages' | 'requestHash'> {
  messages: Array<Omit<BatchAccepted['messages'][number], 'text'> & { text: string }>;
}

const DOMESTIC_PREFIX = '+86';

/**
 * v1 → v2: the texts move to the batch, once each. v1 rendered 【signature】 for mainland numbers only, so a
 * message's key follows from its (E.164) number. v1 data never held the request hash (only its metadata did).
 */
export function upcastBatchAcceptedV1(v1: BatchAcceptedV1): BatchAccepted {
  const texts: Partial<Record<TextKey, string>> = {};
  const messages = v1.messages.map(({ text, ...message }) => {
    const key: TextKey = message.phoneNumber.startsWith(DOMESTIC_PREFIX) ? 'domestic' : 'international';
    texts[key] ??= text;
    return { ...message, text: key };
  });
  return { ...v1, texts, messages };
}

export const BATCH_ACCEPTED_V1_UPCASTER: Upcaster = {
  from: 'dispatch.BatchAccepted.v1',
  to: 'dispatch.BatchAccepted.v2',
  upcast: (data) => upcastBatchAcceptedV1(data as BatchAcceptedV1),
};
