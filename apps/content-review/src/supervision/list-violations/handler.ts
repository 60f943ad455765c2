import { Inject, Injectable } from '@nestjs/common';
import { VIOLATION_REPOSITORY } from '../application/tokens';
import type { ViolationRepository, ViolationSummary } from '../application/violations';

export const DEFAULT_VIOLATION_LIMIT = 100;

/** The violations of one account (or every account, for staff), newest first, from the read model. */
@Injectable()
export class ListViolationsHandler {
  constructor(@Inject(VIOLATION_REPOSITORY) private readonly violations: ViolationRepository) {}

  async handle(filter: { accountId?: string; limit?: number }): Promise<ViolationSummary[]> {
    return this.violations.list({ ...(filter.accountId !== undefined ? { accountId: filter.accountId } : {}), limit: filter.limit ?? DEFAULT_VIOLATION_LIMIT });
  }
}
