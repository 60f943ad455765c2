import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import {
  ACCOUNT_STATUS_CHANGED_V1,
  type AccountStatusChangedV1,
  DATA_ERASED_V1,
  type DataErasedV1,
  FUNDS_RESERVED_V1,
  type FundsReservedV1,
  INTERNAL_TOPICS,
  MESSAGE_REVIEW_DECIDED_V1,
  type MessageReviewDecidedV1,
  MESSAGES_SCREENED_V1,
  MESSAGES_SUBMITTED_V1,
  type MessagesScreenedV1,
  type MessagesSubmittedV1,
  protoFile,
} from '@sms/contracts';
import { type IntegrationEvent } from '@sms/messaging';
import { newId } from '@sms/service-kit';
import { callJson, type ServiceUnderTest, startServiceUnderTest, testEvent } from '@sms/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccountBillingModule } from './account-billing.module';
import { AccountBillingOutbox } from './ledger/infrastructure/account-billing-outbox';

type Booted = ServiceUnderTest & {
  received: { fundsReserved: Array<IntegrationEvent<FundsReservedV1>>; accounts: Array<IntegrationEvent<AccountStatusChangedV1>> };
};

/** Boots the module the way bootstrap.ts does (filter, pipe, gRPC), with a test consumer group on our outputs. */
async function boot(dataDir: string): Promise<Booted> {
  const service = await startServiceUnderTest({
    module: AccountBillingModule,
    dataDir,
    grpc: { package: 'sms.account.v1', protoPath: protoFile('account.proto') },
    collect: [INTERNAL_TOPICS.fundsReserved, INTERNAL_TOPICS.accounts, INTERNAL_TOPICS.dataErasure],
    logLevel: 'warn',
  });
  return {
    ...service,
    // Read on each access: the harness collects by topic as events arrive.
    received: {
      get fundsReserved() {
        return service.publishedOn<FundsReservedV1>(INTERNAL_TOPICS.fundsReserved);
      },
      get accounts() {
        return service.publishedOn<AccountStatusChangedV1>(INTERNAL_TOPICS.accounts);
      },
    },
  };
}

const call = (url: string, method: string, path: string, body?: unknown) => callJson(method, url + path, body);

const event = <T>(type: string, key: string, data: T, id = newId()): IntegrationEvent<T> => testEvent(type, '/sms/test', key, data, id);

