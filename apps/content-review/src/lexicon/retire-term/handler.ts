import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@sms/service-kit';
import { commandMetadata } from '../../event-metadata';
import { APPLY_WAIT_MS } from '../add-term/handler';
import { CurrentLexicon } from '../application/current-lexicon';
import { LEXICON_STREAM_HANDLER, type LexiconStream, versionAfter } from '../application/lexicon-stream';
import { LEXICON_STREAM } from '../domain/events';
import { decideLexicon } from '../domain/lexicon';

export interface RetireTermInput {
  termId: string;
  reason?: string;
  /** The reviewer's key id. */
  retiredBy: string;
}

/** A reviewer retires a term (built-in or runtime): one TermRetired; answers once this instance stops matching it. */
@Injectable()
export class RetireTermHandler {
  constructor(
    @Inject(LEXICON_STREAM_HANDLER) private readonly lexicon: LexiconStream,
    private readonly current: CurrentLexicon,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(input: RetireTermInput): Promise<{ version: number }> {
    const result = await this.lexicon.handle(
      LEXICON_STREAM,
      (state) => decideLexicon({ type: 'RetireTerm', ...input, now: this.clock.now() }, state),
      { metadata: commandMetadata() },
    );
    const version = versionAfter(result);
    await this.current.waitFor(version, APPLY_WAIT_MS);
    return { version };
  }
}
