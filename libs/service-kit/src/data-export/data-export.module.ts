import { Controller, Get, Global, Inject, Logger, Module, Param, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import { ApiProblems } from '../openapi';
import { Access, Caller } from '../security/access';
import type { Principal } from '../security/principal';
import { TenantAccess } from '../security/tenant-access';
import { writeExportArchive } from './export-archive';
import { EXPORT_REGISTRY, ExportRegistry } from './export-section';

/** `GET /v1/accounts/{id}/export`: every section this process holds, streamed as one tar archive. */
@ApiTags('data protection')
@Controller('v1/accounts/:accountId/export')
class ExportController {
  private readonly logger = new Logger('DataExport');

  constructor(
    @Inject(EXPORT_REGISTRY) private readonly registry: ExportRegistry,
    private readonly tenants: TenantAccess,
  ) {}

  @Get()
  @Access('operator', 'customer')
  @ApiOperation({
    summary:
      "Download the account's data (terms §4): a tar of NDJSON parts per section — account, ledger, keys, disclosures, signatures, templates, messages with receipts, inbound, opt-outs — with manifest.json first and summary.json last",
  })
  @ApiProduces('application/x-tar')
  @ApiOkResponse({ description: 'The archive (streamed)', content: { 'application/x-tar': { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems('ACCOUNT_NOT_FOUND')
  async export(@Param('accountId') accountId: string, @Caller() caller: Principal, @Res() response: ServerResponse): Promise<void> {
    const account = this.tenants.account(caller, accountId);
    const sections = this.registry.all();
    // Before the first byte: once the archive streams, a missing account could no longer be a 404.
    for (const section of sections) await section.ensureAccount?.(account);
    response.statusCode = 200;
    response.setHeader('Content-Type', 'application/x-tar');
    response.setHeader('Content-Disposition', `attachment; filename="account-${account}-export.tar"`);
    response.setHeader('Cache-Control', 'no-store');
    try {
      await writeExportArchive(account, sections, response);
    } catch (error) {
      // Headers are gone: cut the download short; the archive lacks summary.json, which says it is incomplete.
      this.logger.error(`export of account ${account} cut short: ${error instanceof Error ? error.message : String(error)}`);
      response.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  }
}

/** The export registry every service of the process adds its sections to, and the route that serves them. */
@Global()
@Module({ controllers: [ExportController], providers: [{ provide: EXPORT_REGISTRY, useFactory: () => new ExportRegistry() }], exports: [EXPORT_REGISTRY] })
export class DataExportModule {}
