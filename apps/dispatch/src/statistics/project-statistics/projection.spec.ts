import type { MessageFacts } from '../domain/contribution';
import { latencyBin } from '../domain/latency-histogram';
import { applyChanges, type BucketChange, bucketChanges } from './projection';

const queued: MessageFacts = {
  accountId: 'acc-1',
  acceptedAt: '2026-11-23T10:00:00.000Z',
  kind: 'notification',
  templateId: 'tpl-1',
  signatureId: 'sig-1',
  operator: 'CMCC',
  countryCode: 'CN',
  channelId: 'smpp-default',
  status: 'QUEUED',
  segments: 2,
};
const submitted: MessageFacts = { ...queued, status: 'SUBMITTED', submittedAt: '2026-11-23T10:00:01.000Z' };
const delivered: MessageFacts = { ...submitted, status: 'DELIVERED', doneAt: '2026-11-23T10:00:03.000Z' };

/** [status, messages, submitted, billed segments, latency bins used] of each change. */
const summary = (changes: BucketChange[]) =>
  changes.map((c) => [c.key.status, c.messages, c.submitted, c.billedSegments, c.latency.flatMap((n, bin) => (n !== 0 ? [[bin, n]] : []))]);

describe('bucketChanges', () => {
  it('changes nothing while a message has not reached the operator, nor when news repeats what the row holds', () => {
    expect(bucketChanges(undefined, queued)).toEqual([]);
    expect(bucketChanges(queued, { ...queued, channelId: 'smpp-2' })).toEqual([]);
    expect(bucketChanges(delivered, { ...delivered })).toEqual([]);
  });

  it('puts a submitted message in its bucket, then moves it when its receipt comes', () => {
    expect(summary(bucketChanges(queued, submitted))).toEqual([['SUBMITTED', 1, 1, 2, []]]);
    expect(summary(bucketChanges(submitted, delivered))).toEqual([
      ['SUBMITTED', -1, -1, -2, []],
      ['DELIVERED', 1, 1, 2, [[latencyBin(2_000), 1]]],
    ]);
  });

  it('moves the latency when a late acknowledgement brings another submission time, and nothing else', () => {
    const acknowledged = { ...delivered, submittedAt: '2026-11-23T10:00:02.900Z' };
    expect(summary(bucketChanges(delivered, acknowledged))).toEqual([['DELIVERED', 0, 0, 0, [[latencyBin(100), 1], [latencyBin(2_000), -1]]]]);
  });

  it('buckets add up to the messages as they stand, whatever path they took', () => {
    const buckets = new Map<string, BucketChange>();
    const path: Array<MessageFacts | undefined> = [undefined, queued, submitted, delivered, { ...delivered, submittedAt: '2026-11-23T10:00:02.000Z' }];
    for (let i = 1; i < path.length; i++) applyChanges(buckets, bucketChanges(path[i - 1], path[i]));
    const direct = new Map<string, BucketChange>();
    applyChanges(direct, bucketChanges(undefined, path[path.length - 1]));
    expect([...buckets.values()].filter((b) => b.messages !== 0)).toEqual([...direct.values()]);
  });
});
