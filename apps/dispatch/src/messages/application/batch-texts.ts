import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore, StreamNotFoundError } from '@sms/event-store';
import type { EventCodec } from '@sms/use-case-kit/core';
import { DISPATCH_CODEC, type DispatchEvent } from '../../dispatch.codec';
import { batchStream } from '../domain/events';

/**
 * The rendered text of each message of a batch, from its BatchAccepted — the one place texts are written, sealed
 * (ADR 0016): the read model never holds a text. `undefined` for a message whose text was erased.
 */
@Injectable()
export class BatchTexts {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DISPATCH_CODEC) private readonly codec: EventCodec<DispatchEvent>,
  ) {}

  async of(batchId: string): Promise<Map<string, string | undefined>> {
    const byMessage = new Map<string, string | undefined>();
    try {
      const [first] = await this.store.readStream(batchStream(batchId), { fromRevision: 'start', maxCount: 1 });
      const event = first ? this.codec.decode(first) : undefined;
      if (event?.type === 'BatchAccepted') for (const m of event.data.messages) byMessage.set(m.messageId, event.data.texts[m.text]);
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return byMessage;
  }
}
