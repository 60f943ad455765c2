import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock, deterministicId, DomainError } from '@sms/service-kit';
import { maskPhoneNumber, parsePhoneNumber } from '@sms/sms';
import { randomUUID } from 'node:crypto';
import type { ComplaintRepository, ComplaintSource } from '../application/complaints';
import { COMPLAINT_REPOSITORY, SUPERVISION_CONFIG } from '../application/tokens';
import { complaintRate, type ComplaintRateSettings } from '../domain/complaint-rate';
import { RecordViolationHandler } from '../record-violation/handler';

export const MAX_COMPLAINT_REASON = 500;

export interface RecordComplaintInput {
  accountId: string;
  phoneNumber: string;
  messageId?: string;
  reason: string;
  /** Key id of the operator or reviewer who took the complaint, or `mo-reply`. */
  by: string;
  /** API (default) or MO: a complaint keyword in a recipient's reply. */
  source?: ComplaintSource;
  /** Derived from the cause when there is one (the MO event's id), so a redelivery records the complaint once. */
  complaintId?: string;
}

export interface ComplaintReceipt {
  complaintId: string;
  accountId: string;
  receivedAt: string;
}

/** Who records a complaint-rate violation (its `recordedBy`). */
export const COMPLAINT_RATE_RECORDER = 'complaint-rate';

/**
 * A recipient's complaint (terms §3.4) is kept with its number sealed; then the account's complaints in the rolling
 * window are counted against the messages content-review cleared for it, and above the threshold a COMPLAINT_RATE
 * violation is recorded through the violations' own path — with an id derived from the account and the window, so it
 * is recorded (and the account suspended) once per window.
 */
@Injectable()
export class RecordComplaintHandler {
  private readonly logger = new Logger('RecordComplaintHandler');

  constructor(
    @Inject(COMPLAINT_REPOSITORY) private readonly complaints: ComplaintRepository,
    @Inject(SUPERVISION_CONFIG) private readonly settings: ComplaintRateSettings,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly recordViolation: RecordViolationHandler,
  ) {}

  async handle(input: RecordComplaintInput): Promise<ComplaintReceipt> {
    const accountId = input.accountId?.trim() ?? '';
    if (!accountId) throw new DomainError('VALIDATION_FAILED', 'accountId is required');
    const parsed = parsePhoneNumber(input.phoneNumber);
    if (!parsed.ok) throw new DomainError('INVALID_PHONE_NUMBER', `phoneNumber: ${parsed.detail}`);
    const reason = input.reason?.trim() ?? '';
    if (!reason) throw new DomainError('VALIDATION_FAILED', 'a complaint needs a reason');
    if ([...reason].length > MAX_COMPLAINT_REASON) throw new DomainError('VALIDATION_FAILED', `reason must be at most ${MAX_COMPLAINT_REASON} characters`);

    const now = this.clock.now();
    const receivedAt = now.toISOString();
    const complaintId = input.complaintId ?? randomUUID();
    const added = await this.complaints.add({
      complaintId,
      accountId,
      phoneNumber: parsed.e164,
      ...(input.messageId !== undefined ? { messageId: input.messageId } : {}),
      reason,
      receivedBy: input.by,
      receivedAt,
      source: input.source ?? 'API',
    });
    // A complaint already kept (same id) is not counted again: the rate check ran when it was first recorded.
    if (!added) return { complaintId, accountId, receivedAt };
    this.logger.log(`complaint ${complaintId} (${input.source ?? 'API'}) for account ${accountId} from ${maskPhoneNumber(parsed.e164)}`);
    await this.checkRate(accountId, now);
    return { complaintId, accountId, receivedAt };
  }

  private async checkRate(accountId: string, now: Date): Promise<void> {
    const since = new Date(now.getTime() - this.settings.windowHours * 3600 * 1000).toISOString();
    const [complaints, messages] = await Promise.all([this.complaints.countSince(accountId, since), this.complaints.messagesSince(accountId, since)]);
    const verdict = complaintRate({ complaints, messages, now }, this.settings);
    if (!verdict.breached) return;
    const violationId = deterministicId(`complaint-rate:${accountId}`, String(verdict.windowIndex));
    await this.recordViolation.handle({ violationId, accountId, category: 'complaints', origin: 'COMPLAINT_RATE', evidence: verdict.evidence, by: COMPLAINT_RATE_RECORDER });
  }
}
