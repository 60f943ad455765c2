import { Controller } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import { Access, grpcCall, grpcCaller, TenantAccess, validateGrpcRequest } from '@sms/service-kit';
import { ListNotificationsHandler } from '../list-notifications/handler';
import { ListNotificationsQuery, type NotificationResponse } from './dto';
import { toNotificationPage } from './mappers';

/** gRPC `sms.account.v1.NotificationService`: the same handler, access rule and validation as REST. */
@Controller()
export class NotificationsGrpcController {
  constructor(
    private readonly listNotifications: ListNotificationsHandler,
    private readonly tenants: TenantAccess,
  ) {}

  @GrpcMethod('NotificationService', 'ListNotifications')
  @Access('operator', 'customer')
  list(request: { accountId?: string; limit?: number; cursor?: string }, metadata: unknown): Promise<{ items: NotificationResponse[]; nextCursor: string }> {
    return grpcCall(async () => {
      // proto3 answers unset strings as '' and an unset limit as 0: they mean "not given".
      const query = validateGrpcRequest(ListNotificationsQuery, { limit: request.limit || undefined, cursor: request.cursor || undefined });
      const page = toNotificationPage(await this.listNotifications.handle({ accountId: this.tenants.account(grpcCaller(metadata), request.accountId || undefined), ...query }));
      return { items: page.items, nextCursor: page.nextCursor ?? '' };
    });
  }
}
