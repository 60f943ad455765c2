import { Injectable } from '@nestjs/common';
import { CurrentLexicon } from '../application/current-lexicon';
import type { LexiconTerm } from '../domain/lexicon';

export interface ListLexiconQuery {
  /** Terms after this many (0 = from the first). */
  offset?: number;
  limit?: number;
}

export interface LexiconPage {
  version: number;
  total: number;
  terms: LexiconTerm[];
  /** The offset of the next page, absent on the last one. */
  nextOffset?: number;
}

export const DEFAULT_LEXICON_PAGE = 500;

/**
 * The lexicon this instance screens with, one page of it: built-in terms first, then runtime terms in the order
 * they were added. Every page of a listing carries the version it was cut from, so a client can tell when the
 * lexicon moved between two pages.
 */
@Injectable()
export class ListLexiconHandler {
  constructor(private readonly current: CurrentLexicon) {}

  handle(query: ListLexiconQuery = {}): LexiconPage {
    const { version, terms } = this.current.snapshot();
    const offset = query.offset ?? 0;
    const limit = query.limit ?? DEFAULT_LEXICON_PAGE;
    const page = terms.slice(offset, offset + limit);
    const next = offset + page.length;
    return { version, total: terms.length, terms: page, ...(next < terms.length ? { nextOffset: next } : {}) };
  }
}
