import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock, deterministicId, DomainError } from '@sms/service-kit';
import type { AccountCommands } from '../application/command-handlers';
import type { RetentionSchedule } from '../application/retention-schedule';
import { ACCOUNT_COMMANDS, RETENTION_POLICY, RETENTION_SCHEDULE } from '../application/tokens';
import { decide } from '../domain/account.decider';
import { accountStream } from '../domain/account.events';
import { DAY_MS, type RetainedAccount, retentionDue, type RetentionPolicy } from '../domain/retention';

/** Accounts read from the schedule at a time. */
const PAGE = 500;

/**
 * The retention job's one pass (terms §4 "saving, destroying"; ADR 0017): for every account whose oldest epochs have
 * aged past its retention period, `AccountDataErased {scope: retention, before}` in its stream — which the outbox
 * publishes for every process to destroy those epochs' keys and purge the rows from before the boundary. A boundary
 * once erased is not announced again (the decider ignores it; its event id derives from account and boundary, so
 * replicas running the job at once append it once).
 */
@Injectable()
export class EnforceRetentionHandler {
  constructor(
    @Inject(ACCOUNT_COMMANDS) private readonly accounts: AccountCommands,
    @Inject(RETENTION_SCHEDULE) private readonly schedule: RetentionSchedule,
    @Inject(RETENTION_POLICY) private readonly policy: RetentionPolicy,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Erases what is due now; answers the accounts it erased for. */
  async handle(): Promise<string[]> {
    const now = this.clock.now();
    const erased: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await this.schedule.accounts(after, PAGE);
      for (const account of page) {
        const before = retentionDue(account, now, this.policy);
        if (before && (await this.erase(account, before, now))) erased.push(account.accountId);
      }
      if (page.length < PAGE) return erased;
      after = page[page.length - 1].accountId;
    }
  }

  private async erase(account: RetainedAccount, before: Date, now: Date): Promise<boolean> {
    const days = account.retentionDays ?? this.policy.defaultRetentionMs / DAY_MS;
    const reason = `retention period of ${Number(days.toFixed(6))} days (${account.retentionDays !== undefined ? "the account's" : "the platform's"}) passed`;
    const result = await this.accounts.handle(
      accountStream(account.accountId),
      (state) => decide({ type: 'EraseRetainedData', before, reason, by: 'retention', at: now }, state),
      { eventId: () => deterministicId(account.accountId, 'retention', before.toISOString()) },
    );
    if (!result.ok) throw new DomainError(result.rejection.code, result.rejection.detail);
    return result.events.length > 0;
  }
}
