import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, ApiProblems, BODY_PROBLEMS, Caller, KEY_DIRECTORY, type KeyDirectory, type Principal, TenantAccess } from '@sms/service-kit';
import { GetAccountHandler } from '../../ledger/get-account/handler';
import { AUDIT_LOG, type AuditLog } from '../application/audit-log';
import { IssueApiKeyHandler } from '../issue-api-key/handler';
import { RevokeApiKeyHandler } from '../revoke-api-key/handler';
import { toKey } from './mappers';
import { ApiKeyListResponse, AuditLogQuery, AuditLogResponse, CreateApiKeyDto, CreateStaffKeyDto, IssuedApiKeyResponse, RevokeApiKeyDto } from './dto';

/** An account's API keys: several at once, listed without secrets, revoked at once (CONTRACTS.md). */
@ApiTags('api keys')
@Controller('v1/accounts/:accountId/api-keys')
export class ApiKeysController {
  constructor(
    private readonly issue: IssueApiKeyHandler,
    private readonly revoke: RevokeApiKeyHandler,
    private readonly accounts: GetAccountHandler,
    private readonly tenants: TenantAccess,
    @Inject(KEY_DIRECTORY) private readonly directory: KeyDirectory,
  ) {}

  @Post()
  @HttpCode(201)
  @Access('operator', 'customer')
  @ApiOperation({ summary: 'Create another API key for the account; its secret is shown only in this answer' })
  @ApiCreatedResponse({ type: IssuedApiKeyResponse })
  @ApiProblems(...BODY_PROBLEMS, 'ACCOUNT_NOT_FOUND')
  async create(@Param('accountId') accountId: string, @Body() body: CreateApiKeyDto, @Caller() caller: Principal): Promise<IssuedApiKeyResponse> {
    const account = await this.accounts.handle(this.tenants.account(caller, accountId));
    return this.issue.handle({ accountId: account.accountId, roles: ['customer'], label: body.label, by: caller.keyId });
  }

  @Get()
  @Access('operator', 'customer')
  @ApiOperation({ summary: 'The account’s API keys, active and revoked, without secrets' })
  @ApiOkResponse({ type: ApiKeyListResponse })
  @ApiProblems('ACCOUNT_NOT_FOUND')
  async list(@Param('accountId') accountId: string, @Caller() caller: Principal): Promise<ApiKeyListResponse> {
    const account = await this.accounts.handle(this.tenants.account(caller, accountId));
    return { items: this.directory.list(account.accountId).map(toKey) };
  }

  @Delete(':keyId')
  @HttpCode(204)
  @Access('operator', 'customer')
  @ApiOperation({ summary: 'Revoke a key: refused from now on (in other processes as soon as they hear of it)' })
  @ApiNoContentResponse({ description: 'Revoked (or already revoked)' })
  @ApiProblems('ACCOUNT_NOT_FOUND', 'API_KEY_NOT_FOUND')
  async remove(@Param('accountId') accountId: string, @Param('keyId') keyId: string, @Body() body: RevokeApiKeyDto, @Caller() caller: Principal): Promise<void> {
    await this.revoke.handle({ keyId, accountId: this.tenants.account(caller, accountId), reason: body?.reason, by: caller.keyId });
  }
}

/** Keys for platform staff: operator or reviewer. */
@ApiTags('api keys')
@Controller('v1/staff-keys')
export class StaffKeysController {
  constructor(
    private readonly issue: IssueApiKeyHandler,
    private readonly revoke: RevokeApiKeyHandler,
    @Inject(KEY_DIRECTORY) private readonly directory: KeyDirectory,
  ) {}

  @Post()
  @HttpCode(201)
  @Access('operator')
  @ApiOperation({ summary: 'Create a staff key with the operator or reviewer role; its secret is shown only in this answer' })
  @ApiCreatedResponse({ type: IssuedApiKeyResponse })
  @ApiProblems(...BODY_PROBLEMS)
  create(@Body() body: CreateStaffKeyDto, @Caller() caller: Principal): Promise<IssuedApiKeyResponse> {
    return this.issue.handle({ roles: [body.role], label: body.label, by: caller.keyId });
  }

  @Get()
  @Access('operator')
  @ApiOperation({ summary: 'Staff keys, active and revoked, without secrets' })
  @ApiOkResponse({ type: ApiKeyListResponse })
  list(): ApiKeyListResponse {
    return { items: this.directory.list(undefined).map(toKey) };
  }

  @Delete(':keyId')
  @HttpCode(204)
  @Access('operator')
  @ApiOperation({ summary: 'Revoke a staff key' })
  @ApiNoContentResponse({ description: 'Revoked (or already revoked)' })
  @ApiProblems('API_KEY_NOT_FOUND')
  async remove(@Param('keyId') keyId: string, @Body() body: RevokeApiKeyDto, @Caller() caller: Principal): Promise<void> {
    await this.revoke.handle({ keyId, reason: body?.reason, by: caller.keyId });
  }
}

/** Every staff action, who, what, when and why (DOMAIN §6, terms §4.2). */
@ApiTags('audit')
@Controller('v1/audit-log')
export class AuditLogController {
  constructor(@Inject(AUDIT_LOG) private readonly auditLog: AuditLog) {}

  @Get()
  @Access('operator')
  @ApiOperation({ summary: 'Staff actions, newest first' })
  @ApiOkResponse({ type: AuditLogResponse })
  @ApiProblems('VALIDATION_FAILED')
  list(@Query() query: AuditLogQuery): AuditLogResponse {
    return this.auditLog.list({ ...query, limit: query.limit ?? 50 });
  }
}
