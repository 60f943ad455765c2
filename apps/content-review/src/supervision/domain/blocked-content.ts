import { violationCategoryOf } from './events';
import { MAX_EVIDENCE } from './violation';

/**
 * The blocked-content rule (DOMAIN §3 "a confirmed violation … suspends the account"; ADR 0034 "Blocked content"):
 * screening BLOCKs an account's messages at send time, but an automatic BLOCK can be a false positive (~1–2 % of
 * legitimate texts on the holdout), so one block never makes a violation. The account's blocked messages in a rolling
 * window must reach a minimum count AND a share of all its screened messages. Pure.
 */
export interface BlockedContentSettings {
  /** Rolling window, hours (BLOCKED_CONTENT_WINDOW_HOURS, default 24). */
  windowHours: number;
  /** At least this many blocked messages in the window (BLOCKED_CONTENT_MIN_COUNT, default 20). */
  minCount: number;
  /** …and at least this share of the screened messages, per mille (BLOCKED_CONTENT_RATE_PERMILLE, default 50). */
  ratePermille: number;
}

export const DEFAULT_BLOCKED_CONTENT: BlockedContentSettings = { windowHours: 24, minCount: 20, ratePermille: 50 };

/** What the window holds for one account: totals, and the blocked messages' categories and lexicon terms. */
export interface BlockedContentWindow {
  /** Every message screened (cleared, held and blocked). */
  screened: number;
  blocked: number;
  /** Blocked messages per category. */
  categories: Record<string, number>;
  /** Blocked messages per lexicon term found in them. */
  terms: Record<string, number>;
}

export type BlockedContentVerdict = { breached: false } | { breached: true; category: string; permille: number; evidence: string };

/** How many terms the evidence names at most (the most frequent first). */
export const MAX_EVIDENCE_TERMS = 20;
/** A term with a run of this many digits could be a phone number: the evidence leaves it out. */
const NUMBER_LIKE = /\d{5,}/;

/**
 * Breached when `blocked ≥ minCount` and `blocked / screened ≥ ratePermille ‰` (both edges inclusive). The category
 * is the most frequent blocked one (ties: the alphabetically first). The evidence names counts, categories and
 * lexicon terms — never a text or a number.
 */
export function blockedContentRate(window: BlockedContentWindow, settings: BlockedContentSettings): BlockedContentVerdict {
  if (window.blocked < settings.minCount) return { breached: false };
  // Blocked messages are screened messages; a window missing its screened rows counts the blocked ones as screened.
  const screened = Math.max(window.screened, window.blocked);
  if (window.blocked * 1000 < settings.ratePermille * screened) return { breached: false };
  const permille = Math.round((window.blocked * 10_000) / screened) / 10;
  const categories = ranked(window.categories);
  const category = violationCategoryOf(categories[0]?.[0] ?? 'other');
  const terms = ranked(window.terms);
  const shown = terms.filter(([term]) => !NUMBER_LIKE.test(term));
  const omitted = terms.length - shown.length;
  const termList = shown.slice(0, MAX_EVIDENCE_TERMS).map(([term, n]) => `${term} (${n})`);
  if (shown.length > MAX_EVIDENCE_TERMS) termList.push(`… ${shown.length - MAX_EVIDENCE_TERMS} more`);
  if (omitted > 0) termList.push(`${omitted} with digits not shown`);
  return {
    breached: true,
    category,
    permille,
    evidence: clip(
      `${window.blocked} of ${screened} screened messages blocked in ${settings.windowHours} h (${permille} ‰; thresholds ${settings.minCount} messages and ${settings.ratePermille} ‰); ` +
      `by category: ${categories.map(([c, n]) => `${c} ${n}`).join(', ') || 'none'}; terms: ${termList.join(', ') || 'none'}`,
    ),
  };
}

/** A violation's evidence is at most MAX_EVIDENCE characters. */
function clip(text: string): string {
  const chars = [...text];
  return chars.length <= MAX_EVIDENCE ? text : `${chars.slice(0, MAX_EVIDENCE - 1).join('')}…`;
}

function ranked(counts: Record<string, number>): Array<[string, number]> {
  return Object.entries(counts)
    .filter(([, n]) => n > 0)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0));
}
