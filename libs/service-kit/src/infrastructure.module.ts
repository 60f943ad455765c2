import { Controller, DynamicModule, Get, Global, Inject, Injectable, type MiddlewareConsumer, Module, type NestModule, OnApplicationShutdown } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { BLIND_INDEX, BlindIndex, DATA_KEY_RING, DataKeyRing, type KeyEncryptionKey, masterKeyProvider, SqliteDataKeyStore } from '@sms/data-protection';
import { createEventStore, EVENT_STORE, EventStore } from '@sms/event-store';
import { createBus, MESSAGE_BUS, MessageBus } from '@sms/messaging';
import { Metrics } from '@sms/observability';
import { CLOCK, systemClock } from './clock';
import { PLATFORM_CONFIG, PlatformConfig } from './config';
import { HttpMetricsMiddleware, METRICS } from './metrics';
import { Public } from './security/access';

const KEY_ENCRYPTION_KEY = Symbol('KEY_ENCRYPTION_KEY');
const DATA_KEY_STORE = Symbol('DATA_KEY_STORE');

@Injectable()
class InfrastructureLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(DATA_KEY_STORE) private readonly keys: SqliteDataKeyStore,
  ) {}

  // Services stop their consumers and outboxes in onModuleDestroy, which Nest runs before this.
  async onApplicationShutdown(): Promise<void> {
    await this.bus.close();
    await this.store.close();
    this.keys.close();
  }
}

/** Liveness for probes and load balancers. */
@ApiExcludeController()
@Controller('health')
class HealthController {
  @Get()
  @Public()
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }
}

/** Ports chosen by configuration: one code path, adapters per profile (ARCHITECTURE.md "Profiles"). */
@Global()
@Module({})
export class InfrastructureModule implements NestModule {
  /** `overrides.bus`: a bus the host built itself (the embedded host shares one across threads). */
  static forRoot(config: PlatformConfig, overrides: { bus?: MessageBus } = {}): DynamicModule {
    return {
      module: InfrastructureModule,
      controllers: [HealthController],
      providers: [
        { provide: PLATFORM_CONFIG, useValue: config },
        { provide: CLOCK, useValue: systemClock },
        // One registry per application (ADR 0040): GET /metrics (MetricsModule) renders it, services add their series.
        { provide: METRICS, useFactory: () => new Metrics() },
        {
          provide: EVENT_STORE,
          useFactory: () =>
            createEventStore(
              config.EVENT_STORE === 'eventstoredb'
                ? { kind: 'eventstoredb', url: config.EVENTSTORE_URL }
                : config.EVENT_STORE === 'memory'
                  ? { kind: 'memory' }
                  : { kind: 'sqlite', path: config.dataFile('event-store.db') },
            ),
        },
        {
          provide: MESSAGE_BUS,
          useFactory: () => {
            if (overrides.bus) return overrides.bus;
            const brokers = config.kafkaBrokers;
            return createBus(brokers ? { kind: 'kafka', brokers, clientId: config.KAFKA_CLIENT_ID } : { kind: 'in-process' });
          },
        },
        // Personal data at rest (ADR 0016): one key ring per process, so every service shares its cache of unwrapped
        // keys; the carrier thread has its own ring on the same keyring.db. A KMS adapter would replace masterKeyProvider.
        { provide: KEY_ENCRYPTION_KEY, useFactory: () => masterKeyProvider({ masterKey: config.MASTER_KEY, dataDir: config.DATA_DIR }).load() },
        { provide: DATA_KEY_STORE, useFactory: () => new SqliteDataKeyStore(config.dataFile('keyring.db')) },
        // Message data under a key per epoch, so retention can destroy old epochs (ADR 0017).
        {
          provide: DATA_KEY_RING,
          inject: [KEY_ENCRYPTION_KEY, DATA_KEY_STORE],
          useFactory: (kek: KeyEncryptionKey, store: SqliteDataKeyStore) => new DataKeyRing(kek, store, { epochMs: config.dataKeyEpochMs }),
        },
        { provide: BLIND_INDEX, inject: [KEY_ENCRYPTION_KEY, DATA_KEY_STORE], useFactory: (kek: KeyEncryptionKey, store: SqliteDataKeyStore) => BlindIndex.open(kek, store) },
        InfrastructureLifecycle,
      ],
      exports: [PLATFORM_CONFIG, CLOCK, EVENT_STORE, MESSAGE_BUS, DATA_KEY_RING, BLIND_INDEX, METRICS],
    };
  }

  /** RED per route for every request of the application (a headless context serves none). */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*');
  }
}
