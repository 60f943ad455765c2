import { type DynamicModule, Global, Inject, Injectable, Logger, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DATA_ERASED_V1, INTERNAL_TOPICS } from '@sms/contracts';
import { DATA_KEY_RING, type DataKeyRing } from '@sms/data-protection';
import { type BusSubscription, MESSAGE_BUS, type MessageBus } from '@sms/messaging';
import { applyErasure, ERASURE_REGISTRY, ErasureRegistry, parseDataErased } from './data-erasure';

const ERASURE_PROCESS = Symbol('ERASURE_PROCESS');

/**
 * Every process — each thread of the embedded profile, each per-app process — hears every `sms.data-erased.v1` in a
 * consumer group of its own (`<process>.data-erasure`), destroys the keys in its key ring and has its services purge
 * (ADR 0017). Subscribed once every service registered its participants (they do in onModuleInit).
 */
@Injectable()
class DataErasureConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('DataErasure');
  private subscription?: BusSubscription;

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(DATA_KEY_RING) private readonly ring: DataKeyRing,
    @Inject(ERASURE_REGISTRY) private readonly registry: ErasureRegistry,
    @Inject(ERASURE_PROCESS) private readonly processName: string,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.subscription = await this.bus.subscribe({
      groupId: `${this.processName}.data-erasure`,
      topics: [INTERNAL_TOPICS.dataErasure],
      handler: async (event) => {
        if (event.type !== DATA_ERASED_V1) return;
        const erasure = parseDataErased(event.data);
        await applyErasure(erasure, this.ring, this.registry.all());
        this.logger.log(`${erasure.scope === 'account' ? 'erased all data' : `erased data before ${erasure.before}`} of account ${erasure.accountId} (${this.registry.all().map((p) => p.name).join(', ') || 'keys only'})`);
      },
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.subscription?.close();
  }
}

/** The erasure registry services add their participants to, and the consumer that runs them. */
@Global()
@Module({})
export class DataErasureModule {
  /** `processName` names this process's consumer group, so every process hears every erasure. */
  static forRoot(processName: string): DynamicModule {
    return {
      module: DataErasureModule,
      providers: [{ provide: ERASURE_REGISTRY, useFactory: () => new ErasureRegistry() }, { provide: ERASURE_PROCESS, useValue: processName }, DataErasureConsumer],
      exports: [ERASURE_REGISTRY],
    };
  }
}
