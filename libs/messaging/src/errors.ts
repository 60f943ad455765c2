/** The bus was closed; nothing more can be published or consumed through it. */
export class BusClosedError extends Error {
  readonly code = 'BUS_CLOSED';
  constructor(message = 'the message bus is closed') {
    super(message);
    this.name = 'BusClosedError';
  }
}

/**
 * In-process only: the last member of a group left while events published to it were still unhandled. The
 * publish rejects so a publisher that checkpoints after `publish` republishes them on its next start.
 */
export class ConsumerGroupClosedError extends Error {
  readonly code = 'CONSUMER_GROUP_CLOSED';
  constructor(
    readonly groupId: string,
    readonly topic: string,
  ) {
    super(`consumer group ${groupId} left topic ${topic} before handling every event published to it`);
    this.name = 'ConsumerGroupClosedError';
  }
}
