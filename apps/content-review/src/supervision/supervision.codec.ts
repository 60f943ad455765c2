import { eventCodec, jsonEventType, type ServiceEventCodec } from '@sms/use-case-kit/core';
import { SUPERVISION_EVENTS, type ViolationEvent } from './domain/events';

const byAccount = (paths: string[]) => ({ owner: (data: { accountId: string }) => data.accountId, paths });

/**
 * The supervision events' codec (ADR 0034). The evidence of a violation may quote a message or a number, so it is
 * sealed with the account's data key once the codec is `protectedBy` the process's key ring (ADR 0016) and becomes
 * unreadable when the account's data is erased. Kept apart from the review codec so both slices evolve without
 * touching each other's registry; the review outbox skips these types as unknown.
 */
export const supervisionCodec: ServiceEventCodec<ViolationEvent> = eventCodec<ViolationEvent>({
  typeOf: (event) => event.type,
  types: [
    { ...jsonEventType<ViolationEvent>('ViolationRecorded', SUPERVISION_EVENTS.violationRecorded), personal: byAccount(['evidence']) },
    jsonEventType<ViolationEvent>('ViolationResolved', SUPERVISION_EVENTS.violationResolved),
  ],
});
