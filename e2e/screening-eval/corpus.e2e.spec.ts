/**
 * The labelled screening corpus is well-formed and is the generator's output; the evaluation's figures are right on a
 * hand-made example (ADR 0032). Needs no build and starts no process: it lives beside the evaluation in e2e/ because
 * that is where `npm run screening:eval` is built from.
 */
import { readFileSync } from 'node:fs';
// The evaluation runs the service's own engine in-process (as the ledger bench does).
/* eslint-disable @nx/enforce-module-boundaries */
import { createScreeningEngine } from '../../apps/content-review/src/screening/domain/screen';
/* eslint-enable @nx/enforce-module-boundaries */
import { CATEGORIES, contractCategory, type CorpusRow, corpusFile, isChinese, KINDS, loadCorpus, rowProblem, serialiseCorpus, SPLITS } from './corpus';
import { EVASIONS, evade, generateCorpus } from './corpus-generator';
import { evaluate, figures, type Screened, screened } from './metrics';

const corpus = { train: loadCorpus('train'), holdout: loadCorpus('holdout') };
const all = [...corpus.train, ...corpus.holdout];

describe('the screening corpus', () => {
  it('holds at least 1,000 well-formed rows with unique ids', () => {
    expect(all.length).toBeGreaterThanOrEqual(1_000);
    expect(all.map((row) => [row.id, rowProblem(row)]).filter(([, problem]) => problem !== undefined)).toEqual([]);
    expect(new Set(all.map((row) => row.id)).size).toBe(all.length);
    expect(new Set(all.map((row) => row.text)).size).toBeGreaterThan(all.length * 0.98);
  });

  it.each(SPLITS)('%s: both languages, both labels, every kind and every category', (split) => {
    const rows = corpus[split];
    for (const label of ['legit', 'violation']) {
      expect(rows.filter((row) => row.label === label && isChinese(row.text)).length).toBeGreaterThan(20);
      expect(rows.filter((row) => row.label === label && !isChinese(row.text)).length).toBeGreaterThan(20);
    }
    expect(new Set(rows.map((row) => row.kind))).toEqual(new Set(KINDS));
    expect(new Set(rows.flatMap((row) => (row.category ? [row.category] : [])))).toEqual(new Set(CATEGORIES));
  });

  it('splits about 70/30 by template: no template has rows on both sides', () => {
    const share = corpus.holdout.length / all.length;
    expect(share).toBeGreaterThan(0.25);
    expect(share).toBeLessThan(0.4);
    const template = (row: CorpusRow) => row.id.replace(/-\d+$/, '');
    const trainTemplates = new Set(corpus.train.map(template));
    expect(corpus.holdout.filter((row) => trainTemplates.has(template(row))).map((row) => row.id)).toEqual([]);
  });

  it('is fair to legitimate traffic: money, banks, police, prizes and links appear in legitimate rows', () => {
    const legit = all.filter((row) => row.label === 'legit').map((row) => row.text);
    for (const trap of ['安全账户', '警察', '洗钱', '抽奖', '转账', '贷款', 'http', 'safe account', 'police', 'won', 'refund']) {
      expect([trap, legit.some((text) => text.includes(trap))]).toEqual([trap, true]);
    }
  });

  it('carries every evasion trick and fraud written as conversation', () => {
    const notes = all.filter((row) => row.label === 'violation').map((row) => row.note ?? '');
    for (const evasion of EVASIONS) expect(notes.filter((note) => note.includes(evasion)).length).toBeGreaterThan(5);
    expect(all.filter((row) => row.category === 'fraud' && row.note?.includes('conversation')).length).toBeGreaterThan(30);
    expect(all.some((row) => /[\u200b-\u200d\u2060]/.test(row.text))).toBe(true);
  });

  it('is exactly what the generator writes (no hand edits drift from the templates)', () => {
    const generated = generateCorpus();
    for (const split of SPLITS) expect(readFileSync(corpusFile(split), 'utf8')).toBe(serialiseCorpus(generated[split]));
  });

  it('rejects malformed rows', () => {
    const good: CorpusRow = { id: 'x', text: '赌博', kind: 'marketing', label: 'violation', category: 'gambling', expected: 'BLOCK' };
    expect(rowProblem(good)).toBeUndefined();
    expect(rowProblem({ ...good, category: 'casino' as never })).toBe('category casino');
    expect(rowProblem({ ...good, expected: 'REVIEW' })).toBe('a gambling row is expected BLOCK');
    expect(rowProblem({ ...good, category: 'missing-opt-out', expected: 'BLOCK' })).toBe('a missing-opt-out row is expected REVIEW');
    expect(rowProblem({ ...good, label: 'legit' })).toBe('a legitimate row has a category');
    expect(rowProblem({ id: 'y', text: 'hi', kind: 'smart' as never, label: 'legit', expected: 'PASS' })).toBe('kind smart');
    expect(rowProblem({ id: 'y', text: 'hi', kind: 'notification', label: 'legit', expected: 'BLOCK' })).toBe('a legitimate row is expected PASS');
  });
});

