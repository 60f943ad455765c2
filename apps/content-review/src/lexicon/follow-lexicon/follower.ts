import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { type AllSubscription, EVENT_STORE, type EventStore, type RecordedEvent, StreamNotFoundError } from '@sms/event-store';
import { CurrentLexicon } from '../application/current-lexicon';
import { lexiconCodec } from '../application/lexicon-codec';
import { LEXICON_STREAM } from '../domain/events';
import { evolveLexicon, initialLexiconState, type LexiconState } from '../domain/lexicon';

const BATCH = 500;
const RETRY_MS = 200;

/**
 * Follows the `lexicon` stream in this process (ADR 0035): a live subscription opened at the store's head first,
 * then the stream read from its start, so no change falls between the two; every batch of changes is folded into
 * the follower's own state and one engine is built and swapped in. Changes are applied strictly by revision: a
 * repeat is skipped, a gap is filled by reading the stream. Every content-review instance on the same store runs
 * one, which is what makes a reviewer's change effective everywhere (SQLite polls every 200 ms, EventStoreDB pushes).
 */
@Injectable()
export class LexiconFollower implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(LexiconFollower.name);
  private readonly state: LexiconState = initialLexiconState();
  private subscription?: AllSubscription;
  private stopped = false;
  private loop?: Promise<void>;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly current: CurrentLexicon,
  ) {}

  /** Resolves once the stream as it stands is applied, so the first screening already uses the reviewed lexicon. */
  async onModuleInit(): Promise<void> {
    this.subscription = this.store.subscribeToAll({ fromPosition: 'end', filter: { streamNamePrefixes: [LEXICON_STREAM] } });
    await this.catchUp();
    this.loop = this.follow(this.subscription);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    await this.subscription?.unsubscribe();
    await this.loop;
  }

  /** The version this follower has applied (tests, diagnostics). */
  version(): number {
    return this.state.version;
  }

  private async follow(subscription: AllSubscription): Promise<void> {
    while (!this.stopped) {
      try {
        const batch = await subscription.nextBatch(BATCH);
        if (batch.length === 0) return; // ended
        await this.applyAll(batch.filter((e) => e.streamName === LEXICON_STREAM));
      } catch (error) {
        if (this.stopped) return;
        this.logger.warn(`lexicon follower failed, retrying: ${error instanceof Error ? error.message : String(error)}`);
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    }
  }

  private async applyAll(events: RecordedEvent[]): Promise<void> {
    let changed = false;
    for (const event of events) {
      const expected = BigInt(this.state.version);
      if (event.revision < expected) continue; // already applied (read with the stream, or delivered twice)
      if (event.revision > expected) {
        await this.catchUp(); // a gap: read what is missing, which includes this event
        changed = true;
        continue;
      }
      changed = this.fold(event) || changed;
    }
    if (changed) this.current.apply(this.state);
  }

  /** Reads the stream after what is applied and swaps in the result. */
  private async catchUp(): Promise<void> {
    let events: RecordedEvent[];
    try {
      events = await this.store.readStream(LEXICON_STREAM, { fromRevision: BigInt(this.state.version) });
    } catch (error) {
      if (error instanceof StreamNotFoundError) return;
      throw error;
    }
    let changed = false;
    for (const event of events) if (event.revision === BigInt(this.state.version)) changed = this.fold(event) || changed;
    if (changed) this.current.apply(this.state);
  }

  /** One stored event → one version; a type this release does not know still counts as a version. */
  private fold(recorded: RecordedEvent): boolean {
    const event = lexiconCodec.decode(recorded);
    if (event) evolveLexicon(this.state, event);
    else this.state.version += 1;
    return true;
  }
}
