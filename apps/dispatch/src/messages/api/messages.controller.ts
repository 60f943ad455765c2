import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import { ApiAcceptedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, ApiProblems, BODY_PROBLEMS, Caller, DomainError, grpcCall, grpcCaller, type Principal, TenantAccess, validateGrpcRequest } from '@sms/service-kit';
import { BatchTexts } from '../application/batch-texts';
import type { MessageRecord } from '../application/message-read-model';
import { GetMessageHandler } from '../get-message/handler';
import { ListMessagesHandler } from '../list-messages/handler';
import { SendMessagesHandler, SendMessagesResult } from '../send-messages/handler';
import { ListMessagesQuery, MessagePage, MessageResponse, SendMessagesDto, SendMessagesResponse } from './dto';
import { MessageView, toMessageView } from './message.mapper';

@ApiTags('messages')
@Controller('v1/messages')
export class MessagesController {
  constructor(
    private readonly send: SendMessagesHandler,
    private readonly getMessageHandler: GetMessageHandler,
    private readonly listMessagesHandler: ListMessagesHandler,
    private readonly tenants: TenantAccess,
    private readonly batchTexts: BatchTexts,
  ) {}

  @Post()
  @HttpCode(202)
  @Access('customer')
  @ApiOperation({ summary: 'Send a templated message to 1–1,000 recipients' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Same key and body within an account = the same batch; same key, other body = 422 IDEMPOTENCY_KEY_REUSED',
    schema: { type: 'string', minLength: 1, maxLength: 128 },
  })
  @ApiAcceptedResponse({ type: SendMessagesResponse, description: 'Accepted; per-recipient refusals are listed in rejected' })
  @ApiProblems(
    ...BODY_PROBLEMS,
    'INVALID_PHONE_NUMBER',
    'TEMPLATE_PARAM_MISSING',
    'TEMPLATE_PARAM_INVALID',
    'ACCOUNT_FROZEN',
    'ACCOUNT_SUSPENDED',
    'ACCOUNT_TERMINATED',
    'ACCOUNT_NOT_FOUND',
    'SIGNATURE_NOT_FOUND',
    'TEMPLATE_NOT_FOUND',
    'IDEMPOTENCY_KEY_REUSED',
    'SIGNATURE_NOT_APPROVED',
    'TEMPLATE_NOT_APPROVED',
    'CONSENT_REQUIRED',
    'OPTED_OUT',
    'INTERNATIONAL_TEMPLATE_REQUIRED',
  )
  sendMessages(@Body() body: SendMessagesDto, @Caller() caller: Principal, @Headers('idempotency-key') idempotencyKey?: string): Promise<SendMessagesResult> {
    if (idempotencyKey !== undefined && (idempotencyKey.length === 0 || idempotencyKey.length > 128)) {
      throw new DomainError('VALIDATION_FAILED', 'Idempotency-Key must be 1–128 characters');
    }
    return this.send.handle({ ...body, accountId: this.tenants.account(caller, body.accountId), idempotencyKey });
  }

  @Get(':messageId')
  @Access('customer', 'operator', 'reviewer')
  @ApiOperation({ summary: 'One message: status, segments, operator, channel, times, and — for the account’s own key — its text' })
  @ApiOkResponse({ type: MessageResponse })
  @ApiProblems('MESSAGE_NOT_FOUND')
  async getMessage(@Param('messageId') messageId: string, @Caller() caller: Principal): Promise<MessageView> {
    const message = this.tenants.own(caller, await this.getMessageHandler.handle(messageId), (m) => m.accountId, messageId, () => messageNotFound(messageId));
    return messageViewFor(caller, message, this.batchTexts);
  }

