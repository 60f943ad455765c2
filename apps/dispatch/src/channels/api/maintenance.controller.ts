import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, ApiProblems, BODY_PROBLEMS } from '@sms/service-kit';
import { SetMaintenanceHandler } from '../set-maintenance/handler';
import { MaintenanceDto, MaintenanceResponse } from './dto';

/** The platform's maintenance window (DOMAIN §7, ADR 0018). */
@ApiTags('maintenance')
@Controller('v1/maintenance')
export class MaintenanceController {
  constructor(private readonly maintenance: SetMaintenanceHandler) {}

  @Get()
  @Access('operator', 'reviewer', 'customer')
  @ApiOperation({ summary: 'Whether a maintenance window is on, until when and why' })
  @ApiOkResponse({ type: MaintenanceResponse })
  @ApiProblems('VALIDATION_FAILED')
  getMaintenance(): MaintenanceResponse {
    return this.maintenance.current();
  }

  @Put()
  @Access('operator')
  @ApiOperation({ summary: 'Start (active, until?, reason?) or end a maintenance window: sends answer 503 MAINTENANCE with Retry-After; accepted messages wait and go out after' })
  @ApiOkResponse({ type: MaintenanceResponse })
  @ApiProblems(...BODY_PROBLEMS)
  setMaintenance(@Body() body: MaintenanceDto): Promise<MaintenanceResponse> {
    return this.maintenance.handle({ active: body.active, ...(body.until !== undefined ? { until: body.until } : {}), ...(body.reason !== undefined ? { reason: body.reason } : {}) });
  }
}
