/**
 * The figures `npm run screening:eval` reports (ADR 0032). Pure functions of (row, what the engine said).
 *
 * - recall: violations not PASS (held for review or blocked both stop the message) / violations;
 * - blockRecall: violations expected BLOCK that were BLOCKed / violations expected BLOCK;
 * - precision: violations not PASS / all rows not PASS;
 * - falsePositiveRate: legitimate rows BLOCKed / legitimate rows;
 * - reviewRate: legitimate rows held for REVIEW / legitimate rows;
 * - categoryAgreement: caught violations whose engine category is the labelled one / caught violations.
 * A rate whose denominator is zero is null.
 */
import { contractCategory, type CorpusRow, type Outcome } from './corpus';

export interface Screened {
  row: CorpusRow;
  outcome: Outcome;
  /** The engine's category, already in CONTRACTS.md's naming (contractCategory). */
  category?: string;
}

export interface Figures {
  messages: number;
  legit: number;
  violations: number;
  caught: number;
  expectedBlock: number;
  blocked: number;
  flagged: number;
  legitBlocked: number;
  legitReviewed: number;
  recall: number | null;
  blockRecall: number | null;
  precision: number | null;
  falsePositiveRate: number | null;
  reviewRate: number | null;
  categoryAgreement: number | null;
}

export interface CategoryFigures {
  violations: number;
  caught: number;
  recall: number | null;
  blockRecall: number | null;
  /** Rows the engine put in this category (not PASS). */
  flagged: number;
  /** Of those, the share that are violations (of any category). */
  precision: number | null;
  /** Legitimate rows the engine BLOCKed under this category. */
  falsePositives: number;
}

export const TARGETS = { recall: 0.95, falsePositiveRate: 0.01, reviewRate: 0.02 } as const;

export interface TargetCheck {
  target: number;
  value: number | null;
  met: boolean;
}

export interface Evaluation {
  overall: Figures;
  byKind: Record<string, Figures>;
  byCategory: Record<string, CategoryFigures>;
  targets: { recall: TargetCheck; falsePositiveRate: TargetCheck; reviewRate: TargetCheck };
  met: boolean;
}

export const ratio = (numerator: number, denominator: number): number | null => (denominator === 0 ? null : numerator / denominator);

export function figures(items: readonly Screened[]): Figures {
  const violations = items.filter((i) => i.row.label === 'violation');
  const legit = items.filter((i) => i.row.label === 'legit');
  const caught = violations.filter((i) => i.outcome !== 'PASS');
  const expectedBlock = violations.filter((i) => i.row.expected === 'BLOCK');
  const blocked = expectedBlock.filter((i) => i.outcome === 'BLOCK');
  const flagged = items.filter((i) => i.outcome !== 'PASS');
  const legitBlocked = legit.filter((i) => i.outcome === 'BLOCK').length;
  const legitReviewed = legit.filter((i) => i.outcome === 'REVIEW').length;
  return {
    messages: items.length,
    legit: legit.length,
    violations: violations.length,
    caught: caught.length,
    expectedBlock: expectedBlock.length,
    blocked: blocked.length,
    flagged: flagged.length,
    legitBlocked,
    legitReviewed,
    recall: ratio(caught.length, violations.length),
    blockRecall: ratio(blocked.length, expectedBlock.length),
    precision: ratio(caught.length, flagged.length),
    falsePositiveRate: ratio(legitBlocked, legit.length),
    reviewRate: ratio(legitReviewed, legit.length),
    categoryAgreement: ratio(caught.filter((i) => i.category === i.row.category).length, caught.length),
  };
}

export function categoryFigures(items: readonly Screened[], category: string): CategoryFigures {
  const own = items.filter((i) => i.row.label === 'violation' && i.row.category === category);
  const caught = own.filter((i) => i.outcome !== 'PASS');
  const expectedBlock = own.filter((i) => i.row.expected === 'BLOCK');
  const flagged = items.filter((i) => i.outcome !== 'PASS' && i.category === category);
  return {
    violations: own.length,
    caught: caught.length,
    recall: ratio(caught.length, own.length),
    blockRecall: ratio(expectedBlock.filter((i) => i.outcome === 'BLOCK').length, expectedBlock.length),
    flagged: flagged.length,
    precision: ratio(flagged.filter((i) => i.row.label === 'violation').length, flagged.length),
    falsePositives: flagged.filter((i) => i.row.label === 'legit' && i.outcome === 'BLOCK').length,
  };
}

const check = (value: number | null, target: number, atLeast: boolean): TargetCheck => ({
  target,
  value,
  met: value !== null && (atLeast ? value >= target : value <= target),
});

export function evaluate(items: readonly Screened[]): Evaluation {
  const overall = figures(items);
  const kinds = [...new Set(items.map((i) => i.row.kind))].sort();
  const categories = [...new Set([...items.flatMap((i) => (i.row.category ? [i.row.category] : [])), ...items.flatMap((i) => (i.outcome !== 'PASS' && i.category ? [i.category] : []))])].sort();
  const targets = {
    recall: check(overall.recall, TARGETS.recall, true),
    falsePositiveRate: check(overall.falsePositiveRate, TARGETS.falsePositiveRate, false),
    reviewRate: check(overall.reviewRate, TARGETS.reviewRate, false),
  };
  return {
    overall,
    byKind: Object.fromEntries(kinds.map((kind) => [kind, figures(items.filter((i) => i.row.kind === kind))])),
    byCategory: Object.fromEntries(categories.map((category) => [category, categoryFigures(items, category)])),
    targets,
    met: targets.recall.met && targets.falsePositiveRate.met && targets.reviewRate.met,
  };
}

/** What the engine said about one row, in the corpus's terms. */
export function screened(row: CorpusRow, result: { outcome: Outcome; category?: string }): Screened {
  return { row, outcome: result.outcome, category: contractCategory(result.category) };
}
