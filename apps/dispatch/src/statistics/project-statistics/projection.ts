import { type BucketKey, contributionOf, type MessageFacts } from '../domain/contribution';
import { emptyHistogram, LATENCY_BINS } from '../domain/latency-histogram';

/**
 * Projecting messages into statistics buckets. A message that changes is taken out of the bucket it counted in and
 * put into the one it counts in now; a change that moves nothing (a repeated event, a late fact the row already had)
 * changes no bucket. Given what the message was and is, these are the bucket changes — the specification the SQLite
 * adapter implements set-based (one statement per write, for every message it touched) and is checked against.
 */

export interface BucketCounters {
  messages: number;
  /** Messages the operator acknowledged. */
  submitted: number;
  segments: number;
  /** Segments of the submitted messages: what account-billing captures. */
  billedSegments: number;
  /** Delivery-latency histogram of the delivered ones. */
  latency: number[];
}

export interface BucketChange extends BucketCounters {
  key: BucketKey;
}

export const emptyCounters = (): BucketCounters => ({ messages: 0, submitted: 0, segments: 0, billedSegments: 0, latency: emptyHistogram() });

/** One string per bucket key, for maps. */
export const bucketId = (k: BucketKey): string =>
  JSON.stringify([k.accountId, k.hour, k.kind, k.templateId, k.signatureId, k.operator, k.countryCode, k.channelId, k.status, k.reason]);

/** The bucket changes of one message going from `before` to `after` (either absent: it did not exist / count). */
export function bucketChanges(before: MessageFacts | undefined, after: MessageFacts | undefined): BucketChange[] {
  const changes = new Map<string, BucketChange>();
  const add = (facts: MessageFacts | undefined, sign: 1 | -1) => {
    const contribution = facts && contributionOf(facts);
    if (!contribution) return;
    const id = bucketId(contribution.key);
    let change = changes.get(id);
    if (!change) {
      change = { key: contribution.key, ...emptyCounters() };
      changes.set(id, change);
    }
    change.messages += sign;
    change.segments += sign * contribution.segments;
    if (contribution.submitted) {
      change.submitted += sign;
      change.billedSegments += sign * contribution.segments;
    }
    if (contribution.latencyBin !== undefined) change.latency[contribution.latencyBin] += sign;
  };
  add(before, -1);
  add(after, 1);
  return [...changes.values()].filter((c) => !isZero(c));
}

/** Adds changes into buckets held in a map (by bucketId). */
export function applyChanges(buckets: Map<string, BucketChange>, changes: readonly BucketChange[]): void {
  for (const change of changes) {
    const id = bucketId(change.key);
    const bucket = buckets.get(id) ?? { key: change.key, ...emptyCounters() };
    bucket.messages += change.messages;
    bucket.submitted += change.submitted;
    bucket.segments += change.segments;
    bucket.billedSegments += change.billedSegments;
    for (let bin = 0; bin < LATENCY_BINS; bin++) bucket.latency[bin] += change.latency[bin];
    buckets.set(id, bucket);
  }
}

const isZero = (c: BucketCounters): boolean =>
  c.messages === 0 && c.submitted === 0 && c.segments === 0 && c.billedSegments === 0 && c.latency.every((n) => n === 0);
