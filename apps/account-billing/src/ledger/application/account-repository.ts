import { type EventStore, type ExpectedRevision, type RecordedEvent, StreamNotFoundError, WrongExpectedVersionError } from '@sms/event-store';
import type { AccountCommand } from '../domain/account.commands';
import { decide, type Rejection } from '../domain/account.decider';
import { type AccountEvent, accountStream, decodeAccountEvent, encodeAccountEvent } from '../domain/account.events';
import { type AccountState, evolve, initialState } from '../domain/account.state';
import { KeyedMutex } from './keyed-mutex';

interface Cached {
  state: AccountState;
  /** Revision of the last event folded into `state`. */
  revision: bigint;
}

export type ExecuteResult =
  | { ok: true; events: AccountEvent[]; state: AccountState; revision: bigint }
  | { ok: false; rejection: Rejection };

export interface ExecuteOptions {
  /** Id of the index-th event decided; consumers derive it from the consumed event so a redelivery is a no-op. */
  eventId(index: number): string;
  metadata?: Record<string, unknown>;
}

const MAX_ATTEMPTS = 5;

/**
 * Loads, decides and appends Account commands. Each account's state is cached in memory with its revision, so a
 * command costs one append and no read; a conflict (another process wrote) reads only the events after the cached
 * revision, folds them in and decides again. The cached state is evolved only after an append succeeded, so a
 * failed write never leaves the cache ahead of the store.
 */
export class AccountRepository {
  private readonly cache = new Map<string, Cached>();
  private readonly mutex = new KeyedMutex();

  constructor(private readonly store: EventStore) {}

  /** The current state of an account (cached), or undefined when it does not exist. Map it before awaiting anything. */
  async find(accountId: string): Promise<AccountState | undefined> {
    return this.mutex.run(accountId, async () => (await this.load(accountId))?.state);
  }

  async execute(accountId: string, command: AccountCommand, options: ExecuteOptions): Promise<ExecuteResult> {
    return this.mutex.run(accountId, async () => {
      for (let attempt = 1; ; attempt++) {
        const cached = await this.load(accountId);
        const state = cached?.state ?? initialState();
        const decision = decide(command, state);
        if (!decision.ok) return decision;
        if (decision.events.length === 0) return { ok: true, events: [], state, revision: cached?.revision ?? -1n };

        const expected: ExpectedRevision = cached ? cached.revision : 'no_stream';
        try {
          const result = await this.store.appendToStream(
            accountStream(accountId),
            decision.events.map((event, index) => ({ id: options.eventId(index), ...encodeAccountEvent(event), metadata: options.metadata })),
            { expectedRevision: expected },
          );
          return { ok: true, events: decision.events, ...(await this.afterAppend(accountId, cached, decision.events, result.nextExpectedRevision)) };
        } catch (error) {
          if (error instanceof WrongExpectedVersionError && attempt < MAX_ATTEMPTS) {
            await this.catchUp(accountId, cached);
            continue;
          }
          // The outcome of a failed write is unknown: forget the cache so the next command reads what was committed.
          this.cache.delete(accountId);
          throw error;
        }
      }
    });
  }

  /** Drops every cached account (tests; a later "rebuild" tool). */
  forgetAll(): void {
    this.cache.clear();
  }

  private async afterAppend(accountId: string, cached: Cached | undefined, events: AccountEvent[], next: bigint): Promise<Cached> {
    const base = cached?.revision ?? -1n;
    if (next === base + BigInt(events.length)) {
      const entry = cached ?? { state: initialState(), revision: -1n };
      for (const event of events) evolve(entry.state, event);
      entry.revision = next;
      this.cache.set(accountId, entry);
      return entry;
    }
    // The store answered a duplicate append (our ids were already committed) at another revision: the stream moved
    // on without us, so the cache must be rebuilt from the store rather than from what we decided.
    this.cache.delete(accountId);
    const reloaded = await this.load(accountId);
    if (!reloaded) throw new Error(`Stream ${accountStream(accountId)} is empty right after an append`);
    return reloaded;
  }

  private async load(accountId: string): Promise<Cached | undefined> {
    const cached = this.cache.get(accountId);
    if (cached) return cached;
    const events = await this.read(accountId, 'start');
    if (events.length === 0) return undefined; // unknown ids are not cached: a typo must not cost memory forever
    const entry: Cached = { state: initialState(), revision: -1n };
    this.fold(entry, events);
    this.cache.set(accountId, entry);
    return entry;
  }

  private async catchUp(accountId: string, cached: Cached | undefined): Promise<void> {
    if (!cached) return; // nothing cached: the next load reads the whole stream
    try {
      this.fold(cached, await this.read(accountId, cached.revision + 1n));
    } catch (error) {
      this.cache.delete(accountId);
      throw error;
    }
  }

  private fold(entry: Cached, events: RecordedEvent[]): void {
    for (const recorded of events) {
      evolve(entry.state, decodeAccountEvent(recorded.type, recorded.data));
      entry.revision = recorded.revision;
    }
  }

  private async read(accountId: string, fromRevision: bigint | 'start'): Promise<RecordedEvent[]> {
    try {
      return await this.store.readStream(accountStream(accountId), { fromRevision });
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
  }
}
