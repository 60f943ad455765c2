import { blockedContentRate } from './blocked-content';

const settings = { windowHours: 24, minCount: 20, ratePermille: 50 };
const window = (blocked: number, screened: number, categories: Record<string, number> = { gambling: blocked }, terms: Record<string, number> = { 赌博: blocked }) => ({
  blocked,
  screened,
  categories,
  terms,
});

// DOMAIN §3: "a confirmed violation stops transmission … suspends the account"; an automatic BLOCK is not yet a
// confirmed violation (false positives), so the account's blocks must reach a count AND a share of its messages.
describe('the blocked-content rule (DOMAIN §3; ADR 0034 "Blocked content")', () => {
  it('needs the minimum count however high the share: 19 blocked of 19 is no breach, 20 of 20 is', () => {
    expect(blockedContentRate(window(19, 19), settings)).toEqual({ breached: false });
    expect(blockedContentRate(window(20, 20), settings)).toMatchObject({ breached: true, permille: 1000 });
  });

  it('needs the share, inclusive at the edge: 20 of 400 (50 ‰) is a breach, 20 of 401 is not', () => {
    expect(blockedContentRate(window(20, 400), settings)).toMatchObject({ breached: true, permille: 50, category: 'gambling' });
    expect(blockedContentRate(window(20, 401), settings)).toEqual({ breached: false });
    // A false-positive level of blocks on a large account (1.5 % of 10,000) stays below 50 ‰.
    expect(blockedContentRate(window(150, 10_000), settings)).toEqual({ breached: false });
  });

  it('names the most frequent category (ties alphabetically), counts and terms, never a number-like term', () => {
    const verdict = blockedContentRate(window(30, 100, { gambling: 10, fraud: 10, drugs: 5, weapons: 5 }, { 百家乐: 9, 冒充银行: 12, '13812345678': 3 }), settings);
    expect(verdict).toMatchObject({ breached: true, category: 'fraud', permille: 300 });
    const evidence = verdict.breached ? verdict.evidence : '';
    expect(evidence).toBe(
      '30 of 100 screened messages blocked in 24 h (300 ‰; thresholds 20 messages and 50 ‰); by category: fraud 10, gambling 10, drugs 5, weapons 5; terms: 冒充银行 (12), 百家乐 (9), 1 with digits not shown',
    );
    expect(evidence).not.toContain('1381234');
  });

  it('keeps the evidence short: at most 20 terms', () => {
    const terms = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`term-${String(i).padStart(2, '0')}`, 1]));
    const verdict = blockedContentRate(window(25, 25, { fraud: 25 }, terms), settings);
    expect(verdict.breached && verdict.evidence).toMatch(/term-19 \(1\), … 5 more$/);
  });
});
