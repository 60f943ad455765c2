import { FUNDS_RESERVED_V1, MESSAGE_REVIEW_DECIDED_V1, type MessageReviewDecidedV1, MESSAGES_SCREENED_V1, type MessagesScreenedV1 } from '@sms/contracts';
import { type EventStore, InMemoryEventStore, type ReadStreamOptions } from '@sms/event-store';
import type { IntegrationEvent } from '@sms/messaging';
import { type Clock, deterministicId } from '@sms/service-kit';
import { PriceCatalogueService } from '../../pricing/application/price-catalogue.service';
import { AnnouncePriceChangeHandler } from '../../pricing/announce-price-change/handler';
import { accountBillingCodec, accountEventCodec } from '../../account-billing.codec';
import { accountCommands, refusedReservationCommands } from '../application/command-handlers';
import { decide } from '../domain/account.decider';
import { accountStream } from '../domain/account.events';
import { REFUSED_RESERVATIONS_STREAM } from '../domain/refused-reservations';
import { toIntegrationEvents } from '../infrastructure/outbox-mapping';
import { ReserveFundsHandler } from './handler';

const clock: Clock = { now: () => new Date('2025-03-01T08:00:00.000Z') };

/** Counts reads per stream so the test can prove the hot path does not re-read an account. */
class CountingStore extends InMemoryEventStore {
  readonly reads: Array<{ stream: string; options?: ReadStreamOptions }> = [];
  readonly appends: string[] = [];
  override readStream(stream: string, options?: ReadStreamOptions) {
    this.reads.push({ stream, options });
    return super.readStream(stream, options);
  }
  override appendToStream(...args: Parameters<EventStore['appendToStream']>) {
    this.appends.push(args[0]);
    return super.appendToStream(...args);
  }
}

function screened(accountId: string, batchId: string, count: number, eventId = `evt-${batchId}`): IntegrationEvent<MessagesScreenedV1> {
  return {
    id: eventId,
    type: MESSAGES_SCREENED_V1,
    source: '/sms/content-review',
    time: clock.now().toISOString(),
    key: accountId,
    data: {
      batchId,
      accountId,
      kind: 'notification',
      screenedAt: clock.now().toISOString(),
      cleared: Array.from({ length: count }, (_, i) => ({ messageId: `${batchId}-m${i}`, segments: 1 + (i % 2), countryCode: 'CN', operator: 'CMCC' })),
      blocked: [],
      held: [],
    },
  };
}

async function seedAccount(store: EventStore, accountId: string, deposits: number, amountMinor: bigint): Promise<void> {
  const opened = accountBillingCodec.encode({ type: 'AccountOpened', data: { accountId, name: 'Acme', contactEmail: 'a@acme.test', currency: 'CNY', openedAt: clock.now().toISOString() } });
  // Terms accepted by click: these specs are about reservations, not the first-use record (account.lifecycle.spec.ts).
  const terms = accountBillingCodec.encode({ type: 'TermsAccepted', data: { version: '1.0', method: 'click', acceptedBy: accountId, acceptedAt: clock.now().toISOString() } });
  const events = [
    { id: deterministicId(accountId, 'open'), ...opened },
    { id: deterministicId(accountId, 'terms'), ...terms },
  ];
  for (let i = 0; i < deposits; i++) {
    events.push({ id: deterministicId(accountId, 'dep', String(i)), ...accountBillingCodec.encode({ type: 'FundsDeposited', data: { amountMinor, reference: `r${i}`, depositedAt: clock.now().toISOString() } }) });
  }
  await store.appendToStream(accountStream(accountId), events, { expectedRevision: 'no_stream' });
}

/** The real command handlers over an in-memory store: what the module wires, minus Nest. */
function setup() {
  const store = new CountingStore();
  const accounts = accountCommands(store);
  const catalogue = new PriceCatalogueService(store, clock);
  return { store, accounts, handler: new ReserveFundsHandler(accounts, refusedReservationCommands(store), catalogue, clock) };
}

