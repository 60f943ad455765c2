import type { InboundQuery, InboundRecord, InboundRepository } from '../application/inbound-repository';
import { decodeInboundCursor, ListInboundMessagesHandler } from './handler';

const reply = (inboundId: string, receivedAt: string): InboundRecord => ({ inboundId, accountId: 'acc-1', phoneNumber: '+8613800138000', content: 'ok', receivedAt, optOut: false });

describe('ListInboundMessagesHandler', () => {
  const asked: InboundQuery[] = [];
  const inbound: InboundRepository = {
    record: async () => undefined,
    find: async () => undefined,
    isOptedOut: async () => false,
    optedOutAmong: async () => new Set<string>(),
    readmit: async () => false,
    query: async (q) => (asked.push(q), [reply('in-1', '2026-11-23T10:00:00.000Z'), reply('in-2', '2026-11-23T10:00:01.000Z')].slice(0, q.limit)),
    optOuts: async () => ({ items: [] }),
    purge: async () => 0,
  };
  const handler = new ListInboundMessagesHandler(inbound);

  it('asks for UTC bounds and pages with an opaque cursor', async () => {
    const page = await handler.handle({ accountId: 'acc-1', from: '2026-11-23T18:00:00+08:00', limit: 2 });
    expect(asked[0]).toEqual({ accountId: 'acc-1', from: '2026-11-23T10:00:00.000Z', to: undefined, after: undefined, limit: 2 });
    expect(decodeInboundCursor(page.nextCursor ?? '')).toEqual({ receivedAt: '2026-11-23T10:00:01.000Z', inboundId: 'in-2' });
    await handler.handle({ accountId: 'acc-1', cursor: page.nextCursor });
    expect(asked[1]).toMatchObject({ after: { receivedAt: '2026-11-23T10:00:01.000Z', inboundId: 'in-2' }, limit: 100 });
  });

  it('refuses a cursor it never gave out', async () => {
    await expect(handler.handle({ accountId: 'acc-1', cursor: 'nope' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
