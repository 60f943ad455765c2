import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { CLOCK, type Clock } from '@sms/service-kit';
import type { UnitOfWork } from '@sms/use-case-kit';
import type { DeliverySignal } from '../application/delivery-ports';
import type { WebhookOutbox } from '../application/webhook-store';
import { WEBHOOK_DATABASE, WEBHOOK_OUTBOX } from '../application/tokens';
import { DeliverWebhooksHandler } from '../deliver-webhooks/handler';

/** A full round over every account with a webhook, for retries that came due. */
const ROUND_MS = 1_000;
/** Settled deliveries are kept this long (what happened to an event can be looked up), then pruned. */
const SETTLED_KEEP_MS = 7 * 24 * 3_600_000;
const PRUNE_EVERY_MS = 3_600_000;
const PRUNE_CHUNK = 1_000;

/**
 * The sender loop around DeliverWebhooksHandler: a round every second (retries that came due, and whatever a restart
 * left PENDING), a start for an account as soon as something of it is queued or one of its attempts settles, and an
 * hourly prune of old settled rows. Rounds never overlap. On shutdown it starts nothing more and aborts what is in
 * flight (those rows stay PENDING and go out after the restart).
 */
@Injectable()
export class WebhookSender implements DeliverySignal, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Webhooks');
  private timer?: NodeJS.Timeout;
  private round?: Promise<void>;
  private readonly waiting = new Set<string>();
  private flushing = false;
  private stopped = false;
  private lastPrune = 0;

  constructor(
    private readonly deliveries: DeliverWebhooksHandler,
    @Inject(WEBHOOK_OUTBOX) private readonly outbox: WebhookOutbox,
    @Inject(WEBHOOK_DATABASE) private readonly unitOfWork: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.deliveries.onSettled = (accountId) => this.queued(accountId);
    this.tick();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.round;
    await this.deliveries.stop();
  }

  /** Something of the account was queued, or one of its attempts settled: start what of it is due now. */
  queued(accountId: string): void {
    if (this.stopped) return;
    this.waiting.add(accountId);
    if (this.flushing) return;
    this.flushing = true;
    setImmediate(() => void this.flush());
  }

  private async flush(): Promise<void> {
    try {
      while (this.waiting.size > 0 && !this.stopped) {
        const accounts = [...this.waiting];
        this.waiting.clear();
        await this.deliveries.start(accounts);
      }
    } catch (error) {
      this.logger.error(`webhook start failed, the next round retries: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.flushing = false;
    }
  }

  private tick(): void {
    this.round = this.run().finally(() => {
      this.round = undefined;
      if (this.stopped) return;
      this.timer = setTimeout(() => this.tick(), ROUND_MS);
      this.timer.unref();
    });
  }

  private async run(): Promise<void> {
    try {
      const now = this.clock.now().getTime();
      const next = await this.outbox.nextDueAt();
      if (next !== undefined && next <= now) await this.deliveries.start();
      if (now - this.lastPrune >= PRUNE_EVERY_MS) {
        this.lastPrune = now;
        while ((await this.unitOfWork.transaction(() => this.outbox.prune(now - SETTLED_KEEP_MS, PRUNE_CHUNK))) >= PRUNE_CHUNK && !this.stopped) {
          // the next chunk
        }
      }
    } catch (error) {
      this.logger.error(`webhook round failed, trying again in ${ROUND_MS} ms: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