describe('ReserveFundsHandler', () => {
  it('reserves a 1,000-message batch on an account with 100k prior events with one append and no re-read', async () => {
    const { store, accounts, handler } = setup();
    // given an account with 100k events, loaded once
    await seedAccount(store, 'big', 100_000, 100n);
    await accounts.load(accountStream('big')); // first touch loads the stream once
    const readsBefore = store.reads.filter((r) => r.stream === accountStream('big')).length;
    const appendsBefore = store.appends.filter((s) => s === accountStream('big')).length;

    // when two 1,000-message batches are screened
    await expect(handler.handle(screened('big', 'b1', 1_000))).resolves.toBe('reserved');
    await expect(handler.handle(screened('big', 'b2', 1_000))).resolves.toBe('reserved');

    // then each is one append, and the account is not read again
    expect(store.reads.filter((r) => r.stream === accountStream('big'))).toHaveLength(readsBefore);
    expect(store.appends.filter((s) => s === accountStream('big')).length - appendsBefore).toBe(2);
    const tail = await store.readStream(accountStream('big'), { direction: 'backwards', maxCount: 2 });
    expect(tail.map((e) => e.revision)).toEqual([100_003n, 100_002n]);
    const reserved = accountEventCodec.decode(tail[1]);
    expect(reserved.type === 'FundsReserved' && reserved.data.items).toHaveLength(1_000);
    // 500 × 1 segment + 500 × 2 segments at 0.0450.
    expect(reserved.type === 'FundsReserved' && reserved.data.totalMinor).toBe(1_500n * 450n);
    const { state } = await accounts.load(accountStream('big'));
    expect(state.reservedMinor).toBe(2n * 1_500n * 450n);
    expect(state.balanceMinor).toBe(10_000_000n);
  });

  it('appends nothing when the same screening outcome is delivered again', async () => {
    const { store, handler } = setup();
    await seedAccount(store, 'a1', 1, 1_000_000n);
    const event = screened('a1', 'b1', 10);
    await expect(handler.handle(event)).resolves.toBe('reserved');
    await expect(handler.handle(event)).resolves.toBe('nothing-to-do');
    // Same batch under another event id (republished upstream): still nothing.
    await expect(handler.handle({ ...event, id: 'other-id' })).resolves.toBe('nothing-to-do');
    const events = await store.readStream(accountStream('a1'));
    expect(events.filter((e) => e.type === 'account-billing.FundsReserved.v1')).toHaveLength(1);
  });

  it('re-decides on fresh state when another process wrote to the account, reading only the new events', async () => {
    const { store, accounts, handler } = setup();
    // given an account with one message's worth, cached here, whose whole balance another process then reserves
    await seedAccount(store, 'a1', 1, 450n);
    await accounts.load(accountStream('a1'));
    const elsewhere = accountCommands(store);
    const reserveElsewhere = { type: 'ReserveFunds' as const, batchId: 'other', currency: 'CNY', items: [{ messageId: 'x', segments: 1, unitPriceMinor: 450n }], at: clock.now() };
    await elsewhere.handle(accountStream('a1'), (state) => decide(reserveElsewhere, state), { eventId: () => deterministicId('other-evt') });

    // when a batch is screened here
    await handler.handle(screened('a1', 'b1', 1));

    // then the conflict made it read only the new event, and it decided again on the fresh balance
    const catchUp = store.reads.filter((r) => r.stream === accountStream('a1')).at(-1);
    expect(catchUp?.options?.fromRevision).toBe(3n);

    const [last] = await store.readStream(accountStream('a1'), { direction: 'backwards', maxCount: 1 });
    const event = accountEventCodec.decode(last);
    expect(event).toMatchObject({ type: 'FundsReserved', data: { items: [], rejected: [{ messageId: 'b1-m0', code: 'INSUFFICIENT_BALANCE' }] } });
  });

  it('answers a batch for an unknown account once, on the refusal stream, without creating an account stream', async () => {
    const { store, handler } = setup();
    const event = screened('ghost', 'b1', 3);
    await expect(handler.handle(event)).resolves.toBe('refused-unknown-account');
    await expect(handler.handle(event)).resolves.toBe('refused-unknown-account');
    const refusals = await store.readStream(REFUSED_RESERVATIONS_STREAM);
    expect(refusals).toHaveLength(1);
    expect(refusals[0].data).toMatchObject({ accountId: 'ghost', batchId: 'b1', rejected: [{ code: 'ACCOUNT_NOT_FOUND' }, { code: 'ACCOUNT_NOT_FOUND' }, { code: 'ACCOUNT_NOT_FOUND' }] });
    await expect(store.readStream(accountStream('ghost'))).rejects.toThrow();
  });

  it('rejects messages the catalogue does not price', async () => {
    // given a catalogue version in force that prices domestic notifications only
    const store = new InMemoryEventStore();
    const announcedAt: Clock = { now: () => new Date('2025-01-01T00:00:00.000Z') };
    await new AnnouncePriceChangeHandler(new PriceCatalogueService(store, announcedAt), announcedAt).handle({
      effectiveAt: '2025-02-01T00:00:00.000Z',
      prices: [{ kind: 'notification', country: 'CN', unitPrice: '0.0450' }],
      by: 'ak_ops',
    });
    const handler = new ReserveFundsHandler(accountCommands(store), refusedReservationCommands(store), new PriceCatalogueService(store, clock), clock);
    await seedAccount(store, 'a1', 1, 1_000_000n);
    const event = screened('a1', 'b1', 1);
    event.data.kind = 'rich-media';
    await handler.handle(event);
    const [last] = await store.readStream(accountStream('a1'), { direction: 'backwards', maxCount: 1 });
    expect(last.data).toMatchObject({ items: [], rejected: [{ code: 'PRICE_NOT_FOUND' }] });
  });

  describe('terms §2.3: priced by the version in force at submission', () => {
    // A rise of domestic notification from 0.0450 to 0.0500 per segment, announced a month ahead.
    const RISE_AT = '2026-04-01T00:00:00.000Z';

    async function withAnnouncedRise(reservedAt: string) {
      const store = new InMemoryEventStore();
      const announcedAt: Clock = { now: () => new Date('2026-03-01T08:00:00.000Z') };
      await new AnnouncePriceChangeHandler(new PriceCatalogueService(store, announcedAt), announcedAt).handle({
        effectiveAt: RISE_AT,
        prices: [{ kind: 'notification', country: 'CN', unitPrice: '0.0500' }],
        by: 'ak_ops',
      });
      const at: Clock = { now: () => new Date(reservedAt) };
      const accounts = accountCommands(store);
      const handler = new ReserveFundsHandler(accounts, refusedReservationCommands(store), new PriceCatalogueService(store, at), at);
      await seedAccount(store, 'a1', 1, 1_000_000n);
      return { store, accounts, handler };
    }

    const settle = (accounts: ReturnType<typeof accountCommands>, results: Array<{ messageId: string; segments: number; submittedAt: string }>) =>
      accounts.handle(accountStream('a1'), (state) =>
        decide(
          {
            type: 'SettleFunds',
            batchKey: 'submitted-1',
            results: results.map((r) => ({ messageId: r.messageId, status: 'SUBMITTED' as const, segmentsSubmitted: r.segments, submittedAt: r.submittedAt })),
            at: new Date('2026-04-01T01:00:00.000Z'),
          },
          state,
        ),
      );

    it('reserves at the higher price when a rise takes effect within PRICE_RESERVATION_HORIZON_HOURS, and captures each message at the price in force when it was submitted', async () => {
      // given a batch reserved two hours before the rise
      const { store, accounts, handler } = await withAnnouncedRise('2026-03-31T22:00:00.000Z');
      await expect(handler.handle(screened('a1', 'b1', 2))).resolves.toBe('reserved');
      const [reservedEvent] = await store.readStream(accountStream('a1'), { direction: 'backwards', maxCount: 1 });
      const reserved = accountEventCodec.decode(reservedEvent);
      // then each message carries both prices and holds the higher: m0 1 segment, m1 2 segments
      expect(reserved.type === 'FundsReserved' && reserved.data.items).toEqual([
        { messageId: 'b1-m0', segments: 1, unitPriceMinor: 450n, amountMinor: 500n, next: { effectiveAt: RISE_AT, unitPriceMinor: 500n } },
        { messageId: 'b1-m1', segments: 2, unitPriceMinor: 450n, amountMinor: 1000n, next: { effectiveAt: RISE_AT, unitPriceMinor: 500n } },
      ]);

      // when m0 is submitted after the rise and m1 before it
      const settled = await settle(accounts, [
        { messageId: 'b1-m0', segments: 1, submittedAt: '2026-04-01T00:30:00.000Z' },
        { messageId: 'b1-m1', segments: 2, submittedAt: '2026-03-31T23:59:59.999Z' },
      ]);

      // then m0 is captured at the new price and m1 at the old one, the difference released
      const captured = settled.ok ? settled.events.find((e) => e.type === 'FundsCaptured') : undefined;
      expect(captured?.type === 'FundsCaptured' && captured.data.items.map((i) => [i.messageId, i.amountMinor, i.releasedMinor])).toEqual([
        ['b1-m0', 500n, 0n],
        ['b1-m1', 900n, 100n],
      ]);
      const { state } = await accounts.load(accountStream('a1'));
      expect([state.balanceMinor, state.reservedMinor]).toEqual([1_000_000n - 1_400n, 0n]);
    });

    it('reserves at the price in force alone when no version takes effect within the horizon', async () => {
      const { store, handler } = await withAnnouncedRise('2026-03-30T23:59:59.999Z');
      await handler.handle(screened('a1', 'b1', 1));
      const [reservedEvent] = await store.readStream(accountStream('a1'), { direction: 'backwards', maxCount: 1 });
      const reserved = accountEventCodec.decode(reservedEvent);
      expect(reserved.type === 'FundsReserved' && reserved.data.items).toEqual([{ messageId: 'b1-m0', segments: 1, unitPriceMinor: 450n, amountMinor: 450n }]);
    });

    it('reserves at the new price alone once it is in force', async () => {
      const { store, handler } = await withAnnouncedRise(RISE_AT);
      await handler.handle(screened('a1', 'b1', 1));
      const [reservedEvent] = await store.readStream(accountStream('a1'), { direction: 'backwards', maxCount: 1 });
      const reserved = accountEventCodec.decode(reservedEvent);
      expect(reserved.type === 'FundsReserved' && reserved.data.items).toEqual([{ messageId: 'b1-m0', segments: 1, unitPriceMinor: 500n, amountMinor: 500n }]);
    });
  });

  describe("a reviewer's release of a held message (ADR 0036)", () => {
    const decided = (accountId: string, messageId: string, released = true, eventId = `evt-decided-${messageId}`): IntegrationEvent<MessageReviewDecidedV1> => ({
      id: eventId,
      type: MESSAGE_REVIEW_DECIDED_V1,
      source: '/sms/content-review',
      time: clock.now().toISOString(),
      key: accountId,
      data: { batchId: 'b1', accountId, kind: 'notification', messageId, released, category: 'fraud', decidedAt: clock.now().toISOString(), segments: 2, countryCode: 'CN', operator: 'CMCC' },
    });
    const reservations = async (store: EventStore, accountId: string) =>
      (await store.readStream(accountStream(accountId))).filter((e) => e.type === 'account-billing.FundsReserved.v1');

    it('reserves the released message of a batch reserved already, priced like a cleared one, once, under the batch id', async () => {
      const { store, accounts, handler } = setup();
      await seedAccount(store, 'a1', 1, 1_000_000n);
      await expect(handler.handle(screened('a1', 'b1', 2))).resolves.toBe('reserved');

      const release = decided('a1', 'b1-held');
      await expect(handler.release(release)).resolves.toBe('reserved');
      await expect(handler.release(release)).resolves.toBe('nothing-to-do');
      // The same decision republished under another id: the key still holds.
      await expect(handler.release({ ...release, id: 'other-id' })).resolves.toBe('nothing-to-do');

      const recorded = await reservations(store, 'a1');
      expect(recorded).toHaveLength(2);
      const event = accountEventCodec.decode(recorded[1]);
      expect(event).toMatchObject({ type: 'FundsReserved', data: { batchId: 'b1', key: 'review:b1-held', items: [{ messageId: 'b1-held', segments: 2, unitPriceMinor: 450n, amountMinor: 900n }], rejected: [] } });
      // Published as sms.funds-reserved.v1 naming the batch, so dispatch routes it from the batch's stream.
      const [published] = toIntegrationEvents(recorded[1]);
      expect(published.event).toMatchObject({ type: FUNDS_RESERVED_V1, data: { batchId: 'b1', accountId: 'a1', reserved: [{ messageId: 'b1-held', amountMinor: 900 }], rejected: [] } });
      const { state } = await accounts.load(accountStream('a1'));
      // 1 + 2 segments of the screened batch, 2 of the released message.
      expect(state.reservedMinor).toBe(5n * 450n);
    });

    it('reserves nothing for a blocked message', async () => {
      const { store, handler } = setup();
      await seedAccount(store, 'a1', 1, 1_000_000n);
      await expect(handler.release(decided('a1', 'b1-held', false))).resolves.toBe('nothing-to-do');
      expect(await reservations(store, 'a1')).toHaveLength(0);
    });

    it('answers a release for an unknown account on the refusal stream, once', async () => {
      const { store, handler } = setup();
      const release = decided('ghost', 'b1-held');
      await expect(handler.release(release)).resolves.toBe('refused-unknown-account');
      await expect(handler.release(release)).resolves.toBe('refused-unknown-account');
      const refusals = await store.readStream(REFUSED_RESERVATIONS_STREAM);
      expect(refusals).toHaveLength(1);
      expect(refusals[0].data).toMatchObject({ accountId: 'ghost', batchId: 'b1', rejected: [{ messageId: 'b1-held', code: 'ACCOUNT_NOT_FOUND' }] });
    });
  });
});
