import { Inject, Injectable, Logger } from '@nestjs/common';
import { INBOUND_MESSAGE_V1, type InboundMessageV1 } from '@sms/contracts';
import type { IntegrationEvent } from '@sms/messaging';
import { deterministicId } from '@sms/service-kit';
import { parsePhoneNumber } from '@sms/sms';
import { COMPLAINT_MATCHER } from '../application/tokens';
import type { ComplaintMatcher } from '../domain/complaint-keywords';
import { MAX_COMPLAINT_REASON, RecordComplaintHandler } from '../record-complaint/handler';

/** Who records a complaint found in an MO reply (its `receivedBy`). */
export const MO_COMPLAINT_RECORDER = 'mo-reply';

export type MoComplaintOutcome = 'recorded' | 'not-a-complaint' | 'unrouted' | 'no-phone-number';

export class InvalidInboundPayloadError extends Error {
  constructor(problem: string) {
    super(`Invalid ${INBOUND_MESSAGE_V1} payload: ${problem}`);
    this.name = 'InvalidInboundPayloadError';
  }
}

const isText = (value: unknown, max: number): value is string => typeof value === 'string' && value.length > 0 && value.length <= max;

function parseInbound(data: unknown): Partial<InboundMessageV1> & { content: string } {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new InvalidInboundPayloadError('not an object');
  const d = data as Record<string, unknown>;
  if (typeof d['content'] !== 'string') throw new InvalidInboundPayloadError('content');
  if (d['accountId'] !== undefined && !isText(d['accountId'], 64)) throw new InvalidInboundPayloadError('accountId');
  if (!isText(d['phoneNumber'], 64)) throw new InvalidInboundPayloadError('phoneNumber');
  return { content: d['content'], phoneNumber: d['phoneNumber'], ...(d['accountId'] !== undefined ? { accountId: d['accountId'] as string } : {}) };
}

/**
 * A recipient's reply (`sms.inbound-message.v1`, routed by dispatch to the account that last wrote to the number)
 * that complains — a complaint keyword (`domain/complaint-keywords.ts`) — is recorded as a complaint through the
 * same use case as `POST /v1/complaints`, source MO, so the complaint rate counts it. The complaint's id derives
 * from the event's id: a redelivery records nothing more. A reply no account claims is ignored. Neither the number
 * nor the text is ever logged (the text is kept as the reason, sealed with the number).
 */
@Injectable()
export class RecordMoComplaintHandler {
  private readonly logger = new Logger('RecordMoComplaintHandler');

  constructor(
    @Inject(COMPLAINT_MATCHER) private readonly matcher: ComplaintMatcher,
    private readonly recordComplaint: RecordComplaintHandler,
  ) {}

  async handle(event: IntegrationEvent): Promise<MoComplaintOutcome> {
    const inbound = parseInbound(event.data);
    if (!inbound.accountId) return 'unrouted';
    if (!this.matcher.isComplaint(inbound.content)) return 'not-a-complaint';
    // A reply from an address that is no phone number (a short code) names no recipient to count.
    if (!parsePhoneNumber(inbound.phoneNumber ?? '').ok) {
      this.logger.warn(`complaint reply ${event.id} for account ${inbound.accountId} has no phone number: ignored`);
      return 'no-phone-number';
    }
    const reason = `MO reply: ${[...inbound.content.trim()].slice(0, MAX_COMPLAINT_REASON - 10).join('')}`;
    await this.recordComplaint.handle({
      complaintId: deterministicId('mo-complaint', event.id),
      accountId: inbound.accountId,
      phoneNumber: inbound.phoneNumber as string,
      reason,
      by: MO_COMPLAINT_RECORDER,
      source: 'MO',
    });
    return 'recorded';
  }
}
