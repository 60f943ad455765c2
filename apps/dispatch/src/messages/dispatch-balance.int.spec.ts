import {
  ACCOUNT_BALANCE_V1,
  ACCOUNT_STATUS_CHANGED_V1,
  type AccountBalanceV1,
  type AccountStatusChangedV1,
  INTERNAL_TOPICS,
  PRICE_CATALOGUE_V1,
  type PriceCatalogueV1,
  SIGNATURE_STATUS_CHANGED_V1,
  type SignatureStatusChangedV1,
  SOURCES,
  TEMPLATE_STATUS_CHANGED_V1,
  type TemplateStatusChangedV1,
} from '@sms/contracts';
import { announceCustomerKey, callJson, eventually, type ServiceUnderTest, startServiceUnderTest, testEvent } from '@sms/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DispatchModule } from '../dispatch.module';

/**
 * Dispatch's view of the balance (ADR 0027) fed through its real input — the in-process bus — into its SQLite file:
 * DOMAIN §4 Arrears (§7.2, §7.3.3) answered in the send response, what this process accepted held until a report
 * shows it, late, repeated and malformed reports changing nothing, and the view still there after a restart.
 */
describe('dispatch balance view (SQLite + in-process bus)', () => {
  const PRICE = 450;
  const accountId = randomUUID();
  const signatureId = randomUUID();
  const templateId = randomUUID();
  let dataDir: string;
  let service: ServiceUnderTest;
  let token: string;

  const start = () => startServiceUnderTest({ module: DispatchModule, dataDir, collect: [`${INTERNAL_TOPICS.accounts}.dlt`] });
  const publish = (topic: string, type: string, data: unknown, key: string = accountId) => service.bus.publish(topic, [testEvent(type, SOURCES.accountBilling, key, data)]);
  const report = (revision: number, availableMinor: number) =>
    publish(INTERNAL_TOPICS.accounts, ACCOUNT_BALANCE_V1, { accountId, balanceMinor: availableMinor, availableMinor, revision, at: new Date().toISOString() } satisfies AccountBalanceV1);
  const numbers = (n: number, from: number) => Array.from({ length: n }, (_, i) => `1380013${String(from + i).padStart(4, '0')}`);
  const send = (phoneNumbers: string[]) => callJson('POST', `${service.url}/v1/messages`, { accountId, signatureId, templateId, params: { code: '123456' }, phoneNumbers }, token);

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'dispatch-balance-int-'));
    service = await start();
    const changedAt = new Date().toISOString();
    await publish(INTERNAL_TOPICS.accounts, ACCOUNT_STATUS_CHANGED_V1, { accountId, status: 'ACTIVE', currency: 'CNY', changedAt } satisfies AccountStatusChangedV1);
    await service.bus.publish(INTERNAL_TOPICS.review, [
      testEvent(SIGNATURE_STATUS_CHANGED_V1, SOURCES.contentReview, accountId, { signatureId, accountId, name: '阿里云', status: 'APPROVED', changedAt } satisfies SignatureStatusChangedV1),
      testEvent(TEMPLATE_STATUS_CHANGED_V1, SOURCES.contentReview, accountId, {
        templateId,
        accountId,
        name: 'otp',
        kind: 'verification',
        content: '您的验证码为${code}。',
        status: 'APPROVED',
        changedAt,
      } satisfies TemplateStatusChangedV1),
    ]);
    const catalogue: PriceCatalogueV1 = {
      version: 1,
      currency: 'CNY',
      effectiveAt: '1970-01-01T00:00:00.000Z',
      publishedAt: '1970-01-01T00:00:00.000Z',
      prices: [{ kind: 'verification', country: 'CN', unitPriceMinor: PRICE }],
    };
    await publish(INTERNAL_TOPICS.prices, PRICE_CATALOGUE_V1, catalogue, '1');
    token = await announceCustomerKey(service.bus, accountId);
  });

  afterAll(async () => {
    await service?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses the recipients the reported balance does not cover, holds what it accepted until a later report, ignores stale and malformed reports', async () => {
    // Before any report, the reservation alone decides: nothing is refused here.
    const unknown = await send(numbers(1, 1));
    expect(unknown).toMatchObject({ status: 202, body: { rejected: [] } });

    await report(1, 3 * PRICE);
    const first = await send(numbers(5, 10));
    expect(first.status).toBe(202);
    expect(first.body.messages).toHaveLength(3);
    expect(first.body.rejected).toEqual([
      { phoneNumber: '13800130013', code: 'INSUFFICIENT_BALANCE', detail: 'The available balance does not cover this message' },
      { phoneNumber: '13800130014', code: 'INSUFFICIENT_BALANCE', detail: 'The available balance does not cover this message' },
    ]);
    // Billing has not reported the reservation yet: the accepted three are held against the report of revision 1.
    expect(await send(numbers(1, 20))).toMatchObject({ status: 402, body: { code: 'INSUFFICIENT_BALANCE' } });

    // A malformed report is dead-lettered; a late one (revision 0) and a repeated one change nothing.
    await publish(INTERNAL_TOPICS.accounts, ACCOUNT_BALANCE_V1, { accountId, balanceMinor: 1e6, availableMinor: '1000000', revision: 9, at: new Date().toISOString() });
    expect(service.publishedOn(`${INTERNAL_TOPICS.accounts}.dlt`)).toEqual([expect.objectContaining({ type: ACCOUNT_BALANCE_V1 })]);
    await report(0, 1e6);
    await report(1, 3 * PRICE);
    expect(await send(numbers(1, 20))).toMatchObject({ status: 402 });

    // The reservation's report: nothing left, and the three are not counted twice — a deposit's report is all it takes.
    await report(2, 0);
    expect(await send(numbers(1, 20))).toMatchObject({ status: 402 });
    await report(3, 2 * PRICE);
    const next = await send(numbers(2, 20));
    expect(next).toMatchObject({ status: 202, body: { rejected: [] } });
    expect(next.body.messages).toHaveLength(2);
    await report(4, 0);
  });

  it('keeps the view across a restart: the balance and the prices come back from its file, not from the bus', async () => {
    await service.close();
    service = await start();
    token = await announceCustomerKey(service.bus, accountId);
    // Without the remembered balance (0) or prices, this would be accepted.
    const refused = await eventually(async () => {
      const response = await send(numbers(1, 30));
      return response.status === 401 ? undefined : response;
    }, 'the key to be known after the restart');
    expect(refused).toMatchObject({ status: 402, body: { code: 'INSUFFICIENT_BALANCE' } });
    await report(5, PRICE);
    const one = await send(numbers(2, 30));
    expect(one.body.messages).toHaveLength(1);
    expect(one.body.rejected).toEqual([expect.objectContaining({ phoneNumber: '13800130031', code: 'INSUFFICIENT_BALANCE' })]);
  });
});
