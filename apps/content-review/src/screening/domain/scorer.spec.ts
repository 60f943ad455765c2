import { readFileSync } from 'node:fs';
import { BUNDLED_SCORER_FILE, bundledScorer } from '../model/bundled-scorer';
import { normalise } from './normalise';
import { createScorer, featureVector, forEachFeature, parseScorerModel, SCORER_FORMAT, SCORER_FORMAT_VERSION, type ScorerModelFile, trainScorer, type TrainingRow } from './scorer';

const buckets = (text: string, size = 1 << 20): number[] => {
  const out: number[] = [];
  forEachFeature(normalise(text).codePoints, size, (b) => out.push(b));
  return out;
};

const row = (text: string, category?: string): TrainingRow => ({ codePoints: normalise(text).codePoints, violation: category !== undefined, ...(category ? { category } : {}) });

/** A tiny hand-made corpus: casino talk is gambling, pills talk is drugs, parcels and appointments are legitimate. */
const TINY: TrainingRow[] = [
  row('win big at our casino tonight', 'gambling'),
  row('casino bonus for new players', 'gambling'),
  row('online casino jackpot waiting', 'gambling'),
  row('cheap pills shipped discreetly', 'drugs'),
  row('buy pills without prescription', 'drugs'),
  row('pills delivered overnight no questions', 'drugs'),
  row('your parcel arrives tomorrow'),
  row('parcel delivered to your door'),
  row('your appointment is confirmed for monday'),
  row('appointment reminder see you tomorrow'),
  row('your parcel is at the pickup point'),
  row('reschedule your appointment online'),
];

function model(overrides: Partial<ScorerModelFile> = {}): ScorerModelFile {
  const trained = trainScorer(TINY, ['gambling', 'drugs'], { buckets: 1 << 16, l2: 1e-3, epochs: 80, learningRate: 0.5, minDocumentFrequency: 1 });
  return {
    format: SCORER_FORMAT,
    version: SCORER_FORMAT_VERSION,
    trainedOn: { split: 'tiny', rows: TINY.length, sha256: 'x' },
    features: { buckets: 1 << 16, ngrams: '2-4', digits: '0' },
    ...trained,
    thresholds: { review: 0.6, block: null },
    ...overrides,
  };
}

describe('scorer features', () => {
  it('hashes the same text to the same buckets every time, across table sizes by masking', () => {
    expect(buckets('casino')).toEqual(buckets('casino'));
    // c-a, ca-s, cas-i, a-s …: 2-, 3- and 4-grams from each position of a 6-letter word = 5 + 4 + 3.
    expect(buckets('casino')).toHaveLength(12);
    expect(buckets('casino', 1 << 10)).toEqual(buckets('casino').map((b) => b & ((1 << 10) - 1)));
    // Pinned values: a change of hashing would silently invalidate every shipped model.
    expect(buckets('ab')).toEqual([buckets('ab')[0]]);
    expect(buckets('ab', 1 << 20)[0]).toBe(530904);
  });

  it('scores the folded text: evasions, width and case fold first; digits read as 0', () => {
    expect(buckets('C A S I N O')).toEqual(buckets('casino'));
    expect(buckets('ｃａｓｉｎｏ')).toEqual(buckets('casino'));
    expect(buckets('验证码1234')).toEqual(buckets('验证码9876'));
  });

  it('counts a single CJK character but not a single Latin letter', () => {
    expect(buckets('赌')).toHaveLength(1);
    expect(buckets('a')).toHaveLength(0);
    expect(buckets('赌博')).toHaveLength(3); // 赌, 博, 赌博
  });

  it('counts an n-gram once however often it repeats: presence, weighted 1/√(distinct n-grams)', () => {
    // 00, 000, 0000: a long number has the same three features as a short one.
    expect(featureVector(normalise('13800138000').codePoints, 1 << 20)).toEqual(featureVector(normalise('1380').codePoints, 1 << 20));
    const v = featureVector(normalise('haha haha haha').codePoints, 1 << 20);
    expect(new Set(v.index).size).toBe(v.index.length);
    for (const x of v.value) expect(x).toBeCloseTo(1 / Math.sqrt(v.index.length), 12);
  });
});

describe('scorer training', () => {
  const scorer = createScorer(model());

  it('learns the obvious from a tiny hand-made set, with the category', () => {
    const gambling = scorer.score(normalise('casino night bonus').codePoints);
    const drugs = scorer.score(normalise('pills without questions').codePoints);
    const legit = scorer.score(normalise('your parcel appointment tomorrow').codePoints);
    expect(gambling.probability).toBeGreaterThan(0.6);
    expect(gambling.category).toBe('gambling');
    expect(drugs.probability).toBeGreaterThan(0.6);
    expect(drugs.category).toBe('drugs');
    expect(legit.probability).toBeLessThan(0.4);
  });

  it('is deterministic: the same rows give the same weights', () => {
    expect(trainScorer(TINY, ['gambling', 'drugs'])).toEqual(trainScorer(TINY, ['gambling', 'drugs']));
  });

  it('scores a repeated text like the text once (a number does not grow more suspect with its length)', () => {
    const s = createScorer(model());
    expect(s.score(normalise('13800138000').codePoints).probability).toBe(s.score(normalise('1380').codePoints).probability);
    expect(s.score(normalise('casino').codePoints).probability).toBe(s.score(normalise('casino').codePoints).probability);
  });

  it('scores an empty text at the prior', () => {
    const m = model();
    expect(createScorer(m).score([]).probability).toBeCloseTo(1 / (1 + Math.exp(-m.bias)), 10);
  });
});

describe('scorer model file', () => {
  it('accepts a well-formed model', () => {
    expect(() => parseScorerModel(model())).not.toThrow();
  });

  it.each<[string, unknown]>([
    ['a wrong version', { ...model(), version: SCORER_FORMAT_VERSION + 1 }],
    ['a format-1 file (n-gram counts, read differently)', { ...model(), version: 1 }],
    ['another format', { ...model(), format: 'something-else' }],
    ['buckets not a power of two', { ...model(), features: { buckets: 1000, ngrams: '', digits: '' } }],
    ['a weight out of the table', { ...model(), weights: [[1 << 16, 0.5, 0]] }],
    ['a weight that is not a triple', { ...model(), weights: [[1, 0.5]] }],
    ['a category out of range', { ...model(), weights: [[1, 0.5, 7]] }],
    ['a threshold above 1', { ...model(), thresholds: { review: 1.5, block: null } }],
    ['no weights', { ...model(), weights: undefined }],
    ['not an object', [1, 2, 3]],
  ])('refuses %s', (_why, file) => {
    expect(() => parseScorerModel(file)).toThrow(/Scorer model refused/);
  });

  it('ships a loadable model under 1 MB, trained on the train split', () => {
    expect(readFileSync(BUNDLED_SCORER_FILE).length).toBeLessThan(1024 * 1024);
    const file = parseScorerModel(JSON.parse(readFileSync(BUNDLED_SCORER_FILE, 'utf8')));
    expect(file.trainedOn.split).toBe('train');
    expect(file.trainedOn.sha256).toMatch(/^[0-9a-f]{64}$/);
    const scorer = bundledScorer();
    expect(scorer.thresholds.review).not.toBeNull();
    const verdict = scorer.score(normalise('【顺丰速运】您的快递已签收，感谢使用。').codePoints);
    expect(verdict.probability).toBeGreaterThanOrEqual(0);
    expect(verdict.probability).toBeLessThan(scorer.thresholds.review ?? 1);
  });
});
