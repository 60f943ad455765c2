import { LEXICON } from './lexicon';
import { normalise } from './normalise';
import { acceptedFindings, createScreeningEngine, SCORER_DEFAULT, SCORER_TERM, scorerEnabled, screeningConfigFromEnv } from './screen';
import { createScorer, SCORER_FORMAT, SCORER_FORMAT_VERSION, type ScorerThresholds, trainScorer, type TrainingRow } from './scorer';

const row = (text: string, category?: string): TrainingRow => ({ codePoints: normalise(text).codePoints, violation: category !== undefined, ...(category ? { category } : {}) });

// Made-up wording the lexicon does not know: "moonbeam tokens" are the scam, tea and parcels are legitimate.
const TRAINING: TrainingRow[] = [
  row('moonbeam tokens double overnight', 'fraud'),
  row('moonbeam tokens guaranteed returns', 'fraud'),
  row('join moonbeam tokens circle today', 'fraud'),
  row('your tea order has shipped'),
  row('tea tasting on friday at the shop'),
  row('your parcel with tea arrives tomorrow'),
  row('thanks for visiting our tea shop'),
];

function engineWith(thresholds: ScorerThresholds) {
  const trained = trainScorer(TRAINING, ['fraud', 'gambling'], { buckets: 1 << 16, l2: 1e-3, epochs: 80, learningRate: 0.5, minDocumentFrequency: 1 });
  const scorer = createScorer({
    format: SCORER_FORMAT,
    version: SCORER_FORMAT_VERSION,
    trainedOn: { split: 'spec', rows: TRAINING.length, sha256: 'x' },
    features: { buckets: 1 << 16, ngrams: '2-4', digits: '0' },
    ...trained,
    thresholds,
  });
  return { engine: createScreeningEngine(LEXICON, { scorer }), scorer };
}

const SCAM = 'Moonbeam tokens: double overnight, ask me how';
const LEGIT = 'Your tea order has shipped, thanks';

describe('screening with the scorer', () => {
  it('given a text the lexicon passes but the scorer rates above REVIEW, then it is held with the scorer pseudo-match', () => {
    const { engine, scorer } = engineWith({ review: 0.6, block: null });
    expect(scorer.score(normalise(SCAM).codePoints).probability).toBeGreaterThan(0.6);
    expect(createScreeningEngine().screen(SCAM, 'notification').outcome).toBe('PASS');
    expect(engine.screen(SCAM, 'notification')).toEqual({
      outcome: 'REVIEW',
      category: 'fraud',
      matches: [{ term: SCORER_TERM, category: 'fraud', level: 'REVIEW', index: 0, start: 0, end: 0 }],
      optOutMissing: false,
    });
  });

  it('given a score above the BLOCK threshold, then it is blocked', () => {
    const { engine } = engineWith({ review: 0.5, block: 0.6 });
    expect(engine.screen(SCAM, 'notification')).toMatchObject({ outcome: 'BLOCK', category: 'fraud' });
  });

  it('given a legitimate text below the thresholds, then it passes', () => {
    const { engine } = engineWith({ review: 0.6, block: 0.9 });
    expect(engine.screen(LEGIT, 'notification')).toEqual({ outcome: 'PASS', matches: [], optOutMissing: false });
  });

  it('given no thresholds, then the scorer never decides', () => {
    const { engine } = engineWith({ review: null, block: null });
    expect(engine.screen(SCAM, 'notification').outcome).toBe('PASS');
  });

  it('given the lexicon decides, then the scorer does not change it', () => {
    const { engine } = engineWith({ review: 0.01, block: null });
    const lexiconOnly = createScreeningEngine();
    for (const text of ['【娱乐城】新开网上赌场，百家乐首充送100%。', '代开发票，欢迎咨询。']) {
      expect(engine.screen(text, 'notification')).toEqual(lexiconOnly.screen(text, 'notification'));
    }
  });

  it('given an anti-fraud warning, then the scorer is not consulted (the warning rule already judged it)', () => {
    const { engine } = engineWith({ review: 0.01, block: 0.02 });
    const warning = '【某银行】银行不会以任何理由要求您转账至“安全账户”，谨防诈骗。';
    expect(engine.screen(warning, 'notification').outcome).toBe('PASS');
  });

  it('given a template a reviewer approved despite the scorer, then its messages are not held by the scorer again, but still blocked above BLOCK', () => {
    const { engine } = engineWith({ review: 0.6, block: null });
    const accepted = acceptedFindings(engine.screen(SCAM, 'notification'));
    expect(accepted.terms.has(SCORER_TERM)).toBe(true);
    expect(engine.screen(SCAM, 'notification', { accepted }).outcome).toBe('PASS');
    const { engine: blocking } = engineWith({ review: 0.5, block: 0.6 });
    expect(blocking.screen(SCAM, 'notification', { accepted }).outcome).toBe('BLOCK');
  });

  it('given a marketing text the scorer holds, then the scorer names the hold rather than the missing opt-out', () => {
    const { engine } = engineWith({ review: 0.6, block: null });
    expect(engine.screen(SCAM, 'marketing')).toMatchObject({ outcome: 'REVIEW', category: 'fraud', optOutMissing: true });
  });
});

describe('SCREENING_SCORER', () => {
  it('switches the shipped scorer on and off, and refuses anything else', () => {
    expect(scorerEnabled({ SCREENING_SCORER: 'on' })).toBe(true);
    expect(scorerEnabled({ SCREENING_SCORER: ' OFF ' })).toBe(false);
    expect(scorerEnabled({})).toBe(SCORER_DEFAULT === 'on');
    expect(() => scorerEnabled({ SCREENING_SCORER: 'maybe' })).toThrow(/SCREENING_SCORER/);
    expect(screeningConfigFromEnv({ SCREENING_SCORER: 'on' }).scorer).toBeDefined();
    expect(screeningConfigFromEnv({ SCREENING_SCORER: 'off' }).scorer).toBeUndefined();
  });
});
