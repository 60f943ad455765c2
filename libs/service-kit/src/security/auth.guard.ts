import { type CallHandler, type CanActivate, type ExecutionContext, Inject, Injectable, Logger, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { INTERNAL_TOPICS, STAFF_ACTION_V1, type StaffActionV1 } from '@sms/contracts';
import { MESSAGE_BUS, type MessageBus } from '@sms/messaging';
import { randomUUID } from 'node:crypto';
import { type Observable, tap } from 'rxjs';
import { maskPhoneNumbersInText } from '@sms/sms';
import { DomainError } from '../errors';
import { toRpcException } from '../grpc-errors';
import type { Authenticator } from './authenticator';
import { ACCESS_METADATA, type AccessRule, isStaff, PRINCIPAL, type Principal } from './principal';
import { AUTHENTICATOR } from './tenant-access';

export const SECURITY_SOURCE = '/sms/security';
const AUDITED = Symbol('sms:audited');

interface HttpRequest {
  [AUDITED]?: boolean;
  headers: Record<string, string | string[] | undefined>;
  method: string;
  originalUrl: string;
  rawBody?: Buffer;
  body?: unknown;
  ip?: string;
  socket?: { remoteAddress?: string };
  route?: { path?: string };
  params?: Record<string, string>;
  [PRINCIPAL]?: Principal;
}
interface HttpResponse {
  setHeader(name: string, value: string): void;
  statusCode: number;
}
interface GrpcCall {
  getPath?(): string;
  getPeer?(): string;
}
interface GrpcMetadata {
  [AUDITED]?: boolean;
  get(key: string): Array<string | Buffer>;
  [PRINCIPAL]?: Principal;
}

const EMPTY = Buffer.alloc(0);

/**
 * One guard for every REST route and gRPC method: the handler's declared access (`@Access`/`@Public`), the
 * credential (bearer or signature), the key's rate limit, and its roles. Failures are 401/403/429 problem+json on
 * REST and UNAUTHENTICATED/PERMISSION_DENIED/RESOURCE_EXHAUSTED on gRPC, with the same codes.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(AUTHENTICATOR) private readonly authenticator: Authenticator,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_METADATA, [context.getHandler(), context.getClass()]);
    const rpc = context.getType() === 'rpc';
    try {
      // Fail closed: a handler that forgot to declare its access is refused (and the process does not start with one).
      if (!rule) throw new DomainError('FORBIDDEN', 'This operation declares no access rule.');
      if (rule.public) return true;
      const principal = rpc ? this.grpcPrincipal(context) : this.httpPrincipal(context);
      if (!principal.roles.some((role) => rule.roles.includes(role))) {
        throw new DomainError('FORBIDDEN', `This operation is for ${rule.roles.join(' or ')} keys.`);
      }
      return true;
    } catch (error) {
      throw rpc ? toRpcException(error) : error;
    }
  }

  private httpPrincipal(context: ExecutionContext): Principal {
    const request = context.switchToHttp().getRequest<HttpRequest>();
    // The guard runs globally and again as the handler's own (see Access): authenticate once per request.
    if (request[PRINCIPAL]) return request[PRINCIPAL];
    const response = context.switchToHttp().getResponse<HttpResponse>();
    const header = request.headers.authorization;
    const outcome = this.authenticator.authenticate({
      authorization: Array.isArray(header) ? header[0] : header,
      method: request.method,
      pathWithQuery: request.originalUrl,
      body: request.rawBody ?? EMPTY,
      source: request.ip ?? request.socket?.remoteAddress ?? 'unknown',
    });
    if (!outcome.ok) {
      if (outcome.retryAfterSeconds !== undefined) response.setHeader('Retry-After', String(outcome.retryAfterSeconds));
      if (outcome.status === 401) response.setHeader('WWW-Authenticate', 'Bearer, SMS-HMAC-SHA256');
      throw new DomainError(outcome.code, outcome.detail);
    }
    request[PRINCIPAL] = outcome.principal;
    return outcome.principal;
  }

  private grpcPrincipal(context: ExecutionContext): Principal {
    const metadata = context.switchToRpc().getContext<GrpcMetadata>();
    if (metadata[PRINCIPAL]) return metadata[PRINCIPAL];
    const call = context.getArgByIndex<GrpcCall | undefined>(2);
    const value = metadata?.get?.('authorization')?.[0];
    // A gRPC signature covers the method path; the request body is protected by the channel (ADR 0015).
    const outcome = this.authenticator.authenticate({
      authorization: value === undefined ? undefined : String(value),
      method: 'POST',
      pathWithQuery: call?.getPath?.() ?? '',
      body: EMPTY,
      source: call?.getPeer?.() ?? 'unknown',
    });
    if (!outcome.ok) throw new DomainError(outcome.code, outcome.detail);
    metadata[PRINCIPAL] = outcome.principal;
    return outcome.principal;
  }
}

/**
 * Every call made with a staff key (operator, reviewer, the admin key) goes to the audit log: who, what, when and
 * why (`reason` of the body when there is one) — published on `sms.internal.audit`, which account-billing keeps.
 */
@Injectable()
export class StaffAuditInterceptor implements NestInterceptor {
  private readonly logger = new Logger('StaffAudit');

  constructor(@Inject(MESSAGE_BUS) private readonly bus: MessageBus) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const rpc = context.getType() === 'rpc';
    const carrier = rpc ? context.switchToRpc().getContext<GrpcMetadata>() : context.switchToHttp().getRequest<HttpRequest>();
    const principal = carrier?.[PRINCIPAL];
    if (!principal || !isStaff(principal) || carrier[AUDITED]) return next.handle();
    // Global on REST and the handler's own on gRPC (see Access): REST meets it twice, and records once.
    carrier[AUDITED] = true;
    const record = (outcome: number, answer?: unknown) => this.record(context, principal, outcome, answer);
    return next.handle().pipe(
      tap({
        next: (answer: unknown) => record(rpc ? 0 : context.switchToHttp().getResponse<HttpResponse>().statusCode, answer),
        error: (error: unknown) => record(typeof (error as { status?: unknown })?.status === 'number' ? (error as { status: number }).status : 500),
      }),
    );
  }

  /** `answer`: what the handler returned, which names the account of a resource the path does not (a decision, a new account). */
  private record(context: ExecutionContext, principal: Principal, outcome: number, answer?: unknown): void {
    const rpc = context.getType() === 'rpc';
    const request = rpc ? undefined : context.switchToHttp().getRequest<HttpRequest>();
    const body = (rpc ? context.switchToRpc().getData() : request?.body) as { reason?: unknown; accountId?: unknown } | undefined;
    // Path ids, never a number in clear (DELETE /v1/opt-outs/{phoneNumber}): the audit log is data at rest.
    const target = Object.fromEntries(Object.entries(request?.params ?? {}).map(([name, value]) => [name, maskPhoneNumbersInText(String(value))]));
    const answered = (answer as { accountId?: unknown } | undefined)?.accountId;
    const accountId = target.accountId ?? (typeof body?.accountId === 'string' ? body.accountId : typeof answered === 'string' ? answered : undefined);
    const action = rpc ? `gRPC ${context.getClass().name}.${context.getHandler().name}` : `${request?.method} ${request?.route?.path ?? request?.originalUrl.split('?')[0]}`;
    const data: StaffActionV1 = {
      actionId: randomUUID(),
      actorKeyId: principal.keyId,
      actorRoles: [...principal.roles],
      action,
      target,
      accountId,
      reason: typeof body?.reason === 'string' ? body.reason.slice(0, 500) : undefined,
      outcome,
      at: new Date().toISOString(),
    };
    this.bus
      .publish(INTERNAL_TOPICS.audit, [{ id: data.actionId, type: STAFF_ACTION_V1, source: SECURITY_SOURCE, time: data.at, key: principal.keyId, data }])
      .catch((error: unknown) => this.logger.error(`audit record ${data.actionId} not published: ${error instanceof Error ? error.message : String(error)}`));
  }
}

