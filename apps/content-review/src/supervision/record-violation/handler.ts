import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@sms/service-kit';
import { randomUUID } from 'node:crypto';
import { commandMetadata } from '../../event-metadata';
import { VIOLATIONS } from '../application/tokens';
import { violationAfter, type Violations } from '../application/violations';
import { type ViolationOrigin, violationStream } from '../domain/events';
import { decideViolation, type Violation } from '../domain/violation';

export interface RecordViolationInput {
  accountId: string;
  category: string;
  evidence: string;
  rectifyBy?: string;
  /** Key id of the reviewer, or `complaint-rate`. */
  by: string;
  origin?: ViolationOrigin;
  /** Derived from the cause when there is one (the complaint-rate breach), so a repeat records it once. */
  violationId?: string;
}

/**
 * A reviewer records a confirmed violation (terms §3.1, §3.5–3.7) with its evidence and rectification deadline; the
 * outbox publishes it and account-billing suspends the account for breach (§7.3.2), which stops its transmission.
 */
@Injectable()
export class RecordViolationHandler {
  constructor(
    @Inject(VIOLATIONS) private readonly violations: Violations,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(input: RecordViolationInput): Promise<Violation> {
    const violationId = input.violationId ?? randomUUID();
    const result = await this.violations.handle(
      violationStream(violationId),
      (state) =>
        decideViolation(
          {
          type: 'RecordViolation',
          violationId,
          accountId: input.accountId,
          category: input.category,
          origin: input.origin ?? 'REVIEWER',
          evidence: input.evidence,
          ...(input.rectifyBy !== undefined ? { rectifyBy: input.rectifyBy } : {}),
          by: input.by,
            now: this.clock.now(),
          },
          state,
        ),
      { metadata: commandMetadata() },
    );
    return violationAfter(result, violationId);
  }

}
