import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, ApiProblems, BODY_PROBLEMS, Caller, type Principal } from '@sms/service-kit';
import { DecideHeldMessageHandler } from '../decide-held-message/handler';
import { HeldMessageDecisionDto, HeldMessageDecisionResponse } from './dto';

/** A reviewer's decision on a message screening held (ADR 0036); the queue is `GET /v1/review-queue?type=message`. */
@ApiTags('review')
@Controller('v1/messages')
export class HeldMessagesController {
  constructor(private readonly decideHeldMessage: DecideHeldMessageHandler) {}

  @Post(':messageId/review-decision')
  @HttpCode(200)
  @Access('reviewer')
  @ApiOperation({
    summary: 'Release a held message (sent and billed like a cleared one) or block it (BLOCKED, never billed); once per message. A block with recordViolation also records a violation of the account (ADR 0034).',
  })
  @ApiOkResponse({ type: HeldMessageDecisionResponse })
  @ApiProblems(...BODY_PROBLEMS, 'MESSAGE_NOT_FOUND', 'ALREADY_DECIDED', 'ACCOUNT_ERASED', 'CONCURRENCY_CONFLICT')
  async decide(@Param('messageId') messageId: string, @Body() body: HeldMessageDecisionDto, @Caller() caller: Principal): Promise<HeldMessageDecisionResponse> {
    return this.decideHeldMessage.handle({
      messageId,
      release: body.release,
      ...(body.reason !== undefined ? { reason: body.reason } : {}),
      ...(body.recordViolation !== undefined ? { recordViolation: body.recordViolation } : {}),
      decidedBy: caller.keyId,
    });
  }
}
