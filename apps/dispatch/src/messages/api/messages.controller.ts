import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { GrpcMethod, RpcException } from '@nestjs/microservices';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@sms/service-kit';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { SendMessagesHandler, SendMessagesResult } from '../application/send-messages.handler';
import { DispatchStore } from '../infrastructure/dispatch-store';
import { DISPATCH_STORE } from '../infrastructure/tokens';
import { ListMessagesQuery, SendMessagesDto } from './dto';
import { decodeCursor, encodeCursor, MessageView, toMessageView } from './message.mapper';

@ApiTags('messages')
@Controller('v1/messages')
export class MessagesController {
  constructor(
    private readonly send: SendMessagesHandler,
    @Inject(DISPATCH_STORE) private readonly dispatch: DispatchStore,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a templated message to 1–1,000 recipients' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Same key and body within an account = the same batch' })
  sendMessages(@Body() body: SendMessagesDto, @Headers('idempotency-key') idempotencyKey?: string): Promise<SendMessagesResult> {
    if (idempotencyKey !== undefined && (idempotencyKey.length === 0 || idempotencyKey.length > 128)) {
      throw new DomainError('VALIDATION_FAILED', 'Idempotency-Key must be 1–128 characters');
    }
    return this.send.handle({ ...body, idempotencyKey });
  }

  @Get(':messageId')
  getMessage(@Param('messageId') messageId: string): MessageView {
    const row = this.dispatch.message(messageId);
    if (!row) throw new DomainError('MESSAGE_NOT_FOUND', `Message ${messageId} not found`);
    return toMessageView(row);
  }

  @Get()
  listMessages(@Query() query: ListMessagesQuery): { items: MessageView[]; nextCursor?: string } {
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    if (query.cursor && !after) throw new DomainError('VALIDATION_FAILED', 'cursor is not one this API returned');
    const limit = query.limit ?? 100;
    const rows = this.dispatch.queryMessages({ ...query, after, limit });
    return { items: rows.map(toMessageView), ...(rows.length === limit ? { nextCursor: encodeCursor(rows[rows.length - 1]) } : {}) };
  }
}

/** gRPC `sms.dispatch.v1.DispatchService`: the same handlers as REST; validation errors surface as gRPC errors. */
@Controller()
export class DispatchGrpcController {
  constructor(
    private readonly send: SendMessagesHandler,
    @Inject(DISPATCH_STORE) private readonly dispatch: DispatchStore,
  ) {}

  @GrpcMethod('DispatchService', 'SendMessages')
  async sendMessages(request: SendMessagesDto & { idempotencyKey?: string }): Promise<SendMessagesResult> {
    const { idempotencyKey, ...rest } = request;
    const dto = plainToInstance(SendMessagesDto, { ...rest, kind: rest.kind || undefined, outId: rest.outId || undefined });
    const errors = validateSync(dto, { whitelist: true });
    if (errors.length > 0) throw grpcError(3, `VALIDATION_FAILED: ${errors.map((e) => Object.values(e.constraints ?? {}).join('; ')).join(' | ')}`);
    try {
      return await this.send.handle({ ...dto, idempotencyKey: idempotencyKey || undefined });
    } catch (error) {
      throw toGrpcError(error);
    }
  }

  @GrpcMethod('DispatchService', 'GetMessage')
  getMessage(request: { messageId: string }): MessageView {
    const row = this.dispatch.message(request.messageId);
    if (!row) throw grpcError(5, `MESSAGE_NOT_FOUND: Message ${request.messageId} not found`);
    return toMessageView(row);
  }
}

function grpcError(code: number, message: string): RpcException {
  return new RpcException({ code, message });
}

// gRPC status codes: INVALID_ARGUMENT 3, NOT_FOUND 5, FAILED_PRECONDITION 9, ABORTED 10.
function toGrpcError(error: unknown) {
  if (error instanceof DomainError) {
    const code = error.status === 404 ? 5 : error.status === 409 ? 10 : error.status === 400 ? 3 : 9;
    return grpcError(code, `${error.code}: ${error.detail}`);
  }
  return error;
}
