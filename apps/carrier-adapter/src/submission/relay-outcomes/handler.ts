import { Inject, Injectable, Logger } from '@nestjs/common';
import { MESSAGE_BUS, type MessageBus } from '@sms/messaging';
import { CLOCK, type Clock, publishAll } from '@sms/service-kit';
import type { CarrierState } from '../application/carrier-state.port';
import { CARRIER_STATE } from '../application/tokens';
import { toIntegrationEvents } from './integration-events';

/** Outbox entries read and published per round. */
const BATCH_SIZE = 200;
/** Pause after a failed round before the next (the bus or the store is down). */
const RETRY_MS = 500;

/**
 * Relays the adapter's outbox to the bus: entries in recording order, each removed once the bus took it. A crash
 * between publish and removal republishes the entry with the same event ids (consumers are idempotent). One round
 * runs at a time; `handle` while one runs makes it go round once more.
 */
@Injectable()
export class RelayOutcomesHandler {
  private readonly logger = new Logger('RelayOutcomesHandler');
  private running?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(
    @Inject(CARRIER_STATE) private readonly state: CarrierState,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Something was recorded (or the service started): publish what the outbox holds. */
  handle(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch(async (error) => {
        this.logger.error(`publishing carrier outcomes failed, retrying: ${message(error)}`);
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
        this.again = true;
      })
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.handle();
        }
      });
  }

  /** Stops relaying after one last attempt to publish what is left (what fails stays in the outbox for the next start). */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
    await this.drain().catch((error) => this.logger.error(`publishing carrier outcomes failed, retrying: ${message(error)}`));
  }

  private async drain(): Promise<void> {
    for (;;) {
      const entries = await this.state.outbox(BATCH_SIZE);
      if (entries.length === 0) return;
      const at = this.clock.now();
      await publishAll(this.bus, entries.flatMap((entry) => toIntegrationEvents(this.state.instanceId, entry, at)));
      await this.state.published(entries[entries.length - 1].seq);
    }
  }
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