  @Get()
  @Access('customer', 'operator', 'reviewer')
  @ApiOperation({ summary: "An account's messages matching the filters, oldest first, a page at a time" })
  @ApiOkResponse({ type: MessagePage })
  @ApiProblems('VALIDATION_FAILED')
  async listMessages(@Query() query: ListMessagesQuery, @Caller() caller: Principal): Promise<{ items: MessageView[]; nextCursor?: string }> {
    const page = await this.listMessagesHandler.handle({ ...query, accountId: this.tenants.account(caller, query.accountId) });
    return { items: page.items.map(toMessageView), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }
}

/** gRPC `sms.dispatch.v1.DispatchService`: the same handlers and validation as REST; failures through the one gRPC error mapper. */
@Controller()
export class DispatchGrpcController {
  constructor(
    private readonly send: SendMessagesHandler,
    private readonly getMessageHandler: GetMessageHandler,
    private readonly tenants: TenantAccess,
    private readonly listMessagesHandler: ListMessagesHandler,
    private readonly batchTexts: BatchTexts,
  ) {}

  @GrpcMethod('DispatchService', 'SendMessages')
  @Access('customer')
  sendMessages(request: SendMessagesDto & { idempotencyKey?: string }, metadata: unknown): Promise<SendMessagesResult> {
    return grpcCall(() => {
      const { idempotencyKey, ...rest } = request;
      // proto3 sends unset strings as '': they mean "not given".
      const dto = validateGrpcRequest(SendMessagesDto, {
        ...rest,
        accountId: rest.accountId || undefined,
        kind: rest.kind || undefined,
        outId: rest.outId || undefined,
        consent: rest.consent?.basis || rest.consent?.reference ? rest.consent : undefined,
      });
      return this.send.handle({ ...dto, accountId: this.tenants.account(grpcCaller(metadata), dto.accountId), idempotencyKey: idempotencyKey || undefined });
    });
  }

  @GrpcMethod('DispatchService', 'GetMessage')
  @Access('customer', 'operator', 'reviewer')
  getMessage(request: { messageId: string }, metadata: unknown): Promise<MessageView> {
    return grpcCall(async () => {
      const caller = grpcCaller(metadata);
      const message = this.tenants.own(caller, await this.getMessageHandler.handle(request.messageId), (m) => m.accountId, request.messageId, () => messageNotFound(request.messageId));
      return messageViewFor(caller, message, this.batchTexts);
    });
  }

  @GrpcMethod('DispatchService', 'ListMessages')
  @Access('customer', 'operator', 'reviewer')
  listMessages(
    request: { accountId?: string; phoneNumber?: string; status?: string; from?: string; to?: string; cursor?: string; limit?: number },
    metadata: unknown,
  ): Promise<{ items: MessageView[]; nextCursor: string }> {
    return grpcCall(async () => {
      const query = validateGrpcRequest(ListMessagesQuery, {
        accountId: given(request.accountId),
        phoneNumber: given(request.phoneNumber),
        status: given(request.status),
        from: given(request.from),
        to: given(request.to),
        cursor: given(request.cursor),
        limit: request.limit || undefined,
      });
      const page = await this.listMessagesHandler.handle({ ...query, accountId: this.tenants.account(grpcCaller(metadata), query.accountId) });
      return { items: page.items.map(toMessageView), nextCursor: page.nextCursor ?? '' };
    });
  }
}

/** One message as its caller may see it: the account's own key also reads its text; staff see how it fared, not what it said. */
async function messageViewFor(caller: Principal, message: MessageRecord, texts: BatchTexts): Promise<MessageView> {
  if (caller.kind !== 'customer') return toMessageView(message);
  const content = (await texts.of(message.batchId)).get(message.messageId);
  return { ...toMessageView(message), ...(content !== undefined ? { content } : {}) };
}

/** proto3 answers unset strings as '' and an unset limit as 0: they mean "no filter". */
const given = (value: string | undefined) => (value ? value : undefined);

const messageNotFound = (id: string) => new DomainError('MESSAGE_NOT_FOUND', `Message ${id} does not exist.`);
