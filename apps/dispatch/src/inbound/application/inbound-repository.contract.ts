import type { UnitOfWork } from '@sms/use-case-kit';
import type { InboundRouted } from '../domain/events';
import type { InboundRepository } from './inbound-repository';

/* One behavioural specification of inbound's store, run by every adapter's int spec. */

export interface InboundRepositoryFixture {
  repository: InboundRepository;
  unitOfWork: UnitOfWork;
  close(): Promise<void>;
}

const reply = (inboundId: string, receivedAt: string, overrides: Partial<InboundRouted> = {}): InboundRouted => ({
  inboundId,
  accountId: 'acc-1',
  signatureId: 'sig-1',
  phoneNumber: '+8613800138000',
  content: '好的',
  receivedAt,
  optOut: false,
  ...overrides,
});

export function inboundRepositoryContract(name: string, factory: () => Promise<InboundRepositoryFixture>): void {
  describe(`InboundRepository contract: ${name}`, () => {
    let fixture: InboundRepositoryFixture;
    let inbound: InboundRepository;
    const write = (work: () => Promise<void>) => fixture.unitOfWork.transaction(work);

    beforeEach(async () => {
      fixture = await factory();
      inbound = fixture.repository;
    });

    afterEach(async () => {
      await fixture?.close();
    });

    it('stores a routed reply once, by inbound id', async () => {
      await write(() => inbound.record(reply('in-1', '2026-11-23T10:00:00.000Z')));
      await write(() => inbound.record(reply('in-1', '2026-11-23T10:00:00.000Z', { content: 'again' })));
      expect(await inbound.find('in-1')).toEqual(reply('in-1', '2026-11-23T10:00:00.000Z'));
      expect(await inbound.find('nope')).toBeUndefined();
    });

    it('keeps an unmatched reply without an account, and no opt-out for it', async () => {
      const { accountId: _a, signatureId: _s, ...unmatched } = reply('in-2', '2026-11-23T10:00:00.000Z', { content: 'STOP', optOut: true });
      await write(() => inbound.record(unmatched));
      expect(await inbound.find('in-2')).toEqual(unmatched);
      expect(await inbound.isOptedOut('acc-1', '+8613800138000')).toBe(false);
    });

    it('records an opt-out for the account the reply was routed to, and only that one', async () => {
      await write(() => inbound.record(reply('in-3', '2026-11-23T10:00:00.000Z', { content: '退订', optOut: true })));
      await write(() => inbound.record(reply('in-4', '2026-11-23T11:00:00.000Z', { content: 'TD', optOut: true })));
      expect(await inbound.isOptedOut('acc-1', '+8613800138000')).toBe(true);
      expect(await inbound.isOptedOut('acc-2', '+8613800138000')).toBe(false);
      expect(await inbound.isOptedOut('acc-1', '+8613900139000')).toBe(false);
      // Asked in another notation, the same number.
      expect(await inbound.isOptedOut('acc-1', '13800138000')).toBe(true);
      expect(await inbound.isOptedOut('acc-1', '+86 138-0013-8000')).toBe(true);
    });

    it('finds the opted-out numbers of a whole send in one lookup, and re-admits a number', async () => {
      expect(await inbound.optedOutAmong('acc-1', ['+8613800138000', '+8613900139000'])).toEqual(new Set());
      await write(() => inbound.record(reply('in-5', '2026-11-23T10:00:00.000Z', { content: '退订', optOut: true })));
      expect(await inbound.optedOutAmong('acc-1', ['+8613800138000', '+8613900139000'])).toEqual(new Set(['+8613800138000']));
      expect(await inbound.optedOutAmong('acc-2', ['+8613800138000'])).toEqual(new Set());
      expect(await inbound.optedOutAmong('acc-1', [])).toEqual(new Set());
      const readmit = async (number: string) => {
        let readmitted: boolean | undefined;
        await write(async () => void (readmitted = await inbound.readmit('acc-1', number)));
        return readmitted;
      };
      expect(await readmit('13800138000')).toBe(true);
      expect(await inbound.optedOutAmong('acc-1', ['+8613800138000'])).toEqual(new Set());
      expect(await readmit('+8613800138000')).toBe(false);
      // The reply itself stays: re-admitting changes the list, not what was received.
      expect(await inbound.find('in-5')).toMatchObject({ optOut: true });
    });

    it("lists an account's replies oldest first, bounded in time, a page at a time", async () => {
      await write(async () => {
        await inbound.record(reply('in-b', '2026-11-23T11:00:00.000Z'));
        await inbound.record(reply('in-a', '2026-11-23T10:00:00.000Z'));
        await inbound.record(reply('in-c', '2026-11-23T11:00:00.000Z'));
        await inbound.record(reply('in-x', '2026-11-23T10:30:00.000Z', { accountId: 'acc-2' }));
      });
      const ids = async (query: Partial<Parameters<InboundRepository['query']>[0]>) =>
        (await inbound.query({ accountId: 'acc-1', limit: 100, ...query })).map((r) => r.inboundId);
      expect(await ids({})).toEqual(['in-a', 'in-b', 'in-c']);
      expect(await ids({ limit: 1 })).toEqual(['in-a']);
      expect(await ids({ after: { receivedAt: '2026-11-23T11:00:00.000Z', inboundId: 'in-b' } })).toEqual(['in-c']);
      expect(await ids({ from: '2026-11-23T10:30:00.000Z' })).toEqual(['in-b', 'in-c']);
      expect(await ids({ to: '2026-11-23T11:00:00.000Z' })).toEqual(['in-a']);
      expect(await ids({ accountId: 'acc-2' })).toEqual(['in-x']);
    });

    it("lists an account's opt-outs with their numbers, the first of each number standing, a page at a time", async () => {
      await write(async () => {
        await inbound.record(reply('in-1', '2026-11-23T10:00:00.000Z', { content: '退订', optOut: true }));
        await inbound.record(reply('in-2', '2026-11-23T11:00:00.000Z', { content: 'TD', optOut: true, signatureId: 'sig-2' }));
        await inbound.record(reply('in-3', '2026-11-23T12:00:00.000Z', { content: 'STOP', optOut: true, phoneNumber: '+8613900139000' }));
        await inbound.record(reply('in-4', '2026-11-23T12:00:00.000Z', { content: 'STOP', optOut: true, accountId: 'acc-2' }));
        await inbound.record(reply('in-5', '2026-11-23T12:00:00.000Z', { content: '好的' }));
      });
      const all = async (limit: number) => {
        const items = [];
        let after: string | undefined;
        do {
          const page = await inbound.optOuts({ accountId: 'acc-1', after, limit });
          items.push(...page.items);
          after = page.nextCursor;
        } while (after);
        return items;
      };
      const expected = [
        { accountId: 'acc-1', phoneNumber: '+8613800138000', optedOutAt: '2026-11-23T10:00:00.000Z', signatureId: 'sig-1', inboundId: 'in-1' },
        { accountId: 'acc-1', phoneNumber: '+8613900139000', optedOutAt: '2026-11-23T12:00:00.000Z', signatureId: 'sig-1', inboundId: 'in-3' },
      ];
      const byNumber = (items: Array<{ phoneNumber: string }>) => [...items].sort((a, b) => a.phoneNumber.localeCompare(b.phoneNumber));
      expect(byNumber(await all(10))).toEqual(expected);
      expect(byNumber(await all(1))).toEqual(expected);
      expect((await inbound.optOuts({ accountId: 'acc-3', limit: 10 })).items).toEqual([]);
    });

    describe('purge (erasure, ADR 0017)', () => {
      const drain = async (accountId: string, before: string | undefined, limit = 2) => {
        let total = 0;
        for (;;) {
          const deleted = await fixture.unitOfWork.transaction(() => inbound.purge(accountId, before, limit));
          total += deleted;
          if (deleted < limit) return total;
        }
      };

      beforeEach(async () => {
        await write(async () => {
          await inbound.record(reply('in-a', '2026-11-23T10:00:00.000Z', { content: '退订', optOut: true }));
          await inbound.record(reply('in-b', '2026-11-23T11:00:00.000Z'));
          await inbound.record(reply('in-c', '2026-11-23T12:00:00.000Z'));
          await inbound.record(reply('in-x', '2026-11-23T09:00:00.000Z', { accountId: 'acc-2', content: 'STOP', optOut: true }));
          const { accountId: _a, signatureId: _s, ...unmatched } = reply('in-u', '2026-11-23T09:00:00.000Z');
          await inbound.record(unmatched);
        });
      });

      it("retention: deletes the account's replies received before a time, and keeps its opt-outs, listed and blocking", async () => {
        expect(await drain('acc-1', '2026-11-23T11:30:00.000Z', 1)).toBe(2);
        expect((await inbound.query({ accountId: 'acc-1', limit: 10 })).map((r) => r.inboundId)).toEqual(['in-c']);
        expect(await inbound.find('in-a')).toBeUndefined();
        expect(await inbound.isOptedOut('acc-1', '+8613800138000')).toBe(true);
        expect((await inbound.optOuts({ accountId: 'acc-1', limit: 10 })).items).toEqual([expect.objectContaining({ phoneNumber: '+8613800138000', inboundId: 'in-a' })]);
        expect(await inbound.find('in-x')).toBeDefined();
        expect(await inbound.find('in-u')).toBeDefined();
      });

      it('erasure of the account: every reply and every opt-out goes; other accounts and unclaimed replies stay', async () => {
        expect(await drain('acc-1', undefined)).toBe(3);
        expect(await inbound.query({ accountId: 'acc-1', limit: 10 })).toEqual([]);
        expect(await inbound.isOptedOut('acc-1', '+8613800138000')).toBe(false);
        expect((await inbound.optOuts({ accountId: 'acc-1', limit: 10 })).items).toEqual([]);
        expect(await inbound.isOptedOut('acc-2', '+8613800138000')).toBe(true);
        expect(await inbound.find('in-u')).toBeDefined();
      });
    });
  });
}
