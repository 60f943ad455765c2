import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, ApiProblems, Caller, type Principal, TenantAccess } from '@sms/service-kit';
import { ListNotificationsHandler } from '../list-notifications/handler';
import { ListNotificationsQuery, NotificationPage } from './dto';
import { toNotificationPage } from './mappers';

@ApiTags('notifications')
@Controller('v1/accounts')
export class NotificationsController {
  constructor(
    private readonly listNotifications: ListNotificationsHandler,
    private readonly tenants: TenantAccess,
  ) {}

  @Get(':accountId/notifications')
  @Access('operator', 'customer')
  @ApiOperation({
    summary: 'What the account was told — low balance, status changes, price changes — newest first, each with how its e-mail fared',
  })
  @ApiOkResponse({ type: NotificationPage })
  @ApiProblems('VALIDATION_FAILED', 'ACCOUNT_NOT_FOUND')
  async list(@Param('accountId') accountId: string, @Query() query: ListNotificationsQuery, @Caller() caller: Principal): Promise<NotificationPage> {
    return toNotificationPage(await this.listNotifications.handle({ accountId: this.tenants.account(caller, accountId), limit: query.limit, cursor: query.cursor }));
  }
}
