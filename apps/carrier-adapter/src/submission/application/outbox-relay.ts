import type { IntegrationEvent, MessageBus } from '@sms/messaging';
import type { CarrierState } from './carrier-state.port';
import { toIntegrationEvents } from './integration-events';

/**
 * Publishes the adapter's outbox: entries in recording order, each removed once the bus took it. A crash between
 * publish and removal republishes the entry with the same event ids (consumers are idempotent). One relay runs at a
 * time; a kick while it runs makes it go round once more.
 */
export class OutboxRelay {
  private running?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(
    private readonly state: CarrierState,
    private readonly bus: MessageBus,
    private readonly now: () => Date,
    private readonly onError: (error: unknown) => void,
    private readonly batchSize = 200,
  ) {}

  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch(async (error) => {
        this.onError(error);
        await new Promise((resolve) => setTimeout(resolve, 500));
        this.again = true;
      })
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Stops relaying after one last attempt to publish what is left (what fails stays in the outbox for the next start). */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
    await this.drain().catch((error) => this.onError(error));
  }

  private async drain(): Promise<void> {
    for (;;) {
      const entries = await this.state.outbox(this.batchSize);
      if (entries.length === 0) return;
      const at = this.now();
      const byTopic = new Map<string, IntegrationEvent[]>();
      for (const entry of entries) {
        for (const { topic, event } of toIntegrationEvents(this.state.instanceId, entry, at)) {
          const list = byTopic.get(topic);
          if (list) list.push(event);
          else byTopic.set(topic, [event]);
        }
      }
      for (const [topic, events] of byTopic) await this.bus.publish(topic, events);
      await this.state.published(entries[entries.length - 1].seq);
    }
  }
}
