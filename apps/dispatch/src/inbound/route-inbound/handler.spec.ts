import { InMemoryEventStore, StreamNotFoundError } from '@sms/event-store';
import { deterministicId } from '@sms/service-kit';
import { CommandHandler } from '@sms/use-case-kit';
import { type DispatchEvent, dispatchCodec } from '../../dispatch.codec';
import { DispatchConfig } from '../../dispatch.config';
import { consumed, InMemoryReadModelDatabase } from '../../test-support';
import type { InboundRecord, InboundRepository } from '../application/inbound-repository';
import type { ExtensionOwners } from '../application/extension-owners';
import type { LastOutboundLookup } from '../application/last-outbound';
import type { InboundMo } from '../domain/decide-inbound';
import { evolveInbound, inboundStream, initialInboundState, type InboundStreamState } from '../domain/events';
import { RouteInboundHandler } from './handler';

const mo: InboundMo = { inboundId: 'in-1', from: '13800138000', content: '退订', receivedAt: '2026-11-23T10:00:00.000Z' };

/** Inbound's store as the handler sees it: replies by id, and opt-outs. */
const repository = () => {
  const replies = new Map<string, InboundRecord>();
  const inbound: InboundRepository = {
    record: async (r) => void (replies.has(r.inboundId) || replies.set(r.inboundId, r)),
    find: async (id) => replies.get(id),
    query: async () => [...replies.values()],
    isOptedOut: async (accountId, phone) => [...replies.values()].some((r) => r.optOut && r.accountId === accountId && r.phoneNumber === phone),
    optedOutAmong: async () => new Set<string>(),
    readmit: async () => false,
    optOuts: async () => ({ items: [] }),
    purge: async () => 0,
  };
  return { inbound, replies };
};

/** Extension codes as the send directory allocated them: 1000 is acc-2's sig-7. */
const extensions: ExtensionOwners = {
  ownerOf: async (extension) => (extension === '1000' ? { accountId: 'acc-2', signatureId: 'sig-7' } : undefined),
};

