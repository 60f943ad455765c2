import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@sms/service-kit';
import type { MessageProjection, MessageReadModel, MessageRecord } from '../application/message-read-model';
import { MESSAGE_PROJECTION, MESSAGE_READ_MODEL } from '../application/tokens';

/**
 * One message. A send answers before its messages are projected, so a miss waits for the projection to catch up
 * once before it is a 404: a client that reads what it just sent finds it.
 */
@Injectable()
export class GetMessageHandler {
  constructor(
    @Inject(MESSAGE_READ_MODEL) private readonly messages: MessageReadModel,
    @Inject(MESSAGE_PROJECTION) private readonly projection: MessageProjection,
  ) {}

  async handle(messageId: string): Promise<MessageRecord> {
    let message = await this.messages.find(messageId);
    if (!message) {
      await this.projection.caughtUp();
      message = await this.messages.find(messageId);
    }
    if (!message) throw new DomainError('MESSAGE_NOT_FOUND', `Message ${messageId} not found`);
    return message;
  }
}
