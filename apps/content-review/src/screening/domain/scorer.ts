/**
 * A small statistical scorer for screening (ADR 0037): character n-grams of the engine's folded text, hashed into a
 * fixed table, scored by a logistic-regression model trained on our own corpus (`npm run screening:train`).
 *
 * Features: the folded code points (normalise.ts, so evasions collapse first) with every digit read as `0`; at each
 * position the n-grams of length 2–4 starting there, plus the single character when it is CJK (one Chinese character
 * carries meaning, one Latin letter does not). Each n-gram is hashed (FNV-1a over its code points) into `buckets`;
 * a feature is present or not (format 2): its value is 1/√(number of distinct buckets of the text), so neither a long
 * text nor a repeated n-gram scores higher for repeating itself — with counts (format 1) a bare phone number, a date or
 * a tracking number, whose n-grams are all `00`/`000`/`0000`, scored like a lottery text. P(violation) =
 * σ(bias + Σ weight / √distinct). The category is the one whose n-grams contributed the most positive weight (each
 * weighted bucket remembers the category it was most frequent in).
 *
 * Framework-free and allocation-free per n-gram: one pass over the folded code points, a stamp table for "seen".
 */
export const SCORER_FORMAT = 'sms-screening-scorer/char-ngram-logistic';
/** 2: presence features (1/√distinct); 1 (refused now) weighted n-gram counts by 1/√total. */
export const SCORER_FORMAT_VERSION = 2;
/** The n-gram lengths scored; a unigram counts for CJK characters only. */
export const NGRAM_MAX = 4;

export interface ScorerThresholds {
  /** P(violation) at or above which a text the lexicon passed is held for REVIEW; null: never. */
  review: number | null;
  /** P(violation) at or above which it is BLOCKed; null: the scorer never blocks. */
  block: number | null;
}

/** The model file (`screening/model/scorer-v2.json`). */
export interface ScorerModelFile {
  format: typeof SCORER_FORMAT;
  version: number;
  trainedOn: { split: string; rows: number; sha256: string };
  features: { buckets: number; ngrams: string; digits: string };
  categories: string[];
  bias: number;
  /** Sparse weights, by ascending bucket: [bucket, weight, index in `categories`]. */
  weights: Array<[number, number, number]>;
  thresholds: ScorerThresholds;
  /** How the thresholds were chosen and what they gave out of fold (informational). */
  crossValidation?: Record<string, unknown>;
}

export interface ScorerVerdict {
  /** P(violation). */
  probability: number;
  /** The category whose n-grams weighed most; undefined when no n-gram pointed to a violation. */
  category?: string;
}

