import type { MessagesRoutedV1 } from '@sms/contracts';
import type { CarrierState } from './carrier-state.port';
import type { SubmissionResult } from '../domain/events';

/**
 * What every CarrierState adapter must do: the SQLite adapter (int spec) and the in-memory one the use-case specs run
 * on (unit spec); a MongoDB adapter will run the same suite. `open` returns a fresh state, or — given the previous
 * one — the same database reopened (a restart).
 */
export function carrierStateContract(name: string, open: (previous?: CarrierState) => Promise<CarrierState>): void {
  const routed = (messages: Array<{ messageId: string; outId?: string }>): MessagesRoutedV1 => ({
    batchId: 'b-1',
    accountId: 'acc-1',
    channelId: 'ch',
    routedAt: '2026-11-23T10:00:00.000Z',
    messages: messages.map((m, i) => ({ messageId: m.messageId, phoneNumber: `+861380013800${i}`, text: `【测试】${i}`, segments: 1, operator: 'CMCC' as const, ...(m.outId ? { outId: m.outId } : {}) })),
  });
  const submitted = (messageId: string, ids: string[], at = '2026-11-23T10:00:01.000Z'): SubmissionResult => ({
    messageId,
    batchId: 'b-1',
    accountId: 'acc-1',
    status: ids.length > 0 ? 'SUBMITTED' : 'FAILED',
    segmentsSubmitted: ids.length,
    segmentsFailed: ids.length > 0 ? 0 : 1,
    operatorMessageIds: ids,
    submittedAt: at,
    ...(ids.length > 0 ? {} : { errorCode: 'SMPP_0x45' }),
  });
  const nothing = { submissions: [], receipts: [], inbound: [] };
  const ids = (items: ReadonlyArray<object>) => items.map((item) => (item as { messageId: string }).messageId);

  describe(`CarrierState contract: ${name}`, () => {
    it('queues a routed event once, in order, and forgets a message from the queue once it is answered', async () => {
      const state = await open();
      expect(await state.enqueue('e-1', routed([{ messageId: 'm-1' }, { messageId: 'm-2' }]))).toBe(true);
      expect(await state.enqueue('e-1', routed([{ messageId: 'm-1' }, { messageId: 'm-2' }]))).toBe(false);
      const queued = await state.queued(0, 10);
      expect(queued.map((q) => [q.messageId, q.channelId, q.phoneNumber, q.text])).toEqual([
        ['m-1', 'ch', '+8613800138000', '【测试】0'],
        ['m-2', 'ch', '+8613800138001', '【测试】1'],
      ]);
      expect(await state.queued(queued[0].seq, 10)).toHaveLength(1);
      await state.record({ ...nothing, submissions: [{ channelId: 'ch', result: submitted('m-1', ['op-1']) }] });
      expect((await state.queued(0, 10)).map((q) => q.messageId)).toEqual(['m-2']);
    });

    it("hands each queued message the extension code of its routed batch, also after a restart (ADR 0021)", async () => {
      const state = await open();
      await state.enqueue('e-1', { ...routed([{ messageId: 'm-1' }, { messageId: 'm-2' }]), sourceExtension: '1000' });
      await state.enqueue('e-2', { ...routed([{ messageId: 'm-3' }]), batchId: 'b-2' });
      const extensions = (queued: Awaited<ReturnType<CarrierState['queued']>>) => queued.map((q) => [q.messageId, q.sourceExtension]);
      expect(extensions(await state.queued(0, 10))).toEqual([
        ['m-1', '1000'],
        ['m-2', '1000'],
        ['m-3', undefined],
      ]);
      expect(extensions(await (await open(state)).queued(0, 10))).toEqual([
        ['m-1', '1000'],
        ['m-2', '1000'],
        ['m-3', undefined],
      ]);
    });

    it('records each outcome once in the outbox, in order, until published', async () => {
      const state = await open();
      await state.enqueue('e-1', routed([{ messageId: 'm-1', outId: 'order-1' }]));
      await state.record({ ...nothing, submissions: [{ channelId: 'ch', result: submitted('m-1', ['op-1']) }] });
      await state.record({
        ...nothing,
        receipts: [{ channelId: 'ch', operatorMessageId: 'op-1', status: 'DELIVERED', doneAt: '2026-11-23T10:00:05.000Z' }],
        inbound: [{ channelId: 'ch', message: { inboundId: 'i-1', from: '+8613800138000', to: '10690000', content: 'TD', receivedAt: '2026-11-23T10:00:06.000Z' } }],
      });
      const outbox = await state.outbox(10);
      expect(outbox.map((e) => e.kind)).toEqual(['submission', 'inbound', 'delivery']);
      expect(outbox[0].items).toEqual([submitted('m-1', ['op-1'])]);
      expect(outbox[2].items).toEqual([
        {
          messageId: 'm-1',
          batchId: 'b-1',
          accountId: 'acc-1',
          operatorMessageId: 'op-1',
          status: 'DELIVERED',
          submittedAt: '2026-11-23T10:00:01.000Z',
          doneAt: '2026-11-23T10:00:05.000Z',
          phoneNumber: '+8613800138000',
          operator: 'CMCC',
          outId: 'order-1',
          segments: 1,
        },
      ]);
      await state.published(outbox[1].seq);
      expect((await state.outbox(10)).map((e) => e.kind)).toEqual(['delivery']);
    });

    it('merges outcomes waiting together into one entry, but hands an entry out again unchanged until it is published', async () => {
      const state = await open();
      await state.enqueue('e-1', routed([{ messageId: 'm-1' }, { messageId: 'm-2' }, { messageId: 'm-3' }]));
      await state.record({ ...nothing, submissions: [{ channelId: 'ch', result: submitted('m-1', ['op-1']) }] });
      await state.record({ ...nothing, submissions: [{ channelId: 'ch', result: submitted('m-2', ['op-2']) }] });
      const first = await state.outbox(10);
      expect(first.map((e) => [e.kind, ids(e.items)])).toEqual([['submission', ['m-1', 'm-2']]]);
      // Not published yet (a crash, say): the same entry again, and later outcomes beside it, not inside it.
      await state.record({ ...nothing, submissions: [{ channelId: 'ch', result: submitted('m-3', ['op-3']) }] });
      const again = await state.outbox(10);
      expect(again[0]).toEqual(first[0]);
      expect(again.map((e) => ids(e.items))).toEqual([['m-1', 'm-2'], ['m-3']]);
      await state.published(again[0].seq);
      expect((await state.outbox(10)).map((e) => [e.seq, ids(e.items)])).toEqual([[again[1].seq, ['m-3']]]);
    });

    it('reports a multipart message once, after every acknowledged segment, and ignores repeats', async () => {
      const state = await open();
      await state.enqueue('e-1', routed([{ messageId: 'm-1' }]));
      await state.record({ ...nothing, submissions: [{ channelId: 'ch', result: submitted('m-1', ['op-1', 'op-2']) }] });
      const receipt = (id: string) => ({ channelId: 'ch', operatorMessageId: id, status: 'DELIVERED' as const, doneAt: '2026-11-23T10:00:05.000Z' });
      await state.record({ ...nothing, receipts: [receipt('op-2'), receipt('op-2')] });
      expect((await state.outbox(10)).filter((e) => e.kind === 'delivery')).toEqual([]);
      expect(await state.unmatchedReceipts()).toBe(0);
      await state.record({ ...nothing, receipts: [receipt('op-1')] });
      await state.record({ ...nothing, receipts: [receipt('op-1')] });
      const deliveries = (await state.outbox(10)).filter((e) => e.kind === 'delivery');
      expect(deliveries.flatMap((e) => e.items).map((r: any) => [r.messageId, r.status])).toEqual([['m-1', 'DELIVERED']]);
    });

    it('correlates a receipt that comes in the same flush as its acknowledgement, and remembers it', async () => {
      const state = await open();
      await state.enqueue('e-1', routed([{ messageId: 'm-1' }, { messageId: 'm-2' }]));
      const receipt = (id: string) => ({ channelId: 'ch', operatorMessageId: id, status: 'DELIVERED' as const, doneAt: '2026-11-23T10:00:05.000Z' });
      await state.record({
        ...nothing,
        submissions: [
          { channelId: 'ch', result: submitted('m-1', ['op-1']) },
          { channelId: 'ch', result: submitted('m-2', ['op-2', 'op-3']) },
        ],
        receipts: [receipt('op-1'), receipt('op-2')],
      });
      expect(await state.unmatchedReceipts()).toBe(0);
      const reported = (await state.outbox(10)).filter((e) => e.kind === 'delivery').flatMap((e) => ids(e.items));
      expect(reported).toEqual(['m-1']);
      // After a restart: m-1's repeat is ignored, m-2 reports once its second part's receipt comes.
      const again = await open(state);
      await again.record({ ...nothing, receipts: [receipt('op-1'), receipt('op-3')] });
      const all = (await again.outbox(10)).filter((e) => e.kind === 'delivery').flatMap((e) => ids(e.items));
      expect(all).toEqual(['m-1', 'm-2']);
    });

    describe('receipts without a known message (ADR 0039)', () => {
      const receipt = (operatorMessageId: string, channelId = 'ch', status: 'DELIVERED' | 'UNDELIVERED' = 'DELIVERED') => ({
        channelId,
        operatorMessageId,
        status,
        ...(status === 'UNDELIVERED' ? { errorCode: '001' } : {}),
        doneAt: '2026-11-23T10:00:05.000Z',
      });
      const deliveries = async (state: CarrierState) =>
        (await state.outbox(100)).filter((e) => e.kind === 'delivery').flatMap((e) => e.items as Array<{ messageId: string; status: string; errorCode?: string; doneAt: string }>);

      it('keeps a receipt that overtook its submission, and reports the message in the unit that records the submission, once', async () => {
        const state = await open();
        await state.enqueue('e-1', routed([{ messageId: 'm-1' }, { messageId: 'm-2' }]));
        await state.record({ ...nothing, receipts: [receipt('op-1')] });
        expect(await state.outbox(10)).toEqual([]);
        expect(await state.unmatchedReceipts('ch')).toBe(1);

        await state.record({ ...nothing, submissions: [{ channelId: 'ch', result: submitted('m-1', ['op-1']) }] });
        expect((await state.outbox(10)).map((e) => [e.kind, ids(e.items)])).toEqual([
          ['submission', ['m-1']],
          ['delivery', ['m-1']],
        ]);
        expect(await state.unmatchedReceipts()).toBe(0);

        // Repeated by the operator, or another message recorded later: nothing more for m-1.
        await state.record({ ...nothing, receipts: [receipt('op-1')] });
        await state.record({ ...nothing, submissions: [{ channelId: 'ch', result: submitted('m-2', ['op-2']) }] });
        expect((await deliveries(state)).map((d) => d.messageId)).toEqual(['m-1']);
        expect(await state.unmatchedReceipts()).toBe(0);
      });

      it("a kept receipt counts as arriving before the unit's own: a multipart message is reported once, by the first failing segment", async () => {
        const state = await open();
        await state.enqueue('e-1', routed([{ messageId: 'm-1' }]));
        await state.record({ ...nothing, receipts: [receipt('op-2', 'ch', 'UNDELIVERED')] });
        await state.record({ ...nothing, submissions: [{ channelId: 'ch', result: submitted('m-1', ['op-1', 'op-2']) }], receipts: [receipt('op-1')] });
        expect(await deliveries(state)).toEqual([expect.objectContaining({ messageId: 'm-1', status: 'UNDELIVERED', errorCode: '001', operatorMessageId: 'op-2' })]);
        expect(await state.unmatchedReceipts()).toBe(0);
      });

      it('keeps a receipt for an id never submitted, counted on its channel, and reports no delivery; an id is matched per channel', async () => {
        const state = await open();
        await state.enqueue('e-1', routed([{ messageId: 'm-1' }]));
        await state.record({ ...nothing, receipts: [receipt('op-9', 'ch'), receipt('op-9', 'ch-2')] });
        expect([await state.unmatchedReceipts(), await state.unmatchedReceipts('ch'), await state.unmatchedReceipts('ch-2'), await state.unmatchedReceipts('ch-3')]).toEqual([2, 1, 1, 0]);

        // op-9 submitted on ch-2 matches ch-2's receipt only.
        await state.record({ ...nothing, submissions: [{ channelId: 'ch-2', result: submitted('m-1', ['op-9']) }] });
        expect((await deliveries(state)).map((d) => d.messageId)).toEqual(['m-1']);
        expect([await state.unmatchedReceipts('ch'), await state.unmatchedReceipts('ch-2')]).toEqual([1, 0]);
        // Still kept, still no delivery, however many units pass.
        await state.record({ ...nothing, receipts: [receipt('op-8', 'ch-2')] });
        expect((await deliveries(state)).map((d) => d.messageId)).toEqual(['m-1']);
        expect(await state.unmatchedReceipts()).toBe(2);
      });

      it('keeps a receipt repeated in one unit or in several once, the first to come', async () => {
        const state = await open();
        await state.enqueue('e-1', routed([{ messageId: 'm-1' }]));
        await state.record({ ...nothing, receipts: [receipt('op-1', 'ch', 'UNDELIVERED'), receipt('op-1')] });
        await state.record({ ...nothing, receipts: [receipt('op-1')] });
        expect(await state.unmatchedReceipts()).toBe(1);
        await state.record({ ...nothing, submissions: [{ channelId: 'ch', result: submitted('m-1', ['op-1']) }] });
        expect((await deliveries(state)).map((d) => [d.messageId, d.status])).toEqual([['m-1', 'UNDELIVERED']]);
      });

      it('keeps them across a restart: a receipt kept before it matches the submission recorded after, with its own fields', async () => {
        const first = await open();
        await first.enqueue('e-1', routed([{ messageId: 'm-1' }]));
        await first.record({ ...nothing, receipts: [{ ...receipt('op-1', 'ch', 'UNDELIVERED'), doneAt: '2026-11-23T10:00:03.000Z' }, receipt('op-unknown')] });
        const again = await open(first);
        expect(await again.unmatchedReceipts('ch')).toBe(2);
        await again.record({ ...nothing, submissions: [{ channelId: 'ch', result: submitted('m-1', ['op-1']) }] });
        expect(await deliveries(again)).toEqual([expect.objectContaining({ messageId: 'm-1', status: 'UNDELIVERED', errorCode: '001', doneAt: '2026-11-23T10:00:03.000Z' })]);
        expect(await (await open(again)).unmatchedReceipts('ch')).toBe(1);
      });
    });

    it('keeps queue, receipt tracking, outbox and identity across a restart', async () => {
      const first = await open();
      await first.enqueue('e-1', routed([{ messageId: 'm-1' }, { messageId: 'm-2' }]));
      await first.record({ ...nothing, submissions: [{ channelId: 'ch', result: submitted('m-1', ['op-1']) }] });
      const again = await open(first);
      expect(again.instanceId).toBe(first.instanceId);
      expect((await again.queued(0, 10)).map((q) => q.messageId)).toEqual(['m-2']);
      expect(await again.enqueue('e-1', routed([{ messageId: 'm-1' }]))).toBe(false);
      await again.record({ ...nothing, receipts: [{ channelId: 'ch', operatorMessageId: 'op-1', status: 'UNDELIVERED', errorCode: '001', doneAt: '2026-11-23T10:00:05.000Z' }] });
      expect((await again.outbox(10)).map((e) => e.kind)).toEqual(['submission', 'delivery']);
    });

    it('gives every database its own identity, so outbox ids never repeat across a fresh start', async () => {
      expect((await open()).instanceId).not.toBe((await open()).instanceId);
    });

    describe('purge (erasure, ADR 0017)', () => {
      const routedFor = (eventBatch: string, accountId: string, routedAt: string, messageIds: string[]): MessagesRoutedV1 => ({
        ...routed(messageIds.map((messageId) => ({ messageId }))),
        batchId: eventBatch,
        accountId,
        routedAt,
      });
      const drain = async (state: CarrierState, accountId: string, before: string | undefined) => {
        let total = 0;
        for (;;) {
          const deleted = await state.purge(accountId, before, 1);
          if (deleted === 0) return total;
          total += deleted;
        }
      };
      const receipt = (operatorMessageId: string) => ({ channelId: 'ch', operatorMessageId, status: 'DELIVERED' as const, doneAt: '2026-11-23T12:00:00.000Z' });

      async function seeded() {
        const state = await open();
        await state.enqueue('e-1', routedFor('b-old', 'acc-1', '2026-11-23T08:00:00.000Z', ['m-1', 'm-2']));
        await state.enqueue('e-2', routedFor('b-new', 'acc-1', '2026-11-23T10:00:00.000Z', ['m-3']));
        await state.enqueue('e-3', routedFor('b-x', 'acc-2', '2026-11-23T08:00:00.000Z', ['x-1']));
        await state.record({ ...nothing, submissions: ['m-1', 'm-3', 'x-1'].map((id, i) => ({ channelId: 'ch', result: submitted(id, [`op-${i}`]) })) });
        for (const published of await state.outbox(10)) await state.published(published.seq);
        return state;
      }

      it('retention: forgets answered messages routed before a time; a queued one stays, its number and text destroyed', async () => {
        const state = await seeded();
        expect(await drain(state, 'acc-1', '2026-11-23T09:00:00.000Z')).toBeGreaterThan(0);
        expect(await state.purge('acc-1', '2026-11-23T09:00:00.000Z', 10)).toBe(0);
        expect((await state.queued(0, 10)).map((q) => [q.messageId, q.phoneNumber, q.text])).toEqual([['m-2', '[destroyed]', '[destroyed]']]);
        // Its receipt tracking went with it: a late receipt of m-1 is one it does not know (kept, unmatched); m-3's and x-1's are tracked.
        await state.record({ ...nothing, receipts: [receipt('op-0'), receipt('op-1'), receipt('op-2')] });
        expect(await state.unmatchedReceipts('ch')).toBe(1);
        expect((await state.outbox(10)).flatMap((e) => ids(e.items)).sort()).toEqual(['m-3', 'x-1']);
      });

      it('erasure of the account: every message of it, nothing of others', async () => {
        const state = await seeded();
        await drain(state, 'acc-1', undefined);
        await state.record({ ...nothing, receipts: [receipt('op-0'), receipt('op-1'), receipt('op-2')] });
        expect(await state.unmatchedReceipts('ch')).toBe(2);
        expect((await state.outbox(10)).flatMap((e) => ids(e.items))).toEqual(['x-1']);
        expect((await state.queued(0, 10)).map((q) => [q.messageId, q.text])).toEqual([['m-2', '[destroyed]']]);
      });
    });

    describe('stopping transmission (ADR 0023)', () => {
      const at = '2026-11-23T10:00:02.000Z';
      const of = (accountId: string, batchId: string, messageIds: string[]): MessagesRoutedV1 => ({ ...routed(messageIds.map((messageId) => ({ messageId }))), accountId, batchId });
      const standing = (status: 'ACTIVE' | 'FROZEN' | 'SUSPENDED' | 'TERMINATED', changedAt: string, accountId = 'acc-1') => ({ accountId, status, changedAt });
      /** Every outcome in the outbox, in order: [messageId, status, segmentsSubmitted, errorCode, cancelReason]. */
      const outcomes = async (state: CarrierState) =>
        (await state.outbox(100))
          .filter((e) => e.kind === 'submission')
          .flatMap((e) => e.items as SubmissionResult[])
          .map((r) => [r.messageId, r.status, r.segmentsSubmitted, r.errorCode, r.cancelReason]);
      const queuedIds = async (state: CarrierState) => (await state.queued(0, 100)).map((q) => q.messageId);

      it("halting an account cancels its queued messages once, never one in flight, nor another account's", async () => {
        const state = await open();
        await state.enqueue('e-1', of('acc-1', 'b-1', ['m-1', 'm-2', 'm-3']));
        await state.enqueue('e-2', of('acc-2', 'b-2', ['x-1']));
        // m-1 is handed to the submit loop: in flight until its answer is recorded.
        expect((await state.queued(0, 1)).map((q) => q.messageId)).toEqual(['m-1']);

        expect(await state.recordAccountStatus(standing('SUSPENDED', '2026-11-23T10:00:01.000Z'), at)).toEqual({ applied: true, cancelled: 2 });
        const [cancelled] = (await state.outbox(10)).flatMap((e) => e.items as SubmissionResult[]);
        expect(cancelled).toEqual({
          messageId: 'm-2',
          batchId: 'b-1',
          accountId: 'acc-1',
          status: 'FAILED',
          segmentsSubmitted: 0,
          segmentsFailed: 1,
          operatorMessageIds: [],
          submittedAt: at,
          errorCode: 'CANCELLED',
          cancelReason: 'ACCOUNT_SUSPENDED',
        });
        expect(await queuedIds(state)).toEqual(['m-1', 'x-1']);

        // Redelivered: nothing left to cancel. The in-flight one gets its own answer, once.
        expect(await state.recordAccountStatus(standing('SUSPENDED', '2026-11-23T10:00:01.000Z'), at)).toEqual({ applied: true, cancelled: 0 });
        await state.record({ ...nothing, submissions: [{ channelId: 'ch', result: submitted('m-1', ['op-1']) }] });
        expect(await outcomes(state)).toEqual([
          ['m-2', 'FAILED', 0, 'CANCELLED', 'ACCOUNT_SUSPENDED'],
          ['m-3', 'FAILED', 0, 'CANCELLED', 'ACCOUNT_SUSPENDED'],
          ['m-1', 'SUBMITTED', 1, undefined, undefined],
        ]);
        expect(await queuedIds(state)).toEqual(['x-1']);
        // A cancelled message expects no receipt: one for it (it has no operator id) is kept unmatched, never reported.
        const stray = { channelId: 'ch', operatorMessageId: 'op-2', status: 'DELIVERED' as const, doneAt: at };
        await state.record({ ...nothing, receipts: [stray] });
        expect(await state.unmatchedReceipts('ch')).toBe(1);
        expect((await state.outbox(10)).filter((e) => e.kind === 'delivery')).toEqual([]);
      });

      it('cancels what a halted account gets routed as it arrives, across a restart, until it is ACTIVE again', async () => {
        const first = await open();
        await first.recordAccountStatus(standing('FROZEN', '2026-11-23T10:00:01.000Z'), at);
        await first.recordAccountStatus(standing('ACTIVE', '2026-11-23T10:00:01.000Z', 'acc-2'), at);
        expect(await first.enqueue('e-1', of('acc-1', 'b-1', ['m-1']), at)).toBe(true);
        expect(await queuedIds(first)).toEqual([]);

        const state = await open(first);
        expect((await state.accountStandings()).sort((a, b) => a.accountId.localeCompare(b.accountId))).toEqual([
          standing('FROZEN', '2026-11-23T10:00:01.000Z'),
          standing('ACTIVE', '2026-11-23T10:00:01.000Z', 'acc-2'),
        ]);
        await state.enqueue('e-2', of('acc-1', 'b-2', ['m-2']), at);
        await state.enqueue('e-3', of('acc-2', 'b-3', ['x-1']), at);
        expect(await queuedIds(state)).toEqual(['x-1']);

        expect(await state.recordAccountStatus(standing('ACTIVE', '2026-11-23T10:00:03.000Z'), at)).toEqual({ applied: true, cancelled: 0 });
        // An older change brought back by a redelivery changes nothing.
        expect(await state.recordAccountStatus(standing('TERMINATED', '2026-11-23T10:00:02.000Z'), at)).toEqual({ applied: false, cancelled: 0 });
        await state.enqueue('e-4', of('acc-1', 'b-4', ['m-3']), at);
        expect(await queuedIds(state)).toEqual(['x-1', 'm-3']);
        expect(await outcomes(state)).toEqual([
          ['m-1', 'FAILED', 0, 'CANCELLED', 'ACCOUNT_FROZEN'],
          ['m-2', 'FAILED', 0, 'CANCELLED', 'ACCOUNT_FROZEN'],
        ]);
        expect((await state.accountStandings()).find((s) => s.accountId === 'acc-1')?.status).toBe('ACTIVE');
      });

      it("cancels the named queued messages once per request; leaves in-flight, answered and other accounts' messages alone", async () => {
        const state = await open();
        await state.enqueue('e-1', of('acc-1', 'b-1', ['m-1', 'm-2', 'm-3', 'm-4']));
        await state.enqueue('e-2', of('acc-2', 'b-2', ['x-1']));
        await state.queued(0, 1);
        await state.record({ ...nothing, submissions: [{ channelId: 'ch', result: submitted('m-2', ['op-2']) }] });
        const request = (messageIds: string[]) => ({ accountId: 'acc-1', requestedAt: at, messages: messageIds.map((messageId) => ({ messageId, batchId: 'b-1' })) });

        expect(await state.cancel('c-1', request(['m-1', 'm-2', 'm-3', 'x-1']), at)).toEqual({ claimed: true, cancelled: 1 });
        expect(await state.cancel('c-1', request(['m-1', 'm-2', 'm-3', 'x-1']), at)).toEqual({ claimed: false, cancelled: 0 });
        expect(await state.cancel('c-2', request(['m-3', 'm-4']), at)).toEqual({ claimed: true, cancelled: 1 });
        expect(await queuedIds(state)).toEqual(['m-1', 'x-1']);
        expect(await outcomes(state)).toEqual([
          ['m-2', 'SUBMITTED', 1, undefined, undefined],
          ['m-3', 'FAILED', 0, 'CANCELLED', 'CANCELLED'],
          ['m-4', 'FAILED', 0, 'CANCELLED', 'CANCELLED'],
        ]);
        // Nothing of them is remembered for later: a routed event naming them again queues nothing new.
        await state.enqueue('e-3', of('acc-1', 'b-3', ['m-3']));
        expect(await queuedIds(state)).toEqual(['m-1', 'x-1']);
      });

      it('remembers a cancellation of a message not queued yet, for its own account, across a restart, for a day', async () => {
        const first = await open();
        const request = (accountId: string, messageIds: string[], requestedAt = at) => ({ accountId, requestedAt, messages: messageIds.map((messageId) => ({ messageId, batchId: 'b-9' })) });
        expect(await first.cancel('c-1', request('acc-1', ['m-1', 'm-2']), at)).toEqual({ claimed: true, cancelled: 0 });
        await first.cancel('c-2', request('acc-2', ['m-3']), at);
        const state = await open(first);

        await state.enqueue('e-1', of('acc-1', 'b-1', ['m-1', 'm-3', 'm-4']), '2026-11-23T10:01:00.000Z');
        expect(await queuedIds(state)).toEqual(['m-3', 'm-4']);
        expect(await outcomes(state)).toEqual([['m-1', 'FAILED', 0, 'CANCELLED', 'CANCELLED']]);

        // A day later the unclaimed m-2 is forgotten (another request prunes it): it is queued when it comes at last.
        await state.cancel('c-3', request('acc-1', [], '2026-11-24T10:00:03.000Z'), '2026-11-24T10:00:03.000Z');
        await state.enqueue('e-2', of('acc-1', 'b-2', ['m-2']), '2026-11-24T10:00:04.000Z');
        expect(await queuedIds(state)).toEqual(['m-3', 'm-4', 'm-2']);
      });
    });
  });
}
