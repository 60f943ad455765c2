import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DispatchConfig } from '../../dispatch.config';
import { ExpireMessagesHandler } from './handler';

/**
 * Runs the expiry sweep at start-up and every RECEIPT_EXPIRY_CHECK_SECONDS after the previous run ended (runs never
 * overlap); a failed run is logged and tried again next time.
 */
@Injectable()
export class ExpirySchedule implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ReceiptExpiry');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly expire: ExpireMessagesHandler,
    private readonly config: DispatchConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.tick();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private tick(): void {
    this.running = this.run().finally(() => {
      this.running = undefined;
      if (this.stopped) return;
      this.timer = setTimeout(() => this.tick(), this.config.RECEIPT_EXPIRY_CHECK_SECONDS * 1000);
      this.timer.unref();
    });
  }

  private async run(): Promise<void> {
    try {
      const expired = await this.expire.handle();
      if (expired > 0) this.logger.log(`${expired} message(s) expired without a delivery receipt within ${this.config.RECEIPT_VALIDITY_HOURS} h`);
    } catch (error) {
      this.logger.error(`receipt expiry failed, trying again in ${this.config.RECEIPT_EXPIRY_CHECK_SECONDS} s: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
