import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, ApiProblems, BODY_PROBLEMS, Caller, type Principal, TenantAccess } from '@sms/service-kit';
import { ConfigureWebhookHandler, type WebhookView } from '../configure-webhook/handler';
import { GetWebhookHandler } from '../get-webhook/handler';
import { RemoveWebhookHandler } from '../remove-webhook/handler';
import { PutWebhookDto, WebhookResponse } from './dto';

/**
 * An account's webhook (CONTRACTS.md): where its final receipts and replies are POSTed as signed CloudEvents. A
 * customer key reaches its own account's only; operators any.
 */
@ApiTags('webhooks')
@Controller('v1/accounts/:accountId/webhook')
export class WebhooksController {
  constructor(
    private readonly configure: ConfigureWebhookHandler,
    private readonly get: GetWebhookHandler,
    private readonly remove: RemoveWebhookHandler,
    private readonly tenants: TenantAccess,
  ) {}

  @Put()
  @Access('customer', 'operator')
  @ApiOperation({
    summary: 'Set the account’s webhook: each final delivery receipt and each reply is POSTed there as a CloudEvent (structured JSON) with X-Sms-Signature: sha256=<hex HMAC-SHA256(secret, body)>',
  })
  @ApiOkResponse({ type: WebhookResponse })
  @ApiProblems(...BODY_PROBLEMS, 'ACCOUNT_NOT_FOUND', 'ACCOUNT_ERASED', 'WEBHOOK_TARGET_FORBIDDEN', 'WEBHOOK_TARGET_UNRESOLVABLE')
  put(@Param('accountId') accountId: string, @Body() body: PutWebhookDto, @Caller() caller: Principal): Promise<WebhookView> {
    return this.configure.handle({ accountId: this.tenants.account(caller, accountId), url: body.url, secret: body.secret });
  }

  @Get()
  @Access('customer', 'operator')
  @ApiOperation({ summary: 'The account’s webhook URL (never its secret)' })
  @ApiOkResponse({ type: WebhookResponse })
  @ApiProblems('ACCOUNT_NOT_FOUND', 'WEBHOOK_NOT_FOUND')
  read(@Param('accountId') accountId: string, @Caller() caller: Principal): Promise<WebhookView> {
    return this.get.handle(this.tenants.account(caller, accountId));
  }

  @Delete()
  @HttpCode(204)
  @Access('customer', 'operator')
  @ApiOperation({ summary: 'Remove the account’s webhook; deliveries not yet made are dropped' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiProblems('ACCOUNT_NOT_FOUND', 'WEBHOOK_NOT_FOUND')
  async delete(@Param('accountId') accountId: string, @Caller() caller: Principal): Promise<void> {
    await this.remove.handle(this.tenants.account(caller, accountId));
  }
}