describe('evasion tricks', () => {
  const random = () => 0;
  it('act on the decisive phrase or the whole text', () => {
    expect(evade('请加[[赌博|du博]]群', 'spaces', random)).toBe('请加赌 博群');
    expect(evade('请加[[赌博|du博]]群', 'symbols', random)).toBe('请加赌*博群');
    expect(evade('请加[[赌博|du博]]群', 'zero-width', random)).toBe('请加赌\u200b博群');
    expect(evade('请加[[赌博|du博]]群', 'pinyin', random)).toBe('请加du博群');
    expect(evade('[[casino]] 24h', 'full-width', random)).toBe('ｃａｓｉｎｏ ２４ｈ');
    expect(evade('[[casino]]', 'homoglyphs', random)).toBe('саѕіnо');
    expect(evade('[[赌博]]发票', 'traditional', random)).toBe('賭博發票');
    expect(evade('回复1订购', 'spelled-digits', random)).toBe('回复幺订购');
    expect(evade('reply 1', 'spelled-digits', random)).toBe('reply one ');
    expect(evade('no phrase here', 'spaces', random)).toBeUndefined();
  });
});

describe('the evaluation figures', () => {
  const row = (id: string, label: CorpusRow['label'], kind: CorpusRow['kind'], category?: CorpusRow['category']): CorpusRow => ({
    id,
    text: id,
    kind,
    label,
    category,
    expected: label === 'legit' ? 'PASS' : category === 'missing-opt-out' ? 'REVIEW' : 'BLOCK',
  });
  const example: Screened[] = [
    screened(row('L1', 'legit', 'notification'), { outcome: 'PASS' }),
    screened(row('L2', 'legit', 'notification'), { outcome: 'BLOCK', category: 'FRAUD' }),
    screened(row('L3', 'legit', 'marketing'), { outcome: 'REVIEW', category: 'missing-opt-out' }),
    screened(row('L4', 'legit', 'verification'), { outcome: 'PASS' }),
    screened(row('V1', 'violation', 'notification', 'fraud'), { outcome: 'BLOCK', category: 'fraud' }),
    screened(row('V2', 'violation', 'notification', 'fraud'), { outcome: 'REVIEW', category: 'CONTACT_DIVERSION' }),
    screened(row('V3', 'violation', 'marketing', 'gambling'), { outcome: 'PASS' }),
    screened(row('V4', 'violation', 'marketing', 'missing-opt-out'), { outcome: 'REVIEW', category: 'MISSING_OPT_OUT' }),
  ];

  it('computes recall, block recall, precision, false positives and review rate overall', () => {
    expect(figures(example)).toEqual({
      messages: 8,
      legit: 4,
      violations: 4,
      caught: 3,
      expectedBlock: 3,
      blocked: 1,
      flagged: 5,
      legitBlocked: 1,
      legitReviewed: 1,
      recall: 0.75,
      blockRecall: 1 / 3,
      precision: 0.6,
      falsePositiveRate: 0.25,
      reviewRate: 0.25,
      categoryAgreement: 2 / 3,
    });
  });

  it('per kind and per category, with null where nothing was there to count', () => {
    const evaluation = evaluate(example);
    expect(evaluation.byKind.notification).toMatchObject({ legit: 2, violations: 2, recall: 1, blockRecall: 0.5, precision: 2 / 3, falsePositiveRate: 0.5, reviewRate: 0 });
    expect(evaluation.byKind.marketing).toMatchObject({ recall: 0.5, blockRecall: 0, precision: 0.5, falsePositiveRate: 0, reviewRate: 1 });
    expect(evaluation.byKind.verification).toMatchObject({ recall: null, blockRecall: null, precision: null, falsePositiveRate: 0 });
    expect(evaluation.byCategory.fraud).toEqual({ violations: 2, caught: 2, recall: 1, blockRecall: 0.5, flagged: 2, precision: 0.5, falsePositives: 1 });
    expect(evaluation.byCategory.gambling).toEqual({ violations: 1, caught: 0, recall: 0, blockRecall: 0, flagged: 0, precision: null, falsePositives: 0 });
    expect(evaluation.byCategory['missing-opt-out']).toEqual({ violations: 1, caught: 1, recall: 1, blockRecall: null, flagged: 2, precision: 0.5, falsePositives: 0 });
    expect(evaluation.byCategory['contact-diversion']).toMatchObject({ violations: 0, recall: null, flagged: 1, precision: 1 });
  });

  it('checks the targets: recall ≥ 95 %, false positives ≤ 1 %, review rate ≤ 2 %', () => {
    const missed = evaluate(example);
    expect(missed.targets.recall).toEqual({ target: 0.95, value: 0.75, met: false });
    expect(missed.targets.falsePositiveRate).toEqual({ target: 0.01, value: 0.25, met: false });
    expect(missed.met).toBe(false);

    const perfect = evaluate(example.map((i) => ({ ...i, outcome: i.row.expected, category: i.row.category })));
    expect(perfect.targets).toEqual({
      recall: { target: 0.95, value: 1, met: true },
      falsePositiveRate: { target: 0.01, value: 0, met: true },
      reviewRate: { target: 0.02, value: 0, met: true },
    });
    expect(perfect.met).toBe(true);
    // Exactly at a limit still meets it: 1 of 100 legitimate rows blocked, 2 held, 19 of 20 violations caught.
    const legit = Array.from({ length: 100 }, (_, i) => screened(row(`l${i}`, 'legit', 'notification'), { outcome: i === 0 ? 'BLOCK' : i < 3 ? 'REVIEW' : 'PASS' }));
    const violations = Array.from({ length: 20 }, (_, i) => screened(row(`v${i}`, 'violation', 'notification', 'fraud'), { outcome: i === 0 ? 'PASS' : 'BLOCK' }));
    const atLimits = evaluate([...legit, ...violations]);
    expect([atLimits.targets.recall.value, atLimits.targets.falsePositiveRate.value, atLimits.targets.reviewRate.value]).toEqual([0.95, 0.01, 0.02]);
    expect(atLimits.met).toBe(true);
    expect(evaluate([...legit, screened(row('l100', 'legit', 'notification'), { outcome: 'REVIEW' }), ...violations]).targets.reviewRate.met).toBe(false);
    // An empty corpus meets nothing.
    expect(evaluate([]).met).toBe(false);
  });

  it('names engine categories as CONTRACTS.md does', () => {
    expect(contractCategory('SMUGGLED_VEHICLES')).toBe('smuggling');
    expect(contractCategory('FALSE_PRIZE')).toBe('false-lottery');
    expect(contractCategory('SP_SUBSCRIPTION')).toBe('sp-trick');
    expect(contractCategory('THIRD_PARTY_ADS')).toBe('unsolicited-ad');
    expect(contractCategory('TERRORISM_VIOLENCE')).toBe('terror');
    expect(contractCategory('url-not-allowed')).toBe('url-not-allowed');
    expect(contractCategory(undefined)).toBeUndefined();
  });

  it('runs the bundled engine over the whole corpus and every count adds up', () => {
    const engine = createScreeningEngine();
    const evaluation = evaluate(all.map((r) => screened(r, engine.screen(r.text, r.kind))));
    const o = evaluation.overall;
    expect(o.messages).toBe(all.length);
    expect(o.legit + o.violations).toBe(all.length);
    expect(o.caught).toBeLessThanOrEqual(o.violations);
    expect(o.blocked).toBeLessThanOrEqual(o.caught);
    expect(o.legitBlocked + o.legitReviewed + o.caught).toBe(o.flagged);
    expect(Object.values(evaluation.byKind).reduce((sum, f) => sum + f.messages, 0)).toBe(all.length);
  });
});
