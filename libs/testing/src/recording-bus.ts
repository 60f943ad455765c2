import type { IntegrationEvent, MessageBus } from '@sms/messaging';

/** A bus for unit specs: records what was published (and can be told to fail once); it delivers nothing. */
export class RecordingBus implements MessageBus {
  readonly published: Array<{ topic: string; event: IntegrationEvent }> = [];
  /** Publishes still to fail, as a bus that is down would. */
  failures = 0;

  /** The next publish fails. */
  set failNext(fail: boolean) {
    this.failures = fail ? Math.max(this.failures, 1) : 0;
  }

  get failNext(): boolean {
    return this.failures > 0;
  }

  async publish(topic: string, events: IntegrationEvent[]): Promise<void> {
    if (this.failures > 0) {
      this.failures--;
      throw new Error('bus unavailable');
    }
    for (const event of events) this.published.push({ topic, event });
  }

  async subscribe(): Promise<never> {
    throw new Error('RecordingBus does not deliver');
  }

  async close(): Promise<void> {
    // nothing held
  }

  /** What was published on one topic, in order. */
  on<T>(topic: string): Array<IntegrationEvent<T>> {
    return this.published.filter((p) => p.topic === topic).map((p) => p.event as IntegrationEvent<T>);
  }
}

/**
 * An integration event as a consumer receives it: fixed id, source, time and key (`acc-1`) unless given, so a
 * handler spec states only the type and data it is about.
 */
export function consumedEvent<T>(type: string, data: T, options: { id?: string; extensions?: Record<string, string> } = {}): IntegrationEvent<T> {
  return {
    id: options.id ?? 'e8b0c6a4-1d5e-4c1f-9a55-0d7c1e0a0001',
    type,
    source: '/sms/test',
    time: '2026-11-23T10:00:10.000Z',
    key: 'acc-1',
    data,
    extensions: options.extensions ?? {},
  };
}
