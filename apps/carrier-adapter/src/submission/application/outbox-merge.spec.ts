import { planOutboxMerge, type OutboxRow } from './outbox-merge';

const row = (seq: number, kind: OutboxRow['kind'], items: unknown[], handedOut = false, channelId = 'ch'): OutboxRow => ({
  seq,
  kind,
  channelId,
  payload: JSON.stringify(items),
  handedOut,
});

describe('planOutboxMerge', () => {
  it('merges the fresh rows of one kind and channel into their last, in recording order within the kind', () => {
    const { entries, merges } = planOutboxMerge([
      row(1, 'submission', [{ m: 1 }]),
      row(2, 'delivery', [{ m: 0 }]),
      row(3, 'submission', [{ m: 2 }, { m: 3 }]),
      row(4, 'delivery', [{ m: 1 }]),
      row(5, 'submission', [{ m: 5 }], false, 'other'),
      row(6, 'submission', [{ m: 4 }]),
    ]);
    expect(entries.map((e) => [e.seq, e.kind, e.channelId, e.items])).toEqual([
      [4, 'delivery', 'ch', [{ m: 0 }, { m: 1 }]],
      [5, 'submission', 'other', [{ m: 5 }]],
      [6, 'submission', 'ch', [{ m: 1 }, { m: 2 }, { m: 3 }, { m: 4 }]],
    ]);
    expect(merges).toEqual([
      { keep: 6, drop: [1, 3], payload: JSON.stringify([{ m: 1 }, { m: 2 }, { m: 3 }, { m: 4 }]) },
      { keep: 4, drop: [2], payload: JSON.stringify([{ m: 0 }, { m: 1 }]) },
    ]);
  });

  it('never merges a row the relay was given before, nor into one', () => {
    const rows = [row(1, 'submission', [{ m: 1 }], true), row(2, 'submission', [{ m: 2 }], true), row(3, 'submission', [{ m: 3 }]), row(4, 'submission', [{ m: 4 }])];
    const { entries, merges } = planOutboxMerge(rows);
    expect(entries.map((e) => [e.seq, e.items])).toEqual([
      [1, [{ m: 1 }]],
      [2, [{ m: 2 }]],
      [4, [{ m: 3 }, { m: 4 }]],
    ]);
    expect(merges).toEqual([{ keep: 4, drop: [3], payload: JSON.stringify([{ m: 3 }, { m: 4 }]) }]);
  });

  it('stops a run before the merged payload passes the bound', () => {
    const big = (seq: number) => row(seq, 'delivery', [{ text: 'x'.repeat(40) }]);
    const { entries } = planOutboxMerge([big(1), big(2), big(3)], 2 * big(1).payload.length);
    expect(entries.map((e) => [e.seq, e.items.length])).toEqual([
      [2, 2],
      [3, 1],
    ]);
  });
});
