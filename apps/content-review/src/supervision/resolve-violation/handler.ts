import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@sms/service-kit';
import { commandMetadata } from '../../event-metadata';
import { VIOLATIONS } from '../application/tokens';
import { violationAfter, type Violations } from '../application/violations';
import { violationStream } from '../domain/events';
import { decideViolation, type Violation } from '../domain/violation';

export interface ResolveViolationInput {
  violationId: string;
  outcome: string;
  reason: string;
  by: string;
}

/**
 * A reviewer or operator resolves an open violation: `reinstate` (account-billing lifts the suspension) or
 * `terminate` (account-billing requests termination by notice, terms §7.3.5). A second resolution is ALREADY_DECIDED.
 */
@Injectable()
export class ResolveViolationHandler {
  constructor(
    @Inject(VIOLATIONS) private readonly violations: Violations,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle({ violationId, outcome, reason, by }: ResolveViolationInput): Promise<Violation> {
    const result = await this.violations.handle(
      violationStream(violationId),
      (state) => decideViolation({ type: 'ResolveViolation', violationId, outcome, reason, by, now: this.clock.now() }, state),
      { metadata: commandMetadata() },
    );
    return violationAfter(result, violationId);
  }
}