describe('RouteInboundHandler', () => {
  let store: InMemoryEventStore;
  let asked: Array<[string, string, string]>;
  const lastOutbound = (sentAt = '2026-11-22T10:00:00.000Z'): LastOutboundLookup => ({
    lastOutboundTo: async (phone, notAfter, notBefore) => {
      asked.push([phone, notAfter, notBefore]);
      return { accountId: 'acc-1', signatureId: 'sig-1', sentAt };
    },
  });
  const streams = () =>
    new CommandHandler<DispatchEvent, InboundStreamState>({
      store,
      codec: dispatchCodec,
      initialState: initialInboundState,
      evolve: (s, e) => (e.type === 'InboundRouted' ? evolveInbound(s, e) : s),
    });

  beforeEach(() => {
    store = new InMemoryEventStore();
    asked = [];
  });

  afterEach(async () => {
    await store.close();
  });

  it('routes a reply to the last sender within the window, appends it with a derived id, records it and its opt-out', async () => {
    const { inbound, replies } = repository();
    const event = consumed('sms.inbound-received.v1', mo);
    await new RouteInboundHandler(streams(), new InMemoryReadModelDatabase(), inbound, lastOutbound(), extensions, new DispatchConfig()).handle(event, mo);
    expect(asked).toEqual([['+8613800138000', '2026-11-23T10:00:00.000Z', '2026-10-24T10:00:00.000Z']]);
    const [routed] = await store.readStream(inboundStream('acc-1'));
    expect(routed).toMatchObject({ id: deterministicId(event.id, 'inbound'), type: 'dispatch.InboundRouted.v1', metadata: { causationId: event.id } });
    expect(routed.data).toEqual({ inboundId: 'in-1', accountId: 'acc-1', signatureId: 'sig-1', phoneNumber: '+8613800138000', content: '退订', receivedAt: mo.receivedAt, optOut: true });
    expect(replies.get('in-1')).toEqual(routed.data);
    expect(await inbound.isOptedOut('acc-1', '+8613800138000')).toBe(true);
  });

  it('appends nothing more for a redelivery, nor for the same reply under another event id', async () => {
    const { inbound } = repository();
    const db = new InMemoryReadModelDatabase();
    const handler = new RouteInboundHandler(streams(), db, inbound, lastOutbound(), extensions, new DispatchConfig());
    const event = consumed('sms.inbound-received.v1', mo);
    await handler.handle(event, mo);
    await handler.handle(event, mo);
    await handler.handle(consumed('sms.inbound-received.v1', mo, 'e8b0c6a4-1d5e-4c1f-9a55-0d7c1e0a0099'), mo);
    expect(await store.readStream(inboundStream('acc-1'))).toHaveLength(1);
    expect(db.claims.size).toBe(2);
  });

  it('keeps a reply outside the configured window unmatched, on the shared stream', async () => {
    const { inbound, replies } = repository();
    const config = Object.assign(new DispatchConfig(), { INBOUND_ROUTING_WINDOW_DAYS: 1 });
    await new RouteInboundHandler(streams(), new InMemoryReadModelDatabase(), inbound, lastOutbound('2026-11-21T10:00:00.000Z'), extensions, config).handle(consumed('sms.inbound-received.v1', mo), mo);
    expect(asked[0][2]).toBe('2026-11-22T10:00:00.000Z');
    expect(await store.readStream(inboundStream(undefined))).toHaveLength(1);
    expect(replies.get('in-1')).not.toHaveProperty('accountId');
  });

  it("routes a reply addressed to a service number + extension code to that code's signature, though another account wrote to the number since", async () => {
    const { inbound, replies } = repository();
    const reply = { ...mo, to: '106900001000', content: 'ＴＤ' };
    await new RouteInboundHandler(streams(), new InMemoryReadModelDatabase(), inbound, lastOutbound(), extensions, new DispatchConfig()).handle(consumed('sms.inbound-received.v1', reply), reply);
    // The code decided: who last wrote to the number was not even asked.
    expect(asked).toEqual([]);
    const [routed] = await store.readStream(inboundStream('acc-2'));
    expect(routed.data).toMatchObject({ accountId: 'acc-2', signatureId: 'sig-7', optOut: true });
    await expect(store.readStream(inboundStream('acc-1'))).rejects.toThrow(StreamNotFoundError);
    expect(await inbound.isOptedOut('acc-2', '+8613800138000')).toBe(true);
    expect(replies.get('in-1')).toMatchObject({ accountId: 'acc-2', signatureId: 'sig-7' });
  });

  it.each([
    ['the service number alone', '10690000'],
    ['a code no signature has', '106900009999'],
    ['a code behind a number that is not ours', '106500001000'],
    ['no destination at all', undefined],
  ])('falls back to the last sender for a reply to %s', async (_case, to) => {
    const { inbound } = repository();
    const reply = { ...mo, to };
    await new RouteInboundHandler(streams(), new InMemoryReadModelDatabase(), inbound, lastOutbound(), extensions, new DispatchConfig()).handle(consumed('sms.inbound-received.v1', reply), reply);
    expect(asked).toHaveLength(1);
    expect(await store.readStream(inboundStream('acc-1'))).toHaveLength(1);
  });

  it('reads extension codes behind every configured service number', async () => {
    const { inbound } = repository();
    const config = Object.assign(new DispatchConfig(), { INBOUND_SERVICE_NUMBERS: '10690000,1065502' });
    const reply = { ...mo, to: '10655021000' };
    await new RouteInboundHandler(streams(), new InMemoryReadModelDatabase(), inbound, lastOutbound(), extensions, config).handle(consumed('sms.inbound-received.v1', reply), reply);
    expect(await store.readStream(inboundStream('acc-2'))).toHaveLength(1);
  });
});
