import { Body, Controller, Get, HttpException, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, ApiProblems, BODY_PROBLEMS, Caller, parseMediaType, type Principal, TenantAccess } from '@sms/service-kit';
import { GetReconciliationHandler } from '../get-reconciliation/handler';
import { ImportStatementHandler } from '../import-statement/handler';
import { ReconciliationQuery, ReconciliationResponse, type ReconciliationView, STATEMENT_CSV_DESCRIPTION, STATEMENT_CSV_EXAMPLE } from './dto';
import { toReconciliationView } from './mappers';

@ApiTags('reconciliation')
@Controller('v1/accounts/:accountId')
export class ReconciliationController {
  constructor(
    private readonly getReconciliation: GetReconciliationHandler,
    private readonly importStatement: ImportStatementHandler,
    private readonly tenants: TenantAccess,
  ) {}

  @Get('reconciliation')
  @Access('operator', 'customer')
  @ApiOperation({
    summary:
      'Segments the operator acknowledged against segments billed, per account and period (terms §2.4: at most 5‰ apart; our own bar is 0‰), and against the latest operator statement covering the period',
  })
  @ApiOkResponse({ type: ReconciliationResponse })
  @ApiProblems('VALIDATION_FAILED', 'ACCOUNT_NOT_FOUND', 'SERVICE_UNAVAILABLE')
  async get(@Param('accountId') accountId: string, @Query() query: ReconciliationQuery, @Caller() caller: Principal): Promise<ReconciliationView> {
    return toReconciliationView(await this.getReconciliation.handle({ accountId: this.tenants.account(caller, accountId), from: query.from, to: query.to }));
  }

  @Post('statements')
  @Access('operator')
  @ApiOperation({
    summary:
      'Import an operator’s statement (text/csv) and reconcile its period against it: 201, or 200 with the same answer when this statement (same periods and counts) was imported before',
  })
  @ApiConsumes('text/csv')
  @ApiBody({ description: STATEMENT_CSV_DESCRIPTION, schema: { type: 'string', example: STATEMENT_CSV_EXAMPLE } })
  @ApiCreatedResponse({ type: ReconciliationResponse, description: 'Imported; the statement’s period reconciled against it' })
  @ApiOkResponse({ type: ReconciliationResponse, description: 'This statement was imported before; nothing changed' })
  @ApiProblems(...BODY_PROBLEMS, 'ACCOUNT_NOT_FOUND', 'SERVICE_UNAVAILABLE')
  async import(
    @Param('accountId') accountId: string,
    @Body() body: unknown,
    @Req() request: { headers: Record<string, string | string[] | undefined> },
    @Caller() caller: Principal,
    @Res({ passthrough: true }) response: { status(code: number): unknown },
  ): Promise<ReconciliationView> {
    // The edge lets JSON through on every route; this one takes CSV only. No body at all is an empty statement (400).
    const header = request.headers['content-type'];
    if (header !== undefined && parseMediaType(String(header))?.type !== 'text/csv') {
      throw new HttpException('A statement is sent as text/csv (see the operation’s description for its format).', 415);
    }
    const csv = typeof body === 'string' ? body : '';
    const result = await this.importStatement.handle({ accountId, csv, importedBy: caller.keyId });
    response.status(result.created ? 201 : 200);
    return toReconciliationView(result.reconciliation);
  }
}
