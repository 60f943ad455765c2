import type { MessageKind, ScreeningOutcome } from '@sms/contracts';
import { AhoCorasick } from './aho-corasick';
import { LEXICON, LexiconEntry, OPT_OUT_MARKERS, ScreeningCategory } from './lexicon';
import { normalise } from './normalise';

export interface ScreeningMatch {
  /** The lexicon term as written in the lexicon (not the evasive spelling found). */
  term: string;
  category: ScreeningCategory;
  level: 'BLOCK' | 'REVIEW';
  /** UTF-16 index in the screened text where the occurrence starts. */
  index: number;
}

export interface ScreeningResult {
  outcome: ScreeningOutcome;
  /** Why the text is not PASS: the category of the first decisive finding. */
  category?: ScreeningCategory;
  matches: ScreeningMatch[];
  /** A marketing text without an opt-out instruction (DOMAIN.md §1). */
  optOutMissing: boolean;
}

/** REVIEW findings a human already accepted by approving the template a message was rendered from. */
export interface AcceptedFindings {
  terms: ReadonlySet<string>;
  missingOptOut: boolean;
}

export interface ScreenOptions {
  accepted?: AcceptedFindings;
}

export interface ScreeningEngine {
  screen(text: string, kind: MessageKind, options?: ScreenOptions): ScreeningResult;
}

/** Matches reported per text; the outcome is decided on all of them, the list is only evidence. */
const MAX_REPORTED_MATCHES = 50;

/** Builds the automaton once; screening a text is then one normalising pass and one automaton pass. */
export function createScreeningEngine(lexicon: readonly LexiconEntry[] = LEXICON, optOutMarkers: readonly string[] = OPT_OUT_MARKERS): ScreeningEngine {
  const patterns = [...lexicon.map((e) => e.term), ...optOutMarkers].map((term) => {
    const folded = normalise(term).codePoints;
    if (folded.length === 0) throw new Error(`Lexicon term "${term}" normalises to nothing`);
    return folded;
  });
  const automaton = new AhoCorasick(patterns);

  return {
    screen(text, kind, options = {}) {
      const { codePoints, sources } = normalise(text);
      const matches: ScreeningMatch[] = [];
      let optOutPresent = false;
      for (const hit of automaton.search(codePoints)) {
        if (hit.pattern >= lexicon.length) {
          optOutPresent = true;
          continue;
        }
        const entry = lexicon[hit.pattern];
        matches.push({ term: entry.term, category: entry.category, level: entry.level, index: sources[hit.start] });
      }
      // Hits arrive by end position; order them by where they start, longer (more specific) terms first.
      matches.sort((a, b) => a.index - b.index || b.term.length - a.term.length);

      const optOutMissing = kind === 'marketing' && !optOutPresent;
      const accepted = options.accepted;
      const blocking = matches.find((m) => m.level === 'BLOCK');
      const reviewing = matches.find((m) => m.level === 'REVIEW' && !accepted?.terms.has(m.term));
      const reported = matches.slice(0, MAX_REPORTED_MATCHES);

      if (blocking) return { outcome: 'BLOCK', category: blocking.category, matches: reported, optOutMissing };
      if (reviewing) return { outcome: 'REVIEW', category: reviewing.category, matches: reported, optOutMissing };
      if (optOutMissing && !accepted?.missingOptOut) return { outcome: 'REVIEW', category: 'MISSING_OPT_OUT', matches: reported, optOutMissing };
      return { outcome: 'PASS', matches: reported, optOutMissing };
    },
  };
}

/** What a reviewer accepted when approving a template whose own screening is `templateScreening`. */
export function acceptedFindings(templateScreening: ScreeningResult): AcceptedFindings {
  return {
    terms: new Set(templateScreening.matches.filter((m) => m.level === 'REVIEW').map((m) => m.term)),
    missingOptOut: templateScreening.optOutMissing,
  };
}

const PLACEHOLDER = /\$\{[A-Za-z_][A-Za-z0-9_]*\}/g;

/**
 * Screens a template's own wording: placeholders become blanks of the same length (so indices still point into the
 * content, and words split by an empty variable still join up once blanks are removed).
 */
export function screenTemplate(content: string, kind: MessageKind, engine: ScreeningEngine = defaultScreeningEngine()): ScreeningResult {
  return engine.screen(content.replace(PLACEHOLDER, (placeholder) => ' '.repeat(placeholder.length)), kind);
}

let defaultEngine: ScreeningEngine | undefined;

function defaultScreeningEngine(): ScreeningEngine {
  defaultEngine ??= createScreeningEngine();
  return defaultEngine;
}

/** Screens with the bundled lexicon. */
export function screen(text: string, kind: MessageKind, options?: ScreenOptions): ScreeningResult {
  return defaultScreeningEngine().screen(text, kind, options);
}
