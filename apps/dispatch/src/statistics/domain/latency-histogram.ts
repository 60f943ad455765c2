/*
 * Delivery latency (doneAt − submittedAt of delivered messages) as a histogram of fixed, log-spaced bins, so buckets
 * of any hours, templates or channels merge by adding counts, and percentiles are read from the merged counts.
 * Bin 0 holds everything under 100 ms, bin 39 everything from 72 h (the receipt validity) on; bins 1–38 split
 * [100 ms, 72 h) into equal ratios (×1.475 each), so a percentile read inside a bin is off by less than that ratio.
 */

export const LATENCY_BINS = 40;
export const LATENCY_FLOOR_MS = 100;
export const LATENCY_CEILING_MS = 72 * 3_600_000;
/** ln of the ratio between a log-spaced bin's upper and lower edge. */
export const LATENCY_BIN_GROWTH = Math.log(LATENCY_CEILING_MS / LATENCY_FLOOR_MS) / (LATENCY_BINS - 2);

/** The bin of a latency in milliseconds (negative ones — clocks apart — count as instant). */
export function latencyBin(ms: number): number {
  if (ms < LATENCY_FLOOR_MS) return 0;
  if (ms >= LATENCY_CEILING_MS) return LATENCY_BINS - 1;
  return Math.min(LATENCY_BINS - 2, 1 + Math.floor(Math.log(ms / LATENCY_FLOOR_MS) / LATENCY_BIN_GROWTH));
}

/** The latency between two RFC 3339 times, or undefined when either is missing or unreadable. */
export function latencyMs(submittedAt: string | undefined, doneAt: string | undefined): number | undefined {
  if (submittedAt === undefined || doneAt === undefined) return undefined;
  const ms = Date.parse(doneAt) - Date.parse(submittedAt);
  return Number.isNaN(ms) ? undefined : Math.max(0, ms);
}

/** [lower, upper) edges of a bin in milliseconds; the last bin is open-ended (its upper edge is its lower one). */
export function binEdges(bin: number): [number, number] {
  if (bin === 0) return [0, LATENCY_FLOOR_MS];
  if (bin === LATENCY_BINS - 1) return [LATENCY_CEILING_MS, LATENCY_CEILING_MS];
  const edge = (k: number) => LATENCY_FLOOR_MS * Math.exp(k * LATENCY_BIN_GROWTH);
  return [edge(bin - 1), edge(bin)];
}

export const emptyHistogram = (): number[] => new Array<number>(LATENCY_BINS).fill(0);

/** Adds `other` into `into` bin by bin. */
export function mergeInto(into: number[], other: readonly number[]): number[] {
  for (let bin = 0; bin < LATENCY_BINS; bin++) into[bin] += other[bin] ?? 0;
  return into;
}

/**
 * The p-quantile (0 < p < 1) of a histogram in whole milliseconds, interpolated inside the bin where it falls —
 * geometrically in the log-spaced bins, linearly in the first; the open last bin answers its lower edge. Undefined
 * for an empty histogram.
 */
export function percentile(histogram: readonly number[], p: number): number | undefined {
  const total = histogram.reduce((sum, count) => sum + count, 0);
  if (total <= 0) return undefined;
  const rank = p * total;
  let below = 0;
  for (let bin = 0; bin < LATENCY_BINS; bin++) {
    const count = histogram[bin] ?? 0;
    if (count <= 0) continue;
    if (below + count >= rank) {
      const fraction = (rank - below) / count;
      const [lower, upper] = binEdges(bin);
      if (bin === 0) return Math.round(lower + fraction * (upper - lower));
      return Math.round(lower * Math.pow(upper / lower, fraction));
    }
    below += count;
  }
  return LATENCY_CEILING_MS;
}
