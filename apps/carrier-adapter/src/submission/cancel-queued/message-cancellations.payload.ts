import { MESSAGE_CANCELLATIONS_REQUESTED_V1, type MessageCancellationsRequestedV1 } from '@sms/contracts';
import { UtcTime, validateOrThrow } from '@sms/service-kit';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';

/** A cancellation names at most what one send request holds. */
const MAX_MESSAGES = 1000;

class CancelledMessagePayload {
  @IsString() @MinLength(1) @MaxLength(128) messageId!: string;
  @IsString() @MinLength(1) @MaxLength(128) batchId!: string;
}

class MessageCancellationsPayload implements MessageCancellationsRequestedV1 {
  @IsString() @MinLength(1) @MaxLength(128) accountId!: string;
  @UtcTime() requestedAt!: string;
  @IsArray() @ArrayMaxSize(MAX_MESSAGES) @ValidateNested({ each: true }) @Type(() => CancelledMessagePayload) messages!: CancelledMessagePayload[];
}

/** Checks a consumed cancellation request at the edge: a malformed one throws, so the bus retries it and then dead-letters it. */
export function parseMessageCancellationsRequested(data: unknown): MessageCancellationsRequestedV1 {
  const payload = validateOrThrow(MessageCancellationsPayload, { ...(typeof data === 'object' && data !== null ? data : {}) }, `${MESSAGE_CANCELLATIONS_REQUESTED_V1} payload`);
  return {
    accountId: payload.accountId,
    requestedAt: payload.requestedAt,
    messages: payload.messages.map(({ messageId, batchId }) => ({ messageId, batchId })),
  };
}
