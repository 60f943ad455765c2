import { InMemoryEventStore } from '@sms/event-store';
import type { Clock } from '@sms/service-kit';
import { PriceCatalogueService } from '../application/price-catalogue.service';
import { AnnouncePriceChangeHandler } from '../announce-price-change/handler';
import { ListPriceChangesHandler } from './handler';

const NOW = new Date('2026-03-01T08:00:00.000Z');
const days = (n: number) => new Date(NOW.getTime() + n * 86_400_000).toISOString();

async function setup() {
  let now = NOW;
  const clock: Clock = { now: () => now };
  const catalogue = new PriceCatalogueService(new InMemoryEventStore(), clock);
  const announce = new AnnouncePriceChangeHandler(catalogue, clock);
  for (const offset of [31, 35, 40]) {
    await announce.handle({ effectiveAt: days(offset), prices: [{ kind: 'international', country: '*', unitPrice: `0.${offset}` }], by: 'ak_ops' });
  }
  return { handler: new ListPriceChangesHandler(catalogue, clock), setNow: (at: string) => (now = new Date(at)) };
}

describe('ListPriceChangesHandler', () => {
  it('lists every version newest first, with when it was announced and where it stands now', async () => {
    const { handler } = await setup();
    const page = await handler.handle();
    expect(page.items.map((i) => [i.version.version, i.status, i.version.effectiveAt, i.version.publishedAt])).toEqual([
      [5, 'SCHEDULED', days(40), NOW.toISOString()],
      [4, 'SCHEDULED', days(35), NOW.toISOString()],
      [3, 'SCHEDULED', days(31), NOW.toISOString()],
      [2, 'IN_FORCE', '1970-01-01T00:00:00.000Z', '1970-01-01T00:00:00.000Z'],
      [1, 'SUPERSEDED', '1970-01-01T00:00:00.000Z', '1970-01-01T00:00:00.000Z'],
    ]);
    expect(page.nextCursor).toBeUndefined();
  });

  it('shows a version in force once its effectiveAt has passed', async () => {
    const { handler, setNow } = await setup();
    setNow(days(36));
    expect((await handler.handle()).items.map((i) => i.status)).toEqual(['SCHEDULED', 'IN_FORCE', 'SUPERSEDED', 'SUPERSEDED', 'SUPERSEDED']);
  });

  it('pages with limit and an opaque cursor', async () => {
    const { handler } = await setup();
    const first = await handler.handle({ limit: 2 });
    expect([first.items.map((i) => i.version.version), first.nextCursor]).toEqual([[5, 4], '4']);
    const second = await handler.handle({ limit: 2, cursor: first.nextCursor });
    expect([second.items.map((i) => i.version.version), second.nextCursor]).toEqual([[3, 2], '2']);
    const last = await handler.handle({ limit: 2, cursor: second.nextCursor });
    expect([last.items.map((i) => i.version.version), last.nextCursor]).toEqual([[1], undefined]);
  });

  it.each([{ cursor: 'abc' }, { cursor: '0' }, { limit: 0 }, { limit: 501 }])('refuses %j (VALIDATION_FAILED)', async (query) => {
    const { handler } = await setup();
    await expect(handler.handle(query)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
