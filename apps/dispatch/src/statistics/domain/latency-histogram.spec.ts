import { binEdges, emptyHistogram, LATENCY_BINS, LATENCY_CEILING_MS, latencyBin, latencyMs, mergeInto, percentile } from './latency-histogram';

describe('latency histogram', () => {
  it('has 40 bins: under 100 ms, 38 equal ratios up to 72 h, and 72 h or more', () => {
    expect(LATENCY_BINS).toBe(40);
    expect([latencyBin(-5), latencyBin(0), latencyBin(99)]).toEqual([0, 0, 0]);
    expect(latencyBin(100)).toBe(1);
    expect(binEdges(1)[0]).toBe(100);
    expect(binEdges(38)[1]).toBeCloseTo(LATENCY_CEILING_MS, 3);
    expect([latencyBin(LATENCY_CEILING_MS - 1), latencyBin(LATENCY_CEILING_MS), latencyBin(10 * LATENCY_CEILING_MS)]).toEqual([38, 39, 39]);
    const ratio = binEdges(10)[1] / binEdges(10)[0];
    expect(ratio).toBeCloseTo(1.475, 3);
  });

  it('puts each latency in the bin whose edges hold it', () => {
    for (const ms of [100, 150, 999, 1_000, 2_500, 60_000, 3_600_000, 86_400_000]) {
      const [lower, upper] = binEdges(latencyBin(ms));
      expect(ms).toBeGreaterThanOrEqual(lower);
      expect(ms).toBeLessThan(upper);
    }
  });

  it('measures from submission to done, clocks apart counting as instant, unknown when a time is missing', () => {
    expect(latencyMs('2026-11-23T10:00:00.000Z', '2026-11-23T10:00:02.500Z')).toBe(2_500);
    expect(latencyMs('2026-11-23T10:00:02.000Z', '2026-11-23T10:00:00.000Z')).toBe(0);
    expect(latencyMs(undefined, '2026-11-23T10:00:00.000Z')).toBeUndefined();
    expect(latencyMs('2026-11-23T10:00:00.000Z', 'never')).toBeUndefined();
  });

  it('reads percentiles inside the bin they fall in, within one bin ratio of the true value', () => {
    expect(percentile(emptyHistogram(), 0.5)).toBeUndefined();
    // 1,000 latencies spread evenly (on a log scale) from 1 s to 10 s: p50 ≈ 3.16 s, p95 ≈ 8.9 s.
    const histogram = emptyHistogram();
    const samples = Array.from({ length: 1_000 }, (_, i) => 1_000 * Math.pow(10, (i + 0.5) / 1_000));
    for (const ms of samples) histogram[latencyBin(ms)]++;
    const p50 = percentile(histogram, 0.5) as number;
    const p95 = percentile(histogram, 0.95) as number;
    expect(p50 / 3_162).toBeGreaterThan(1 / 1.1);
    expect(p50 / 3_162).toBeLessThan(1.1);
    expect(p95 / 8_913).toBeGreaterThan(1 / 1.1);
    expect(p95 / 8_913).toBeLessThan(1.1);
    expect(p50).toBeLessThan(p95);
  });

  it('answers the lower edge of the open last bin, and interpolates linearly under 100 ms', () => {
    const late = emptyHistogram();
    late[LATENCY_BINS - 1] = 3;
    expect(percentile(late, 0.95)).toBe(LATENCY_CEILING_MS);
    const fast = emptyHistogram();
    fast[0] = 4;
    expect(percentile(fast, 0.5)).toBe(50);
  });

  it('merges histograms bin by bin', () => {
    const a = emptyHistogram();
    const b = emptyHistogram();
    a[3] = 2;
    b[3] = 1;
    b[7] = 5;
    expect(mergeInto(a, b).filter((n) => n > 0)).toEqual([3, 5]);
  });
});
