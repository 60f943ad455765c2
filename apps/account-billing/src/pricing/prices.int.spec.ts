import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { INTERNAL_TOPICS, PRICE_CATALOGUE_V1, type PriceCatalogueV1, protoFile } from '@sms/contracts';
import { SqliteEventStore } from '@sms/event-store';
import { systemClock } from '@sms/service-kit';
import { callJson, eventually, type ServiceUnderTest, startServiceUnderTest, TEST_ADMIN_TOKEN } from '@sms/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccountBillingModule } from '../account-billing.module';
import { AccountBillingOutbox } from '../ledger/infrastructure/account-billing-outbox';
import { AnnouncePriceChangeHandler } from './announce-price-change/handler';
import { PriceCatalogueService } from './application/price-catalogue.service';

const DAY = 86_400_000;
const ahead = (days: number) => new Date(Date.now() + days * DAY).toISOString();
const change = (effectiveAt: string) => ({
  effectiveAt,
  prices: [
    { kind: 'verification', country: 'CN', unitPrice: '0.0480' },
    { kind: 'notification', country: 'CN', unitPrice: '0.0480' },
    { kind: 'notification', country: 'CN', operator: 'CBN', unitPrice: '0.0420' },
    { kind: 'marketing', country: 'CN', unitPrice: '0.0550' },
    { kind: 'international', country: 'US', unitPrice: '0.0900' },
    { kind: 'international', country: '*', unitPrice: '0.8500' },
  ],
});

/** A POST with headers of our choosing (callJson sends only the token). */
async function post(url: string, body: unknown, headers: Record<string, string> = {}, token: string | null = TEST_ADMIN_TOKEN) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, contentType: response.headers.get('content-type') };
}

/**
 * The price catalogue on the real module: SQLite event store, in-process bus, REST and gRPC servers (ADR 0024). Runs
 * on the real clock: "now" is the test's, so notice periods are measured from it.
 */
