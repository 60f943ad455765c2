import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { INTERNAL_TOPICS, SECURITY_ALERT_V1, type SecurityAlertV1, STAFF_ACTION_V1, type StaffActionV1 } from '@sms/contracts';
import { type BusSubscription, MESSAGE_BUS, type MessageBus } from '@sms/messaging';
import { DomainError, deterministicId } from '@sms/service-kit';
import { SuspendAccountHandler } from '../../ledger/suspend-account/handler';
import { AUDIT_LOG, type AuditLog } from '../application/audit-log';

export const ACCESS_CONSUMER_GROUPS = {
  securityAlerts: 'account-billing.security-suspensions',
  audit: 'account-billing.audit-log',
} as const;

/**
 * What other processes report about access: attack patterns from a customer key suspend its account for security
 * (terms §7.3.4) with the pattern as the reason an operator sees and lifts; staff actions fill the audit log.
 */
@Injectable()
export class AccessConsumers implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('AccessConsumers');
  private readonly subscriptions: BusSubscription[] = [];

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(AUDIT_LOG) private readonly auditLog: AuditLog,
    private readonly suspensions: SuspendAccountHandler,
  ) {}

  async onModuleInit(): Promise<void> {
    this.subscriptions.push(
      await this.bus.subscribe({
        groupId: ACCESS_CONSUMER_GROUPS.securityAlerts,
        topics: [INTERNAL_TOPICS.securityAlerts],
        handler: async (event) => {
          if (event.type !== SECURITY_ALERT_V1) return;
          const alert = event.data as SecurityAlertV1;
          try {
            await this.suspensions.suspend(alert.accountId, 'SECURITY', `${alert.pattern}: ${alert.detail}`, 'security', deterministicId(event.id, 'suspension'));
            this.logger.warn(`account ${alert.accountId} suspended for security: ${alert.pattern}`);
          } catch (error) {
            // An alert about an account that is gone or terminated has nothing left to suspend.
            if (!(error instanceof DomainError)) throw error;
          }
        },
      }),
      await this.bus.subscribe({
        groupId: ACCESS_CONSUMER_GROUPS.audit,
        topics: [INTERNAL_TOPICS.audit],
        handler: async (event) => {
          if (event.type === STAFF_ACTION_V1) this.auditLog.record(event.data as StaffActionV1);
        },
      }),
    );
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.subscriptions.splice(0).map((s) => s.close()));
  }
}
