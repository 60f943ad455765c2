import { eventCodec, jsonEventType } from '@sms/use-case-kit/core';
import { LEXICON_EVENTS, type LexiconEvent } from '../domain/events';

/**
 * The lexicon stream's events (plain JSON: terms and reviewer key ids, no personal data). Kept beside the lexicon
 * rather than in the service's codec while that file is being reworked; folding it in is a one-line move.
 */
export const lexiconCodec = eventCodec<LexiconEvent>({
  typeOf: (event) => event.type,
  types: [jsonEventType<LexiconEvent>('TermAdded', LEXICON_EVENTS.termAdded), jsonEventType<LexiconEvent>('TermRetired', LEXICON_EVENTS.termRetired)],
});
