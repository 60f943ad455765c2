import { type DynamicModule, Global, Inject, Injectable, Logger, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR, DiscoveryModule, DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { CREDENTIAL_V1, type CredentialV1, INTERNAL_TOPICS, SECURITY_ALERT_V1, type SecurityAlertV1 } from '@sms/contracts';
import { type BusSubscription, MESSAGE_BUS, type MessageBus } from '@sms/messaging';
import { randomUUID } from 'node:crypto';
import { PLATFORM_CONFIG, type PlatformConfig } from '../config';
import { sqliteFile } from '../sqlite';
import { AuthGuard, SECURITY_SOURCE, StaffAuditInterceptor } from './auth.guard';
import { ACCESS_METADATA } from './principal';
import { resolveAdminKey } from './admin-key';
import { Authenticator } from './authenticator';
import { DATA_KEY_RING, type DataKeyRing } from '@sms/data-protection';
import { SqliteKeyDirectory } from './infrastructure/sqlite-key-directory';
import { KEY_DIRECTORY, type KeyDirectory, keyRecordOf } from './key-directory';
import { SecuritySettings } from './security.config';
import { AUTHENTICATOR, TenantAccess } from './tenant-access';

const SECURITY_PROCESS = Symbol('SECURITY_PROCESS');

/** Keeps the key directory current from `sms.credential.v1` events, and refuses to start with an undeclared handler. */
@Injectable()
class SecurityLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  private subscription?: BusSubscription;

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(KEY_DIRECTORY) private readonly directory: KeyDirectory,
    @Inject(SECURITY_PROCESS) private readonly processName: string,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const undeclared = this.undeclaredHandlers();
    if (undeclared.length > 0) throw new Error(`Handlers without @Access or @Public: ${undeclared.join(', ')}`);
    this.subscription = await this.bus.subscribe({
      groupId: `${this.processName}.key-directory`,
      topics: [INTERNAL_TOPICS.credentials],
      handler: async (event) => {
        if (event.type === CREDENTIAL_V1) this.directory.apply(keyRecordOf(event.data as CredentialV1));
      },
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.subscription?.close();
  }

  private undeclaredHandlers(): string[] {
    const missing: string[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const instance = wrapper.instance as object | undefined;
      if (!instance) continue;
      const prototype = Object.getPrototypeOf(instance);
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name];
        const isRoute = Reflect.getMetadata('method', handler) !== undefined || Reflect.getMetadata('microservices:pattern', handler) !== undefined;
        if (isRoute && !this.reflector.getAllAndOverride(ACCESS_METADATA, [handler, wrapper.metatype as object])) missing.push(`${wrapper.name}.${name}`);
      }
    }
    return missing;
  }
}


/**
 * Authentication and roles for one process (CONTRACTS.md "Authentication and roles", ADR 0015): the key directory
 * in `credentials.db`, the authenticator, the global guard and the staff audit. `processName` names this process's
 * consumer group, so each process keeps its own directory.
 */
@Global()
@Module({})
export class SecurityModule {
  static forRoot(config: PlatformConfig, processName: string): DynamicModule {
    const settings = config.settings(SecuritySettings);
    return {
      module: SecurityModule,
      imports: [DiscoveryModule],
      providers: [
        ...sqliteFile(KEY_DIRECTORY, 'credentials.db', (db, ring: DataKeyRing) => new SqliteKeyDirectory(db, ring), [DATA_KEY_RING]),
        { provide: SECURITY_PROCESS, useValue: processName },
        {
          provide: AUTHENTICATOR,
          inject: [KEY_DIRECTORY, MESSAGE_BUS, PLATFORM_CONFIG],
          useFactory: (directory: KeyDirectory, bus: MessageBus, platform: PlatformConfig) => {
            const logger = new Logger('Security');
            const admin = resolveAdminKey(settings.ADMIN_API_KEY, platform.DATA_DIR);
            return new Authenticator(directory, admin.token, settings, (alert: SecurityAlertV1) => {
              logger.warn(`${alert.pattern} from key ${alert.keyId} of account ${alert.accountId}: suspending the account`);
              bus
                .publish(INTERNAL_TOPICS.securityAlerts, [{ id: randomUUID(), type: SECURITY_ALERT_V1, source: SECURITY_SOURCE, time: alert.detectedAt, key: alert.accountId, data: alert }])
                .catch((error: unknown) => logger.error(`security alert not published: ${error instanceof Error ? error.message : String(error)}`));
            });
          },
        },
        SecurityLifecycle,
        TenantAccess,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_INTERCEPTOR, useClass: StaffAuditInterceptor },
      ],
      exports: [KEY_DIRECTORY, AUTHENTICATOR, TenantAccess],
    };
  }
}
