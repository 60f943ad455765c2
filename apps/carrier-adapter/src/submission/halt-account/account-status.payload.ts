import { ACCOUNT_STATUS_CHANGED_V1, type AccountStatus, type AccountStatusChangedV1 } from '@sms/contracts';
import { UtcTime, validateOrThrow } from '@sms/service-kit';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import type { AccountStanding } from '../domain/stop-transmission';

/** Every AccountStatus: a status added to the contract fails the build here until it is decided what it means for sending. */
const STATUSES: Record<AccountStatus, true> = { ACTIVE: true, FROZEN: true, SUSPENDED: true, TERMINATING: true, TERMINATED: true };

/** The fields of `sms.account-status-changed.v1` the carrier adapter reads. */
class AccountStatusPayload implements Pick<AccountStatusChangedV1, 'accountId' | 'status' | 'changedAt'> {
  @IsString() @MinLength(1) @MaxLength(128) accountId!: string;
  @IsIn(Object.keys(STATUSES)) status!: AccountStatus;
  /** Normalised to UTC `…Z`, so changes compare by time whatever offset the producer wrote. */
  @UtcTime() changedAt!: string;
}

/** Checks a consumed account status change at the edge: a malformed one throws, so the bus retries it and then dead-letters it. */
export function parseAccountStatusChanged(data: unknown): AccountStanding {
  const { accountId, status, changedAt } = validateOrThrow(AccountStatusPayload, { ...(typeof data === 'object' && data !== null ? data : {}) }, `${ACCOUNT_STATUS_CHANGED_V1} payload`);
  return { accountId, status, changedAt };
}
