import { Controller, DynamicModule, Get, Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { createEventStore, EVENT_STORE, EventStore } from '@sms/event-store';
import { createBus, MESSAGE_BUS, MessageBus } from '@sms/messaging';
import { CLOCK, systemClock } from './clock';
import { PLATFORM_CONFIG, PlatformConfig } from './config';

@Injectable()
class InfrastructureLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
  ) {}

  // Services stop their consumers and outboxes in onModuleDestroy, which Nest runs before this.
  async onApplicationShutdown(): Promise<void> {
    await this.bus.close();
    await this.store.close();
  }
}

/** Liveness for probes and load balancers. */
@ApiExcludeController()
@Controller('health')
class HealthController {
  @Get()
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }
}

/** Ports chosen by configuration: one code path, adapters per profile (ARCHITECTURE.md "Profiles"). */
@Global()
@Module({})
export class InfrastructureModule {
  /** `overrides.bus`: a bus the host built itself (the embedded host shares one across threads). */
  static forRoot(config: PlatformConfig, overrides: { bus?: MessageBus } = {}): DynamicModule {
    return {
      module: InfrastructureModule,
      controllers: [HealthController],
      providers: [
        { provide: PLATFORM_CONFIG, useValue: config },
        { provide: CLOCK, useValue: systemClock },
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
        InfrastructureLifecycle,
      ],
      exports: [PLATFORM_CONFIG, CLOCK, EVENT_STORE, MESSAGE_BUS],
    };
  }
}
