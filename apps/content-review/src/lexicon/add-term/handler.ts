import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock, newId } from '@sms/service-kit';
import { commandMetadata } from '../../event-metadata';
import { CurrentLexicon } from '../application/current-lexicon';
import { LEXICON_STREAM_HANDLER, type LexiconStream, versionAfter } from '../application/lexicon-stream';
import { LEXICON_STREAM } from '../domain/events';
import { decideLexicon, type LexiconTerm } from '../domain/lexicon';

export interface AddTermInput {
  term: string;
  category: string;
  action: string;
  /** The reviewer's key id. */
  addedBy: string;
}

export interface AddedTerm extends LexiconTerm {
  /** The lexicon version this change made. */
  version: number;
}

/** How long a change waits to be screened with here before the answer goes out anyway (it is durable already). */
export const APPLY_WAIT_MS = 1_000;

/**
 * A reviewer adds a term: one TermAdded on the lexicon stream. Answers once this instance screens with it (within
 * APPLY_WAIT_MS), so a screening sent to the same instance right after the 201 already sees the term.
 */
@Injectable()
export class AddTermHandler {
  constructor(
    @Inject(LEXICON_STREAM_HANDLER) private readonly lexicon: LexiconStream,
    private readonly current: CurrentLexicon,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(input: AddTermInput): Promise<AddedTerm> {
    const termId = newId();
    const result = await this.lexicon.handle(
      LEXICON_STREAM,
      (state) => decideLexicon({ type: 'AddTerm', termId, ...input, now: this.clock.now() }, state),
      { metadata: commandMetadata() },
    );
    const version = versionAfter(result);
    const added = result.ok ? result.state.terms.get(termId) : undefined;
    if (!added) throw new Error(`term ${termId} missing after its append`);
    await this.current.waitFor(version, APPLY_WAIT_MS);
    return { ...added, version };
  }
}
