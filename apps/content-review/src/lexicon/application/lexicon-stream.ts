import type { EventStore } from '@sms/event-store';
import { DomainError } from '@sms/service-kit';
import { CommandHandler, type HandleResult } from '@sms/use-case-kit';
import type { LexiconEvent } from '../domain/events';
import { lexiconDecider, type LexiconState } from '../domain/lexicon';
import { lexiconCodec } from './lexicon-codec';

/** The lexicon stream's write path (one stream, so every change is ordered and numbered by its revision). */
export type LexiconStream = CommandHandler<LexiconEvent, LexiconState>;

export const LEXICON_STREAM_HANDLER = Symbol('LEXICON_STREAM_HANDLER');

export const createLexiconStream = (store: EventStore): LexiconStream =>
  new CommandHandler({ store, codec: lexiconCodec, evolve: lexiconDecider.evolve, initialState: lexiconDecider.initialState });

/** The version after a command, or its rejection as a DomainError. */
export function versionAfter(result: HandleResult<LexiconEvent, LexiconState>): number {
  if (!result.ok) throw new DomainError(result.rejection.code, result.rejection.detail);
  return Number(result.revision) + 1;
}
