import type { MessagesRoutedV1 } from '@sms/contracts';
import type { ReturnedResult } from '../domain/failover';
import type { CarrierState } from './carrier-state.port';

/**
 * What every CarrierState adapter must do for failover (ADR 0018): read one channel's queue, hand back what waits there
 * (never what is in flight), count it. Run on the SQLite adapter (int spec) and the in-memory one (unit spec).
 */
export function carrierStateFailoverContract(name: string, open: (previous?: CarrierState) => Promise<CarrierState>): void {
  const routed = (channelId: string, batchId: string, ids: string[]): MessagesRoutedV1 => ({
    batchId,
    accountId: 'acc-1',
    channelId,
    routedAt: '2026-11-23T10:00:00.000Z',
    messages: ids.map((messageId, i) => ({ messageId, phoneNumber: `+861380013800${i}`, text: `【测试】${messageId}`, segments: 1, operator: 'CMCC' as const })),
  });
  const at = '2026-11-23T10:00:30.000Z';
  const ids = (items: ReadonlyArray<{ messageId: string }>) => items.map((item) => item.messageId);

  describe(`CarrierState failover contract: ${name}`, () => {
    it("reads one channel's queue on its own, and names the channels that have messages waiting", async () => {
      const state = await open();
      await state.enqueue('e-a', routed('a', 'b-1', ['a-1', 'a-2']));
      await state.enqueue('e-b', routed('b', 'b-2', ['b-1']));
      await state.enqueue('e-a2', routed('a', 'b-3', ['a-3']));
      expect(ids(await state.queued(0, 10, 'a'))).toEqual(['a-1', 'a-2', 'a-3']);
      const [first] = await state.queued(0, 1, 'a');
      expect(ids(await state.queued(first.seq, 10, 'a'))).toEqual(['a-2', 'a-3']);
      expect(ids(await state.queued(0, 10, 'b'))).toEqual(['b-1']);
      expect(await state.queued(0, 10, 'none')).toEqual([]);
      expect((await state.queuedChannels()).sort()).toEqual(['a', 'b']);
      expect(await state.countQueued('a', 100)).toBe(3);
      expect(await state.countQueued('a', 2)).toBe(2);
    });

    it('hands back what waits for a channel — not what is in flight, not what it was told to keep — with an outbox entry, once', async () => {
      const state = await open();
      await state.enqueue('e-a', routed('a', 'b-1', ['a-1', 'a-2', 'a-3', 'a-4']));
      await state.enqueue('e-b', routed('b', 'b-2', ['b-1']));
      // a-1 is handed to the submit loop: in flight from now on.
      const [inFlight] = await state.queued(0, 1, 'a');
      expect(inFlight.messageId).toBe('a-1');

      const { returned, lastSeq } = await state.returnQueued('a', 0, 10, ['a-4'], 'CHANNEL_DOWN', at);
      expect(returned).toEqual<ReturnedResult[]>([
        { messageId: 'a-2', batchId: 'b-1', accountId: 'acc-1', reason: 'CHANNEL_DOWN', returnedAt: at },
        { messageId: 'a-3', batchId: 'b-1', accountId: 'acc-1', reason: 'CHANNEL_DOWN', returnedAt: at },
      ]);
      expect(lastSeq).toBeGreaterThan(inFlight.seq);
      // Gone from the queue; the one in flight, the kept one and the other channel's stay.
      expect(ids(await state.queued(0, 10, 'a'))).toEqual(['a-1', 'a-4']);
      expect(ids(await state.queued(0, 10, 'b'))).toEqual(['b-1']);
      const outbox = (await state.outbox(10)).filter((e) => e.kind === 'returned');
      expect(outbox.map((e) => [e.kind, e.channelId, ids(e.items as ReturnedResult[])])).toEqual([['returned', 'a', ['a-2', 'a-3']]]);
      // Nothing more to hand back after the last position looked at.
      expect(await state.returnQueued('a', lastSeq as number, 10, [], 'CHANNEL_DOWN', at)).toEqual({ returned: [] });
    });

    it('takes a message handed back when it is routed again, to the same channel or another', async () => {
      const state = await open();
      await state.enqueue('e-1', routed('a', 'b-1', ['m-1']));
      await state.returnQueued('a', 0, 10, [], 'CHANNEL_PAUSED', at);
      expect(await state.enqueue('e-2', routed('b', 'b-1', ['m-1']))).toBe(true);
      const [again] = await state.queued(0, 10, 'b');
      expect([again.messageId, again.channelId, again.phoneNumber, again.text]).toEqual(['m-1', 'b', '+8613800138000', '【测试】m-1']);
      // A message queued twice (a second routing while the first still waits) is queued once.
      await state.enqueue('e-3', routed('a', 'b-1', ['m-1']));
      expect(await state.queued(0, 10, 'a')).toEqual([]);
    });

    it('looks at no more than the limit, answering where it stopped', async () => {
      const state = await open();
      await state.enqueue('e-1', routed('a', 'b-1', ['m-1', 'm-2', 'm-3']));
      const first = await state.returnQueued('a', 0, 2, [], 'CHANNEL_DOWN', at);
      expect(ids(first.returned)).toEqual(['m-1', 'm-2']);
      const rest = await state.returnQueued('a', first.lastSeq as number, 2, [], 'CHANNEL_DOWN', at);
      expect(ids(rest.returned)).toEqual(['m-3']);
      expect(await state.countQueued('a', 10)).toBe(0);
    });

    it('after a restart nothing is in flight any more: what waited in a window is handed back too', async () => {
      const state = await open();
      await state.enqueue('e-1', routed('a', 'b-1', ['m-1', 'm-2']));
      await state.queued(0, 10, 'a');
      expect((await state.returnQueued('a', 0, 10, [], 'CHANNEL_DOWN', at)).returned).toEqual([]);
      const again = await open(state);
      expect(ids((await again.returnQueued('a', 0, 10, [], 'CHANNEL_DOWN', at)).returned)).toEqual(['m-1', 'm-2']);
    });
  });
}