describe('account-billing (SQLite event store, in-process bus)', () => {
  let dataDir: string;
  let booted: Booted | undefined;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'account-billing-int-'));
  });

  afterAll(async () => {
    await booted?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('opens, deposits once per reference, reserves, captures/releases exactly, ignores redelivery and replays after a restart', async () => {
    const firstBoot = await boot(dataDir);
    booted = firstBoot;
    const { url, bus, received } = firstBoot;
    const outbox = () => firstBoot.app.get(AccountBillingOutbox).caughtUp();

    // Open
    const created = await call(url, 'POST', '/v1/accounts', { name: 'Acme Ltd', contactEmail: 'billing@acme.example' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      accountId: expect.any(String),
      status: 'ACTIVE',
      name: 'Acme Ltd',
      currency: 'CNY',
      balance: '0.0000',
      reserved: '0.0000',
      available: '0.0000',
      openedAt: expect.any(String),
      enabledAt: expect.any(String),
      retentionDays: 180,
      retentionSource: 'platform',
      apiKey: { keyId: expect.stringMatching(/^ak_/), secret: expect.any(String), token: `${created.body.apiKey.keyId}.${created.body.apiKey.secret}` },
    });
    const accountId: string = created.body.accountId;
    // The account's own key reads it (and nothing else); no key reads nothing.
    const own = await callJson('GET', `${url}/v1/accounts/${accountId}`, undefined, created.body.apiKey.token);
    expect([own.status, own.body.accountId]).toEqual([200, accountId]);
    expect((await callJson('GET', `${url}/v1/accounts/${newId()}`, undefined, created.body.apiKey.token)).body.code).toBe('ACCOUNT_NOT_FOUND');
    expect((await callJson('GET', `${url}/v1/accounts/${accountId}`, undefined, null)).status).toBe(401);
    await outbox();
    expect(received.accounts.map((e) => [e.type, e.key, e.data.status])).toEqual([[ACCOUNT_STATUS_CHANGED_V1, accountId, 'ACTIVE']]);

    // Deposit twice with one reference = one deposit, same body; misuse answers with stable codes.
    const first = await call(url, 'POST', `/v1/accounts/${accountId}/deposits`, { amount: '100.00', reference: 'wire-001' });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ reference: 'wire-001', amount: '100.0000', balance: '100.0000', depositedAt: expect.any(String) });
    const again = await call(url, 'POST', `/v1/accounts/${accountId}/deposits`, { amount: '100.00', reference: 'wire-001' });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const reused = await call(url, 'POST', `/v1/accounts/${accountId}/deposits`, { amount: '5', reference: 'wire-001' });
    expect([reused.status, reused.body.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    for (const amount of ['1.23456', '0', '-5', 'ten', '1e3']) {
      const bad = await call(url, 'POST', `/v1/accounts/${accountId}/deposits`, { amount, reference: 'bad' });
      expect([amount, bad.status, bad.body.code, bad.contentType]).toEqual([amount, 400, 'INVALID_AMOUNT', expect.stringContaining('application/problem+json')]);
    }
    const noReference = await call(url, 'POST', `/v1/accounts/${accountId}/deposits`, { amount: '1' });
    expect([noReference.status, noReference.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const unknown = await call(url, 'GET', `/v1/accounts/${newId()}`);
    expect([unknown.status, unknown.body.code]).toEqual([404, 'ACCOUNT_NOT_FOUND']);
    const unknownDeposit = await call(url, 'POST', `/v1/accounts/${newId()}/deposits`, { amount: '1', reference: 'x' });
    expect([unknownDeposit.status, unknownDeposit.body.code]).toEqual([404, 'ACCOUNT_NOT_FOUND']);
    const badAccount = await call(url, 'POST', '/v1/accounts', { name: '', contactEmail: 'nope' });
    expect([badAccount.status, badAccount.body.code]).toEqual([400, 'VALIDATION_FAILED']);

    // Reserve: a screened batch arrives on the bus; FundsReservedV1 lists every cleared message once.
    const screened = event<MessagesScreenedV1>(MESSAGES_SCREENED_V1, accountId, {
      batchId: 'batch-1',
      accountId,
      kind: 'notification',
      screenedAt: new Date().toISOString(),
      cleared: [
        { messageId: 'm1', segments: 2, countryCode: 'CN', operator: 'CMCC' },
        { messageId: 'm2', segments: 1, countryCode: 'CN', operator: 'CUCC' },
      ],
      blocked: [{ messageId: 'm3', category: 'gambling' }],
      held: [],
    });
    await bus.publish(INTERNAL_TOPICS.messagesScreened, [screened]);
    await outbox();
    expect(received.fundsReserved).toHaveLength(1);
    expect(received.fundsReserved[0]).toMatchObject({ type: FUNDS_RESERVED_V1, key: accountId });
    expect(received.fundsReserved[0].data).toEqual({
      batchId: 'batch-1',
      accountId,
      reservedAt: expect.any(String),
      reserved: [
        { messageId: 'm1', segments: 2, unitPriceMinor: 450, amountMinor: 900 },
        { messageId: 'm2', segments: 1, unitPriceMinor: 450, amountMinor: 450 },
      ],
      rejected: [],
    });
    expect((await call(url, 'GET', `/v1/accounts/${accountId}`)).body).toMatchObject({ balance: '100.0000', reserved: '0.1350', available: '99.8650' });

    // Settle: m1 submitted with both segments, m2 failed.
    const submitted = event<MessagesSubmittedV1>(MESSAGES_SUBMITTED_V1, accountId, {
      accountId,
      channelId: 'smpp-default',
      results: [
        { messageId: 'm1', batchId: 'batch-1', status: 'SUBMITTED', segmentsSubmitted: 2, segmentsFailed: 0, operatorMessageIds: ['op-1', 'op-2'], submittedAt: new Date().toISOString() },
        { messageId: 'm2', batchId: 'batch-1', status: 'FAILED', segmentsSubmitted: 0, segmentsFailed: 1, operatorMessageIds: [], submittedAt: new Date().toISOString(), errorCode: '0x00000045' },
      ],
    });
    await bus.publish(INTERNAL_TOPICS.submissions, [submitted]);
    const settled = { balance: '99.9100', reserved: '0.0000', available: '99.9100' }; // 100 − 0.0450 × 2
    expect((await call(url, 'GET', `/v1/accounts/${accountId}`)).body).toMatchObject({ accountId, status: 'ACTIVE', currency: 'CNY', ...settled });

    const ledger = await call(url, 'GET', `/v1/accounts/${accountId}/ledger`);
    expect(ledger.status).toBe(200);
    expect(ledger.body.entries.map((e: any) => [e.revision, e.type, e.amount, e.balanceAfter, e.reservedAfter])).toEqual([
      [1, 'DEPOSIT', '100.0000', '100.0000', '0.0000'],
      [2, 'RESERVE', '0.1350', '100.0000', '0.1350'],
      // Revision 3: the terms accepted by this first use (no money, no entry).
      [4, 'CAPTURE', '-0.0900', '99.9100', '0.0450'],
      [5, 'RELEASE', '0.0450', '99.9100', '0.0000'],
    ]);
    expect(ledger.body.entries[0].reference).toBe('wire-001');
    expect(ledger.body.entries[1].batchIds).toEqual(['batch-1']);
    expect(ledger.body.nextFromRevision).toBeUndefined();
    const page = await call(url, 'GET', `/v1/accounts/${accountId}/ledger?fromRevision=1&limit=2`);
    expect(page.body.entries.map((e: any) => [e.revision, e.balanceAfter])).toEqual([
      [1, '100.0000'],
      [2, '100.0000'],
    ]);
    expect(page.body.nextFromRevision).toBe(3);

    // Redelivery: the same events again (and the same batch under a new event id) change nothing.
    await bus.publish(INTERNAL_TOPICS.messagesScreened, [screened, { ...screened, id: newId() }]);
    await bus.publish(INTERNAL_TOPICS.submissions, [submitted]);
    await outbox();
    expect(received.fundsReserved).toHaveLength(1);
    expect((await call(url, 'GET', `/v1/accounts/${accountId}`)).body).toMatchObject(settled);
    expect((await call(url, 'GET', `/v1/accounts/${accountId}/ledger`)).body).toEqual(ledger.body);

    // An unknown account still gets an answer for every cleared message.
    const ghost = newId();
    await bus.publish(INTERNAL_TOPICS.messagesScreened, [
      event<MessagesScreenedV1>(MESSAGES_SCREENED_V1, ghost, { ...screened.data, accountId: ghost, batchId: 'batch-ghost' }),
    ]);
    await outbox();
    expect(received.fundsReserved.at(-1)?.data).toMatchObject({ accountId: ghost, batchId: 'batch-ghost', reserved: [], rejected: [{ code: 'ACCOUNT_NOT_FOUND' }, { code: 'ACCOUNT_NOT_FOUND' }] });
    expect((await call(url, 'GET', `/v1/accounts/${ghost}`)).status).toBe(404);

    const prices = await call(url, 'GET', '/v1/prices');
    // The built-in per-country table (ADR 0024).
    expect(prices.body).toMatchObject({ version: 2, currency: 'CNY' });
    expect(prices.body.prices).toContainEqual({ kind: 'notification', country: 'CN', unitPrice: '0.0450' });
    expect(prices.body.prices).toContainEqual({ kind: 'international', country: '*', unitPrice: '0.8000' });

    // Restart on the same DATA_DIR: state replays from the event store; nothing is republished.
    await booted.close();
    booted = await boot(dataDir);
    await booted.app.get(AccountBillingOutbox).caughtUp();
    expect(booted.received.fundsReserved).toHaveLength(0);
    expect(booted.received.accounts).toHaveLength(0);
    expect((await call(booted.url, 'GET', `/v1/accounts/${accountId}`)).body).toMatchObject(settled);
    expect((await call(booted.url, 'GET', `/v1/accounts/${accountId}/ledger`)).body).toEqual(ledger.body);
    const depositAfterRestart = await call(booted.url, 'POST', `/v1/accounts/${accountId}/deposits`, { amount: '100.00', reference: 'wire-001' });
    expect([depositAfterRestart.status, depositAfterRestart.body]).toEqual([200, first.body]);

    // Redelivery after the restart (cold cache) is still a no-op.
    await booted.bus.publish(INTERNAL_TOPICS.messagesScreened, [screened]);
    await booted.bus.publish(INTERNAL_TOPICS.submissions, [submitted]);
    await booted.app.get(AccountBillingOutbox).caughtUp();
    expect(booted.received.fundsReserved).toHaveLength(0);
    expect((await call(booted.url, 'GET', `/v1/accounts/${accountId}/ledger`)).body).toEqual(ledger.body);
  });

  it('sets a retention period and erases a suspended account on request: its ledger stays, every process is told (ADR 0017)', async () => {
    booted ??= await boot(dataDir);
    const { url } = booted;
    const outbox = () => (booted as Booted).app.get(AccountBillingOutbox).caughtUp();
    const { accountId } = (await call(url, 'POST', '/v1/accounts', { name: 'Erase Co', contactEmail: 'erase@co.example' })).body;
    await call(url, 'POST', `/v1/accounts/${accountId}/deposits`, { amount: '10.00', reference: 'e-1' });

    const retention = await call(url, 'PUT', `/v1/accounts/${accountId}/retention`, { days: 30, reason: 'contract §9' });
    expect([retention.status, retention.body.retentionDays, retention.body.retentionSource]).toEqual([200, 30, 'account']);
    expect((await call(url, 'PUT', `/v1/accounts/${accountId}/retention`, { days: 0 })).body.code).toBe('VALIDATION_FAILED');
    expect((await call(url, 'PUT', `/v1/accounts/${accountId}/retention`, { days: '30' })).body.code).toBe('VALIDATION_FAILED');

    const refused = await call(url, 'POST', `/v1/accounts/${accountId}/erasure`, { reason: 'REQ-1' });
    expect([refused.status, refused.body.code]).toEqual([409, 'ACCOUNT_NOT_SUSPENDED']);
    expect((await call(url, 'POST', `/v1/accounts/${accountId}/erasure`, {})).body.code).toBe('VALIDATION_FAILED');
    expect((await call(url, 'POST', `/v1/accounts/${newId()}/erasure`, { reason: 'REQ-1' })).body.code).toBe('ACCOUNT_NOT_FOUND');
    const ledgerBefore = (await call(url, 'GET', `/v1/accounts/${accountId}/ledger`)).body;

    await call(url, 'POST', `/v1/accounts/${accountId}/suspension`, { reason: 'customer asked to close' });
    const erased = await call(url, 'POST', `/v1/accounts/${accountId}/erasure`, { reason: 'Customer request ER-7' });
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({ status: 'SUSPENDED', statusReason: 'ERASED: Customer request ER-7', erasedAt: expect.any(String), balance: '10.0000' });
    expect((await call(url, 'POST', `/v1/accounts/${accountId}/erasure`, { reason: 'again' })).status).toBe(200);
    expect((await call(url, 'DELETE', `/v1/accounts/${accountId}/suspension`, { reason: 'undo' })).body.code).toBe('ACCOUNT_ERASED');
    expect((await call(url, 'PUT', `/v1/accounts/${accountId}/retention`, { days: 60 })).body.code).toBe('ACCOUNT_ERASED');
    expect((await call(url, 'GET', `/v1/accounts/${accountId}/ledger`)).body).toEqual(ledgerBefore);

    await outbox();
    const erasures = (booted as Booted).publishedOn<DataErasedV1>(INTERNAL_TOPICS.dataErasure).filter((e) => e.key === accountId);
    expect(erasures.map((e) => [e.type, e.data])).toEqual([
      [DATA_ERASED_V1, { accountId, scope: 'account', reason: 'Customer request ER-7', erasedBy: expect.stringMatching(/^admin|^ak_/), erasedAt: erased.body.erasedAt }],
    ]);
  });

  it("reserves a reviewer's released message once, under its batch, and never a blocked one — across a restart (ADR 0036)", async () => {
    booted ??= await boot(dataDir);
    const { url, bus } = booted;
    const outbox = () => (booted as Booted).app.get(AccountBillingOutbox).caughtUp();
    const { accountId } = (await call(url, 'POST', '/v1/accounts', { name: 'Review Co', contactEmail: 'review@co.example' })).body;
    await call(url, 'POST', `/v1/accounts/${accountId}/deposits`, { amount: '10.00', reference: 'r-1' });
    const ofAccount = () => (booted as Booted).received.fundsReserved.filter((e) => e.key === accountId).map((e) => e.data);

    const screened = event<MessagesScreenedV1>(MESSAGES_SCREENED_V1, accountId, {
      batchId: 'batch-held',
      accountId,
      kind: 'notification',
      screenedAt: new Date().toISOString(),
      cleared: [{ messageId: 'h1', segments: 1, countryCode: 'CN', operator: 'CMCC' }],
      blocked: [],
      held: [
        { messageId: 'h2', category: 'fraud' },
        { messageId: 'h3', category: 'fraud' },
      ],
    });
    const decided = (messageId: string, released: boolean) =>
      event<MessageReviewDecidedV1>(MESSAGE_REVIEW_DECIDED_V1, accountId, {
        batchId: 'batch-held',
        accountId,
        kind: 'notification',
        messageId,
        released,
        category: 'fraud',
        decidedAt: new Date().toISOString(),
        segments: 2,
        countryCode: 'CN',
        operator: 'CMCC',
      });
    const released = decided('h2', true);
    // The outcome, then the decisions in order on the same topic and key; the release redelivered at once.
    await bus.publish(INTERNAL_TOPICS.messagesScreened, [screened, released, decided('h3', false), released]);
    await outbox();
    expect(ofAccount()).toEqual([
      expect.objectContaining({ batchId: 'batch-held', reserved: [expect.objectContaining({ messageId: 'h1', amountMinor: 450 })], rejected: [] }),
      expect.objectContaining({ batchId: 'batch-held', reserved: [{ messageId: 'h2', segments: 2, unitPriceMinor: 450, amountMinor: 900 }], rejected: [] }),
    ]);
    const account = { balance: '10.0000', reserved: '0.1350', available: '9.8650' };
    expect((await call(url, 'GET', `/v1/accounts/${accountId}`)).body).toMatchObject(account);

    // A malformed decision is refused at the edge and changes nothing.
    const malformed = decided('h4', true);
    await bus.publish(INTERNAL_TOPICS.messagesScreened, [{ ...malformed, data: { ...malformed.data, segments: 0 } }]);
    await outbox();
    expect(ofAccount()).toHaveLength(2);
    expect((await call(url, 'GET', `/v1/accounts/${accountId}`)).body).toMatchObject(account);

    // Both sent and settled: no open reservation guards the released message any more, only its remembered key.
    await bus.publish(INTERNAL_TOPICS.submissions, [
      event<MessagesSubmittedV1>(MESSAGES_SUBMITTED_V1, accountId, {
        accountId,
        channelId: 'smpp-default',
        results: ['h1', 'h2'].map((messageId) => ({ messageId, batchId: 'batch-held', status: 'SUBMITTED' as const, segmentsSubmitted: messageId === 'h1' ? 1 : 2, segmentsFailed: 0, operatorMessageIds: [`op-${messageId}`], submittedAt: new Date().toISOString() })),
      }),
    ]);
    const settled = { balance: '9.8650', reserved: '0.0000', available: '9.8650' };
    expect((await call(url, 'GET', `/v1/accounts/${accountId}`)).body).toMatchObject(settled);

    // After a restart (the key replayed from the stored event) the same release under a new id still reserves nothing.
    await booted.close();
    booted = await boot(dataDir);
    await booted.bus.publish(INTERNAL_TOPICS.messagesScreened, [{ ...released, id: newId() }]);
    await booted.app.get(AccountBillingOutbox).caughtUp();
    expect(booted.received.fundsReserved.filter((e) => e.key === accountId)).toHaveLength(0);
    expect((await call(booted.url, 'GET', `/v1/accounts/${accountId}`)).body).toMatchObject(settled);
  });

  it('serves the same operations over gRPC sms.account.v1', async () => {
    booted ??= await boot(dataDir);
    const definition = protoLoader.loadSync(protoFile('account.proto'), { keepCase: true, longs: String, enums: String, defaults: true });
    const { AccountService } = (grpc.loadPackageDefinition(definition) as any).sms.account.v1;
    const client = new AccountService(booted.grpcUrl, grpc.credentials.createInsecure());
    const adminToken = booted.adminToken;
    const invoke = (method: string, request: object, token = adminToken) => {
      const metadata = new grpc.Metadata();
      metadata.set('authorization', `Bearer ${token}`);
      return new Promise<any>((resolve, reject) => client[method](request, metadata, (error: grpc.ServiceError | null, reply: any) => (error ? reject(error) : resolve(reply))));
    };
    try {
      const account = await invoke('CreateAccount', { name: 'Grpc Co', contactEmail: 'ops@grpc.example' });
      expect(account).toMatchObject({ status: 'ACTIVE', currency: 'CNY', balance: '0.0000', apiKey: { keyId: expect.stringMatching(/^ak_/) } });
      // A customer key implies its account and may not deposit.
      await expect(invoke('GetAccount', { accountId: '' }, account.apiKey.token)).resolves.toMatchObject({ accountId: account.accountId });
      await expect(invoke('Deposit', { accountId: account.accountId, amount: '1', reference: 'self' }, account.apiKey.token)).rejects.toMatchObject({ code: grpc.status.PERMISSION_DENIED });
      await expect(invoke('GetAccount', { accountId: account.accountId }, 'nobody.nothing')).rejects.toMatchObject({ code: grpc.status.UNAUTHENTICATED });
      const deposit = await invoke('Deposit', { accountId: account.accountId, amount: '12.34', reference: 'g-1' });
      expect(deposit).toMatchObject({ reference: 'g-1', amount: '12.3400', balance: '12.3400', created: true });
      await expect(invoke('Deposit', { accountId: account.accountId, amount: '12.34', reference: 'g-1' })).resolves.toMatchObject({ balance: '12.3400', created: false });
      await expect(invoke('GetAccount', { accountId: account.accountId })).resolves.toMatchObject({ balance: '12.3400', available: '12.3400' });
      const ledger = await invoke('GetLedger', { accountId: account.accountId });
      expect(ledger.entries.map((e: any) => [e.revision, e.type, e.balanceAfter])).toEqual([
        ['1', 'DEPOSIT', '12.3400'],
      ]);
      await expect(invoke('GetAccount', { accountId: newId() })).rejects.toMatchObject({ code: grpc.status.NOT_FOUND, details: expect.stringContaining('ACCOUNT_NOT_FOUND') });
      await expect(invoke('Deposit', { accountId: account.accountId, amount: '0.00001', reference: 'g-2' })).rejects.toMatchObject({
        code: grpc.status.INVALID_ARGUMENT,
        details: expect.stringContaining('INVALID_AMOUNT'),
      });
    } finally {
      client.close();
    }
  });
});