export interface Scorer {
  readonly version: number;
  readonly thresholds: ScorerThresholds;
  readonly categories: readonly string[];
  /** Scores an already folded text (`normalise(text).codePoints`). */
  score(codePoints: readonly number[]): ScorerVerdict;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const DIGIT_0 = 0x30;

const isCjk = (cp: number): boolean => cp >= 0x2e80;
const featureCodePoint = (cp: number): number => (cp > DIGIT_0 && cp <= 0x39 ? DIGIT_0 : cp);

/**
 * Calls `visit(bucket)` for every n-gram of the folded text, and returns how many there were. Hashing is FNV-1a over
 * the (digit-folded) code points, with the length mixed in, masked to `buckets` (a power of two).
 */
export function forEachFeature(codePoints: readonly number[], buckets: number, visit: (bucket: number) => void): number {
  const mask = buckets - 1;
  const length = codePoints.length;
  let count = 0;
  for (let i = 0; i < length; i++) {
    let h = FNV_OFFSET;
    const last = Math.min(length, i + NGRAM_MAX);
    for (let j = i; j < last; j++) {
      h = Math.imul(h ^ featureCodePoint(codePoints[j]), FNV_PRIME);
      const n = j - i + 1;
      if (n === 1 && !isCjk(codePoints[i])) continue;
      visit((Math.imul(h ^ n, FNV_PRIME) >>> 0) & mask);
      count++;
    }
  }
  return count;
}

/** Refuses a model file of another format, version or shape: screening must not run on weights it cannot read. */
export function parseScorerModel(json: unknown, expectedVersion: number = SCORER_FORMAT_VERSION): ScorerModelFile {
  const fail = (why: string): never => {
    throw new Error(`Scorer model refused: ${why}`);
  };
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return fail('not an object');
  const m = json as Partial<ScorerModelFile>;
  if (m.format !== SCORER_FORMAT) fail(`format ${String(m.format)}, expected ${SCORER_FORMAT}`);
  if (m.version !== expectedVersion) fail(`version ${String(m.version)}, expected ${expectedVersion}`);
  const buckets = m.features?.buckets;
  if (typeof buckets !== 'number' || !Number.isInteger(buckets) || buckets < 2 || buckets > 1 << 24 || (buckets & (buckets - 1)) !== 0) fail('features.buckets is not a power of two');
  if (!Array.isArray(m.categories) || m.categories.length === 0 || m.categories.length > 255 || !m.categories.every((c) => typeof c === 'string')) fail('bad categories');
  if (typeof m.bias !== 'number' || !Number.isFinite(m.bias)) fail('bad bias');
  if (!Array.isArray(m.weights)) fail('weights is not an array');
  for (const w of m.weights as unknown[]) {
    if (!Array.isArray(w) || w.length !== 3) fail('a weight is not [bucket, weight, category]');
    const [bucket, weight, category] = w as number[];
    if (!Number.isInteger(bucket) || bucket < 0 || bucket >= (buckets as number)) fail(`bucket ${String(bucket)} out of range`);
    if (typeof weight !== 'number' || !Number.isFinite(weight)) fail(`weight of bucket ${bucket} is not a number`);
    if (!Number.isInteger(category) || category < 0 || category >= (m.categories as string[]).length) fail(`category of bucket ${bucket} out of range`);
  }
  const t = m.thresholds;
  const threshold = (v: unknown) => v === null || (typeof v === 'number' && v > 0 && v <= 1);
  if (!t || !threshold(t.review) || !threshold(t.block)) fail('thresholds must be null or in (0, 1]');
  if (!m.trainedOn || typeof m.trainedOn.sha256 !== 'string') fail('trainedOn missing');
  return m as ScorerModelFile;
}

/** A scorer over a parsed model: the weights are laid into a dense table once. */
export function createScorer(model: ScorerModelFile): Scorer {
  const buckets = model.features.buckets;
  const weights = new Float32Array(buckets);
  const categoryOf = new Uint8Array(buckets);
  for (const [bucket, weight, category] of model.weights) {
    weights[bucket] = weight;
    categoryOf[bucket] = category;
  }
  const categories = model.categories;
  const perCategory = new Float64Array(categories.length);
  // seen[bucket] === stamp: the bucket was already counted for the text being scored (no clearing per text).
  const seen = new Uint32Array(buckets);
  let stamp = 0;
  let sum = 0;
  let distinct = 0;
  const visit = (bucket: number) => {
    if (seen[bucket] === stamp) return;
    seen[bucket] = stamp;
    distinct++;
    const w = weights[bucket];
    sum += w;
    if (w > 0) perCategory[categoryOf[bucket]] += w;
  };
  return {
    version: model.version,
    thresholds: model.thresholds,
    categories,
    score(codePoints) {
      sum = 0;
      distinct = 0;
      stamp = (stamp + 1) >>> 0;
      if (stamp === 0) {
        seen.fill(0);
        stamp = 1;
      }
      perCategory.fill(0);
      forEachFeature(codePoints, buckets, visit);
      const z = model.bias + (distinct === 0 ? 0 : sum / Math.sqrt(distinct));
      let best = -1;
      for (let c = 0; c < perCategory.length; c++) if (perCategory[c] > 0 && (best < 0 || perCategory[c] > perCategory[best])) best = c;
      return { probability: 1 / (1 + Math.exp(-z)), ...(best >= 0 ? { category: categories[best] } : {}) };
    },
  };
}

// ---- training (used by e2e/screening-eval/train-scorer.ts and the specs; pure, deterministic) ----

export interface TrainingRow {
  codePoints: readonly number[];
  violation: boolean;
  /** The category of a violation. */
  category?: string;
}

export interface TrainingOptions {
  buckets: number;
  /** L2 penalty per example. */
  l2: number;
  epochs: number;
  learningRate: number;
  /** n-grams seen in fewer training texts are not given a weight (they would only memorise). */
  minDocumentFrequency: number;
}

export const DEFAULT_TRAINING: TrainingOptions = { buckets: 1 << 20, l2: 1e-3, epochs: 60, learningRate: 0.5, minDocumentFrequency: 2 };

/** Sparse normalised feature vector of one text: its distinct buckets, each of value 1/√(number of them). */
export function featureVector(codePoints: readonly number[], buckets: number): { index: number[]; value: number[] } {
  const present = new Set<number>();
  forEachFeature(codePoints, buckets, (b) => present.add(b));
  const index = [...present].sort((a, b) => a - b);
  const value = 1 / Math.sqrt(Math.max(1, index.length));
  return { index, value: index.map(() => value) };
}

export interface TrainedWeights {
  bias: number;
  /** [bucket, weight, category index], ascending bucket, weights rounded to 4 places, zeros left out. */
  weights: Array<[number, number, number]>;
  categories: string[];
}

const round4 = (x: number): number => {
  const r = Math.round(x * 1e4) / 1e4;
  return r === 0 ? 0 : r; // no -0 in the file
};

/**
 * Logistic regression, full-batch gradient descent with AdaGrad steps and an L2 penalty, classes weighted to equal
 * total weight. Deterministic: no randomness, a fixed order of floating-point operations.
 */
export function trainScorer(rows: readonly TrainingRow[], categories: readonly string[], options: TrainingOptions = DEFAULT_TRAINING): TrainedWeights {
  const vectors = rows.map((r) => featureVector(r.codePoints, options.buckets));
  // Document frequency: buckets seen in too few texts are dropped from every vector.
  const df = new Map<number, number>();
  for (const v of vectors) for (const b of v.index) df.set(b, (df.get(b) ?? 0) + 1);
  const used = [...df.keys()].filter((b) => (df.get(b) ?? 0) >= options.minDocumentFrequency).sort((a, b) => a - b);
  const slot = new Map(used.map((b, i) => [b, i]));
  // Each kept feature by its slot in `used` (and its bucket, for the categories below).
  const kept = vectors.map((v) => {
    const index: number[] = [];
    const slots: number[] = [];
    const value: number[] = [];
    v.index.forEach((b, k) => {
      const s = slot.get(b);
      if (s !== undefined) {
        index.push(b);
        slots.push(s);
        value.push(v.value[k]);
      }
    });
    return { index, slots, value };
  });
  const positives = rows.filter((r) => r.violation).length;
  const negatives = rows.length - positives;
  const classWeight = (violation: boolean) => (rows.length / 2) / Math.max(1, violation ? positives : negatives);

  const w = new Float64Array(used.length);
  const g2 = new Float64Array(used.length);
  let bias = 0;
  let biasG2 = 0;
  const grad = new Float64Array(used.length);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    grad.fill(0);
    let biasGrad = 0;
    for (let r = 0; r < rows.length; r++) {
      const { slots, value } = kept[r];
      let z = bias;
      for (let k = 0; k < slots.length; k++) z += w[slots[k]] * value[k];
      const p = 1 / (1 + Math.exp(-z));
      const err = (p - (rows[r].violation ? 1 : 0)) * classWeight(rows[r].violation);
      biasGrad += err;
      for (let k = 0; k < slots.length; k++) grad[slots[k]] += err * value[k];
    }
    for (let i = 0; i < used.length; i++) {
      const gi = grad[i] / rows.length + options.l2 * w[i];
      g2[i] += gi * gi;
      w[i] -= (options.learningRate * gi) / (Math.sqrt(g2[i]) + 1e-8);
    }
    const gb = biasGrad / rows.length;
    biasG2 += gb * gb;
    bias -= (options.learningRate * gb) / (Math.sqrt(biasG2) + 1e-8);
  }

  // The category a bucket speaks for: where it is most frequent, relative to the category's size.
  const categoryIndex = new Map(categories.map((c, i) => [c, i]));
  const sizes = new Array<number>(categories.length).fill(0);
  const perBucket = new Map<number, number[]>();
  rows.forEach((row, r) => {
    if (!row.violation || row.category === undefined) return;
    const c = categoryIndex.get(row.category);
    if (c === undefined) return;
    sizes[c]++;
    for (const b of kept[r].index) {
      let counts = perBucket.get(b);
      if (!counts) perBucket.set(b, (counts = new Array<number>(categories.length).fill(0)));
      counts[c]++;
    }
  });
  const weights: Array<[number, number, number]> = [];
  used.forEach((bucket, i) => {
    const weight = round4(w[i]);
    if (weight === 0) return;
    const counts = perBucket.get(bucket);
    let best = 0;
    if (counts) for (let c = 1; c < categories.length; c++) if (counts[c] / Math.max(1, sizes[c]) > counts[best] / Math.max(1, sizes[best])) best = c;
    weights.push([bucket, weight, best]);
  });
  return { bias: round4(bias), weights, categories: [...categories] };
}
