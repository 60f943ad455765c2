import { applyDecorators, type CallHandler, type ExecutionContext, Injectable, type NestInterceptor, UseInterceptors } from '@nestjs/common';
import { ApiProblems, DomainError, toRpcException } from '@sms/service-kit';
import type { Observable } from 'rxjs';
import { DispatchConfig } from '../../dispatch.config';
import { ChannelRegistry } from '../application/channel-registry';

/**
 * While a maintenance window is on, a send is refused before its handler runs: 503 problem+json `MAINTENANCE` with
 * `Retry-After` (the seconds until the window's `until`, or DISPATCH_MAINTENANCE_RETRY_AFTER_S), or gRPC UNAVAILABLE.
 * An interceptor, so authentication and roles (guards) answer first. One in-memory check: the hot path pays nothing.
 */
@Injectable()
export class MaintenanceInterceptor implements NestInterceptor {
  constructor(
    private readonly registry: ChannelRegistry,
    private readonly config: DispatchConfig,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const retryAfter = this.registry.retryAfterSeconds(this.config.DISPATCH_MAINTENANCE_RETRY_AFTER_S);
    if (retryAfter === undefined) return next.handle();
    const { until, reason } = this.registry.maintenanceNow();
    const refusal = new DomainError(
      'MAINTENANCE',
      `The platform is in a maintenance window${until ? ` until ${until}` : ''}${reason ? ` (${reason})` : ''}; messages accepted before it go out after it. Retry in ${retryAfter} s.`,
    );
    if (context.getType() === 'rpc') throw toRpcException(refusal);
    context.switchToHttp().getResponse<{ setHeader(name: string, value: string): void }>().setHeader('Retry-After', String(retryAfter));
    throw refusal;
  }
}

/** Marks a send handler (REST or gRPC) as refused during maintenance (ADR 0018). */
export const RefusedInMaintenance = (): MethodDecorator =>
  applyDecorators(UseInterceptors(MaintenanceInterceptor), ApiProblems('MAINTENANCE'));
