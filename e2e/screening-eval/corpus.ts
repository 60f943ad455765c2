/**
 * The labelled screening corpus (ADR 0032): its row format, the CONTRACTS.md categories, and loading the JSONL
 * files of `corpus/screening/`.
 */
import { SCREENING_CATEGORIES } from '@sms/contracts';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const KINDS = ['verification', 'notification', 'marketing', 'international'] as const;
export type CorpusKind = (typeof KINDS)[number];

/** The violation categories of CONTRACTS.md (content-review, `POST /v1/screenings`), all expected BLOCK. */
export const BLOCK_CATEGORIES = SCREENING_CATEGORIES;
/** Rule outcomes of CONTRACTS.md, expected REVIEW. (`url-not-allowed` has no rows yet: the engine has no allow-list.) */
export const REVIEW_CATEGORIES = ['missing-opt-out'] as const;
export const CATEGORIES = [...BLOCK_CATEGORIES, ...REVIEW_CATEGORIES] as const;
export type CorpusCategory = (typeof CATEGORIES)[number];

export type Outcome = 'PASS' | 'REVIEW' | 'BLOCK';
export const SPLITS = ['train', 'holdout'] as const;
export type Split = (typeof SPLITS)[number];

export interface CorpusRow {
  id: string;
  text: string;
  kind: CorpusKind;
  label: 'legit' | 'violation';
  category?: CorpusCategory;
  expected: Outcome;
  note?: string;
}

export const isChinese = (text: string): boolean => /[\u3400-\u9fff]/u.test(text);

/** The engine names categories in upper snake case (`SMUGGLED_VEHICLES`); the corpus uses CONTRACTS.md's names. */
const ENGINE_ALIASES: Record<string, string> = {
  'smuggled-vehicles': 'smuggling',
  'false-prize': 'false-lottery',
  'sp-subscription': 'sp-trick',
  'third-party-ads': 'unsolicited-ad',
  'cult-superstition': 'cult',
  'terrorism-violence': 'terror',
  'crime-methods': 'crime-method',
};

export function contractCategory(engineCategory: string | undefined): string | undefined {
  if (!engineCategory) return undefined;
  const kebab = engineCategory.toLowerCase().replace(/_/g, '-');
  return ENGINE_ALIASES[kebab] ?? kebab;
}

/** `corpus/screening` of the repository, found above this file (source or dist/), else above the working directory. */
export function corpusDirectory(starts: readonly string[] = [__dirname, process.cwd()]): string {
  for (const from of starts) {
    for (let dir = from; ; dir = dirname(dir)) {
      const candidate = join(dir, 'corpus', 'screening');
      if (existsSync(join(candidate, 'train.jsonl'))) return candidate;
      if (dirname(dir) === dir) break;
    }
  }
  throw new Error(`corpus/screening not found above ${starts.join(' or ')}`);
}

export function corpusFile(split: Split, directory: string = corpusDirectory()): string {
  return join(directory, `${split}.jsonl`);
}

export function parseCorpus(jsonl: string): CorpusRow[] {
  return jsonl
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as CorpusRow);
}

export function loadCorpus(split: Split, directory?: string): CorpusRow[] {
  return parseCorpus(readFileSync(corpusFile(split, directory), 'utf8'));
}

/** Why a row is malformed, or undefined when it is well-formed. */
export function rowProblem(row: CorpusRow): string | undefined {
  if (typeof row.id !== 'string' || row.id === '') return 'no id';
  if (typeof row.text !== 'string' || row.text.trim() === '') return 'no text';
  if (!(KINDS as readonly string[]).includes(row.kind)) return `kind ${row.kind}`;
  if (!['PASS', 'REVIEW', 'BLOCK'].includes(row.expected)) return `expected ${row.expected}`;
  if (row.label === 'legit') {
    if (row.category !== undefined) return 'a legitimate row has a category';
    if (row.expected !== 'PASS') return 'a legitimate row is expected PASS';
    return undefined;
  }
  if (row.label !== 'violation') return `label ${row.label}`;
  if (!row.category || !(CATEGORIES as readonly string[]).includes(row.category)) return `category ${row.category}`;
  const expected: Outcome = (BLOCK_CATEGORIES as readonly string[]).includes(row.category) ? 'BLOCK' : 'REVIEW';
  if (row.expected !== expected) return `a ${row.category} row is expected ${expected}`;
  return undefined;
}

/** The JSONL form: one row per line, keys in a fixed order. */
export function serialiseCorpus(rows: readonly CorpusRow[]): string {
  return rows
    .map(({ id, text, kind, label, category, expected, note }) => JSON.stringify({ id, text, kind, label, category, expected, note }))
    .join('\n')
    .concat('\n');
}
