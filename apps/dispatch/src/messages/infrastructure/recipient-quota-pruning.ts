import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { CLOCK, type Clock } from '@sms/service-kit';
import { RECIPIENT_QUOTA, type RecipientQuota } from '../application/recipient-quota';

/** Counters deleted per unit of work: a prune never holds the read-model file for long. */
export const PRUNE_CHUNK = 5_000;
/** How often expired counters are looked for (a counter outlives its last counted send by at most this). */
export const PRUNE_EVERY_MS = 60_000;

/**
 * Drops the harassment guard's counters no limit counts any more (the longest window after their last send), a
 * chunk at a time, off the send path: a take ignores expired sends anyway, this only keeps the table small.
 */
@Injectable()
export class RecipientQuotaPruning implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('RecipientQuota');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    @Inject(RECIPIENT_QUOTA) private readonly quota: RecipientQuota,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.pruneExpired()
        .then(() => undefined)
        .catch((error: unknown) => this.logger.error(`pruning expired counters failed: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => (this.running = undefined));
    }, PRUNE_EVERY_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  /** Prunes until a chunk comes back short; answers how many counters went. */
  async pruneExpired(): Promise<number> {
    let pruned = 0;
    for (;;) {
      const count = await this.quota.prune(this.clock.now(), PRUNE_CHUNK);
      pruned += count;
      if (count < PRUNE_CHUNK || this.stopped) return pruned;
    }
  }
}