describe('price catalogue (SQLite event store, in-process bus, REST and gRPC)', () => {
  let dataDir: string;
  let service: ServiceUnderTest;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'prices-int-'));
    service = await startServiceUnderTest({
      module: AccountBillingModule,
      dataDir,
      grpc: { package: 'sms.account.v1', protoPath: protoFile('account.proto') },
      collect: [INTERNAL_TOPICS.prices],
      logLevel: 'warn',
    });
  });

  afterAll(async () => {
    await service?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the built-in per-country table publicly, and refuses a bad `at`', async () => {
    const prices = await callJson('GET', `${service.url}/v1/prices`, undefined, null);
    expect(prices.status).toBe(200);
    expect(prices.body).toMatchObject({ version: 2, currency: 'CNY', effectiveAt: '1970-01-01T00:00:00.000Z' });
    expect(prices.body.prices).toContainEqual({ kind: 'notification', country: 'CN', unitPrice: '0.0450' });
    expect(prices.body.prices).toContainEqual({ kind: 'international', country: 'GB', unitPrice: '0.2900' });
    expect(prices.body.prices).toContainEqual({ kind: 'international', country: '*', unitPrice: '0.8000' });
    expect(prices.body.prices.filter((p: { kind: string }) => p.kind === 'international').length).toBeGreaterThan(40);

    for (const at of ['yesterday', '2026-13-01T00:00:00Z', '+275760-09-13T00:00:00.000Z']) {
      const bad = await callJson('GET', `${service.url}/v1/prices?at=${encodeURIComponent(at)}`, undefined, null);
      expect([at, bad.status, bad.body.code, bad.contentType]).toEqual([at, 400, 'VALIDATION_FAILED', expect.stringContaining('problem+json')]);
    }
  });

  it('terms §2.3: refuses a price change inside the notice period (422), publishes one outside it (201), and GET /v1/prices?at shows the version in force then', async () => {
    const url = `${service.url}/v1/price-changes`;
    // Inside the notice period of 30 days (the default).
    const early = await post(url, change(ahead(10)));
    expect([early.status, early.body.code, early.contentType]).toEqual([422, 'NOTICE_PERIOD_NOT_MET', expect.stringContaining('problem+json')]);
    expect(early.body.detail).toMatch(/at least 30 days/);
    // Only operators announce.
    expect((await post(url, change(ahead(31)), {}, null)).status).toBe(401);
    const account = await callJson('POST', `${service.url}/v1/accounts`, { name: 'Price Watcher', contactEmail: 'prices@watcher.example' });
    expect((await post(url, change(ahead(31)), {}, account.body.apiKey.token)).body.code).toBe('FORBIDDEN');

    // Outside it.
    const effectiveAt = new Date(Math.ceil((Date.now() + 31 * DAY) / 1000) * 1000).toISOString();
    const created = await post(url, change(effectiveAt), { 'Idempotency-Key': 'rise-2026' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ version: 3, currency: 'CNY', effectiveAt, publishedAt: expect.any(String), prices: change(effectiveAt).prices });
    // The same key and body: the original answer; another body: refused.
    const retried = await post(url, change(effectiveAt), { 'Idempotency-Key': 'rise-2026' });
    expect([retried.status, retried.body]).toEqual([200, created.body]);
    const reused = await post(url, change(ahead(45)), { 'Idempotency-Key': 'rise-2026' });
    expect([reused.status, reused.body.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);

    const before = await callJson('GET', `${service.url}/v1/prices?at=${encodeURIComponent(new Date(Date.parse(effectiveAt) - 1).toISOString())}`, undefined, null);
    const after = await callJson('GET', `${service.url}/v1/prices?at=${encodeURIComponent(effectiveAt)}`, undefined, null);
    expect([before.status, before.body.version]).toEqual([200, 2]);
    expect([after.status, after.body]).toEqual([200, { version: 3, currency: 'CNY', effectiveAt, prices: change(effectiveAt).prices }]);
    expect((await callJson('GET', `${service.url}/v1/prices`, undefined, null)).body.version).toBe(2);

    // Listed newest first to any key (none: 401), with where each stands now.
    const list = await callJson('GET', `${service.url}/v1/price-changes?limit=2`, undefined, account.body.apiKey.token);
    expect(list.body.items.map((i: any) => [i.version, i.status, i.effectiveAt])).toEqual([
      [3, 'SCHEDULED', effectiveAt],
      [2, 'IN_FORCE', '1970-01-01T00:00:00.000Z'],
    ]);
    expect(list.body.nextCursor).toBe('2');
    const rest = await callJson('GET', `${service.url}/v1/price-changes?limit=2&cursor=2`);
    expect(rest.body).toEqual({ items: [expect.objectContaining({ version: 1, status: 'SUPERSEDED' })] });
    expect((await callJson('GET', `${service.url}/v1/price-changes`, undefined, null)).status).toBe(401);

    // Validation, named by line.
    const bad = await post(url, { effectiveAt: ahead(40), prices: [{ kind: 'fax', country: 'CN', unitPrice: '0.05' }, { kind: 'international', country: 'UK', unitPrice: '-1' }] });
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(bad.body.detail).toMatch(/prices\[0\]\.kind: unknown kind "fax".*prices\[1\]\.country: "UK".*prices\[1\]\.unitPrice/);
  });

  it('publishes every version — the seeded ones too — as sms.price-catalogue.v1 keyed by version', async () => {
    await service.get(AccountBillingOutbox).caughtUp();
    const published = service.publishedOn<PriceCatalogueV1>(INTERNAL_TOPICS.prices);
    expect(published.every((e) => e.type === PRICE_CATALOGUE_V1)).toBe(true);
    expect(published.map((e) => [e.key, e.data.version])).toEqual([
      ['1', 1],
      ['2', 2],
      ['3', 3],
    ]);
    expect(published[2].data.prices).toContainEqual({ kind: 'notification', country: 'CN', operator: 'CBN', unitPriceMinor: 420 });
    expect(published[2].data.effectiveAt > published[2].data.publishedAt).toBe(true);
  });

  it('sees a version another process published once it refreshes', async () => {
    // Another process on the same event store file.
    const store = new SqliteEventStore(join(dataDir, 'event-store.db'));
    try {
      const elsewhere = new PriceCatalogueService(store, systemClock);
      const effectiveAt = new Date(Math.ceil((Date.now() + 60 * DAY) / 1000) * 1000).toISOString();
      await new AnnouncePriceChangeHandler(elsewhere, systemClock).handle({ ...change(effectiveAt), by: 'ak_elsewhere' });
      const at = `${service.url}/v1/prices?at=${encodeURIComponent(effectiveAt)}`;
      expect((await callJson('GET', at, undefined, null)).body.version).toBe(3);
      await service.get(PriceCatalogueService).refresh();
      expect((await callJson('GET', at, undefined, null)).body.version).toBe(4);
      // The outbox reads the store, so it publishes that version too.
      await eventually(() => service.publishedOn<PriceCatalogueV1>(INTERNAL_TOPICS.prices).find((e) => e.data.version === 4), 'version 4 on sms.internal.prices', 10_000);
    } finally {
      await store.close();
    }
  });

  it('serves the same operations over gRPC sms.account.v1.PriceService', async () => {
    const definition = protoLoader.loadSync(protoFile('account.proto'), { keepCase: true, longs: String, enums: String, defaults: true });
    const { PriceService } = (grpc.loadPackageDefinition(definition) as any).sms.account.v1;
    const client = new PriceService(service.grpcUrl, grpc.credentials.createInsecure());
    const invoke = (method: string, request: object, token: string | null = TEST_ADMIN_TOKEN) => {
      const metadata = new grpc.Metadata();
      if (token) metadata.set('authorization', `Bearer ${token}`);
      return new Promise<any>((resolve, reject) => client[method](request, metadata, (error: grpc.ServiceError | null, reply: any) => (error ? reject(error) : resolve(reply))));
    };
    try {
      await expect(invoke('GetPrices', {})).resolves.toMatchObject({ version: 2, currency: 'CNY' });
      await expect(invoke('GetPrices', {}, null)).rejects.toMatchObject({ code: grpc.status.UNAUTHENTICATED });
      await expect(invoke('GetPrices', { at: 'soon' })).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT, details: expect.stringContaining('VALIDATION_FAILED') });
      await expect(invoke('AnnouncePriceChange', change(ahead(5)))).rejects.toMatchObject({ code: grpc.status.FAILED_PRECONDITION, details: expect.stringContaining('NOTICE_PERIOD_NOT_MET') });
      const effectiveAt = new Date(Math.ceil((Date.now() + 90 * DAY) / 1000) * 1000).toISOString();
      const announced = await invoke('AnnouncePriceChange', { ...change(effectiveAt), idempotencyKey: 'grpc-1' });
      expect(announced).toMatchObject({ version: 5, effectiveAt, created: true });
      expect(announced.prices).toContainEqual({ kind: 'notification', country: 'CN', operator: 'CBN', unitPrice: '0.0420' });
      await expect(invoke('AnnouncePriceChange', { ...change(effectiveAt), idempotencyKey: 'grpc-1' })).resolves.toMatchObject({ version: 5, created: false });
      await expect(invoke('GetPrices', { at: effectiveAt })).resolves.toMatchObject({ version: 5 });
      const list = await invoke('ListPriceChanges', { limit: 1 });
      expect([list.items.map((i: any) => [i.version, i.status]), list.nextCursor]).toEqual([[[5, 'SCHEDULED']], '5']);
      await expect(invoke('ListPriceChanges', { cursor: 'x' })).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
    } finally {
      client.close();
    }
  });
});
