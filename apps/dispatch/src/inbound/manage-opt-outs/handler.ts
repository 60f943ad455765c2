import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@sms/service-kit';
import { parsePhoneNumber } from '@sms/sms';
import type { InboundRepository, OptOutRecord } from '../application/inbound-repository';
import type { UnitOfWork } from '@sms/use-case-kit';
import { INBOUND_DATABASE, INBOUND_REPOSITORY } from '../application/tokens';

/**
 * An account's opt-out list (DOMAIN §1): the numbers that replied an opt-out keyword, which its marketing no longer
 * reaches, and re-admission of a number whose consent the account obtained again.
 */
@Injectable()
export class ManageOptOutsHandler {
  constructor(
    @Inject(INBOUND_REPOSITORY) private readonly inbound: InboundRepository,
    @Inject(INBOUND_DATABASE) private readonly unitOfWork: UnitOfWork,
  ) {}

  list(accountId: string, cursor: string | undefined, limit: number): Promise<{ items: OptOutRecord[]; nextCursor?: string }> {
    return this.inbound.optOuts({ accountId, after: cursor, limit });
  }

  async readmit(accountId: string, phoneNumber: string): Promise<void> {
    const parsed = parsePhoneNumber(phoneNumber);
    if (!parsed.ok) throw new DomainError(parsed.code, parsed.detail);
    let readmitted = false;
    await this.unitOfWork.transaction(async () => void (readmitted = await this.inbound.readmit(accountId, parsed.e164)));
    if (!readmitted) throw new DomainError('OPT_OUT_NOT_FOUND', 'This number has not opted out of the account.');
  }
}
