import { applyDecorators, createParamDecorator, type ExecutionContext, SetMetadata, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiSecurity } from '@nestjs/swagger';
import { ApiProblems } from '../openapi';
import { AuthGuard, StaffAuditInterceptor } from './auth.guard';
import { ACCESS_METADATA, type AccessRule, HMAC_SCHEME, type Principal, principalOf, type Role } from './principal';

/**
 * Declares who may call a route or gRPC method. Every handler must carry one: the guard refuses an undeclared
 * handler and the process refuses to start with one (fail closed). The OpenAPI operation lists the roles and both
 * security schemes. The guard and the audit are also attached here because Nest does not apply global enhancers to
 * gRPC handlers; on REST they are global too and run once per request.
 */
export function Access(...roles: [Role, ...Role[]]): MethodDecorator {
  return applyDecorators(
    SetMetadata(ACCESS_METADATA, { public: false, roles } satisfies AccessRule),
    UseGuards(AuthGuard),
    UseInterceptors(StaffAuditInterceptor),
    ApiBearerAuth('bearer'),
    ApiSecurity(HMAC_SCHEME),
    ApiExtension('x-roles', [...roles]),
    ApiProblems('UNAUTHENTICATED', 'FORBIDDEN', 'RATE_LIMITED'),
  );
}

/** A route anyone may call without a credential (health, docs, the public price list). */
export function Public(): MethodDecorator {
  return applyDecorators(SetMetadata(ACCESS_METADATA, { public: true } satisfies AccessRule), ApiExtension('x-roles', ['public']));
}

/** The authenticated caller of this request (REST or gRPC). */
export const Caller = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => principalOf(context));

