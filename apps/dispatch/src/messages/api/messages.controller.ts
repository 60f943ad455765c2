import { Body, Controller, Delete, Get, Headers, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import { ApiAcceptedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, ApiProblems, BODY_PROBLEMS, Caller, DomainError, grpcCall, grpcCaller, type Principal, TenantAccess, validateGrpcRequest } from '@sms/service-kit';
import { RefusedInMaintenance } from '../../channels/api/refused-in-maintenance';
import { BatchTexts } from '../application/batch-texts';
import type { MessageRecord } from '../application/message-read-model';
import type { SignatureExtensions } from '../application/signature-extensions';
import { SIGNATURE_EXTENSIONS } from '../application/tokens';
import { CancelMessagesHandler } from '../cancel-message/handler';
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
    @Inject(SIGNATURE_EXTENSIONS) private readonly extensions: SignatureExtensions,
    private readonly cancelHandler: CancelMessagesHandler,
  ) {}

  @Post()
  @HttpCode(202)
  @Access('customer')
  @RefusedInMaintenance()
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
    'FREQUENCY_LIMITED',
    'INSUFFICIENT_BALANCE',
    'OUTSIDE_SEND_WINDOW',
    'RATE_LIMITED',
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
    return messageViewFor(caller, message, this.batchTexts, this.extensions);
  }

  @Delete(':messageId')
  @Access('customer', 'operator')
  @ApiOperation({
    summary: 'Cancel a scheduled or queued message no operator has taken yet (never billed)',
    description:
      'A message dispatch still holds ends CANCELLED at once. One already queued at a carrier is asked back: the answer shows error CANCEL_REQUESTED, and it ends CANCELLED — or, if it was already in flight, goes out as usual.',
  })
  @ApiOkResponse({ type: MessageResponse })
  @ApiProblems('MESSAGE_NOT_FOUND', 'MESSAGE_NOT_CANCELLABLE')
  async cancelMessage(@Param('messageId') messageId: string, @Caller() caller: Principal): Promise<MessageView> {
    const message = this.tenants.own(caller, await this.getMessageHandler.handle(messageId), (m) => m.accountId, messageId, () => messageNotFound(messageId));
    return messageViewFor(caller, await this.cancelHandler.cancelOne(message), this.batchTexts, this.extensions);
  }

  @Get()
  @Access('customer', 'operator', 'reviewer')
  @ApiOperation({ summary: "An account's messages matching the filters, oldest first, a page at a time" })
  @ApiOkResponse({ type: MessagePage })
  @ApiProblems('VALIDATION_FAILED')
  async listMessages(@Query() query: ListMessagesQuery, @Caller() caller: Principal): Promise<{ items: MessageView[]; nextCursor?: string }> {
    const page = await this.listMessagesHandler.handle({ ...query, accountId: this.tenants.account(caller, query.accountId) });
    return { items: await viewsOf(page.items, this.extensions), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
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
    @Inject(SIGNATURE_EXTENSIONS) private readonly extensions: SignatureExtensions,
    private readonly cancelHandler: CancelMessagesHandler,
  ) {}

  @GrpcMethod('DispatchService', 'CancelMessage')
  @Access('customer', 'operator')
  cancelMessage(request: { messageId: string }, metadata: unknown): Promise<MessageView> {
    return grpcCall(async () => {
      const caller = grpcCaller(metadata);
      const message = this.tenants.own(caller, await this.getMessageHandler.handle(request.messageId), (m) => m.accountId, request.messageId, () => messageNotFound(request.messageId));
      return messageViewFor(caller, await this.cancelHandler.cancelOne(message), this.batchTexts, this.extensions);
    });
  }

  @GrpcMethod('DispatchService', 'SendMessages')
  @Access('customer')
  @RefusedInMaintenance()
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
        scheduledAt: rest.scheduledAt || undefined,
        outsideWindow: rest.outsideWindow || undefined,
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
      return messageViewFor(caller, message, this.batchTexts, this.extensions);
    });
  }

  @GrpcMethod('DispatchService', 'ListMessages')
  @Access('customer', 'operator', 'reviewer')
  listMessages(
    request: { accountId?: string; phoneNumber?: string; batchId?: string; outId?: string; status?: string; from?: string; to?: string; cursor?: string; limit?: number },
    metadata: unknown,
  ): Promise<{ items: MessageView[]; nextCursor: string }> {
    return grpcCall(async () => {
      const query = validateGrpcRequest(ListMessagesQuery, {
        accountId: given(request.accountId),
        phoneNumber: given(request.phoneNumber),
        batchId: given(request.batchId),
        outId: given(request.outId),
        status: given(request.status),
        from: given(request.from),
        to: given(request.to),
        cursor: given(request.cursor),
        limit: request.limit || undefined,
      });
      const page = await this.listMessagesHandler.handle({ ...query, accountId: this.tenants.account(grpcCaller(metadata), query.accountId) });
      return { items: await viewsOf(page.items, this.extensions), nextCursor: page.nextCursor ?? '' };
    });
  }
}

/** One message as its caller may see it: the account's own key also reads its text; staff see how it fared, not what it said. */
async function messageViewFor(caller: Principal, message: MessageRecord, texts: BatchTexts, extensions: SignatureExtensions): Promise<MessageView> {
  const [view] = await viewsOf([message], extensions);
  if (caller.kind !== 'customer') return view;
  const content = (await texts.of(message.batchId)).get(message.messageId);
  return { ...view, ...(content !== undefined ? { content } : {}) };
}

/** Messages as views, each with its signature's extension code (what a reply to it is addressed to; ADR 0021). */
async function viewsOf(messages: MessageRecord[], extensions: SignatureExtensions): Promise<MessageView[]> {
  const codes = await extensions.extensionsOf(messages.map((m) => m.signatureId));
  return messages.map((m) => toMessageView(m, codes.get(m.signatureId)));
}

/** proto3 answers unset strings as '' and an unset limit as 0: they mean "no filter". */
const given = (value: string | undefined) => (value ? value : undefined);

const messageNotFound = (id: string) => new DomainError('MESSAGE_NOT_FOUND', `Message ${id} does not exist.`);
