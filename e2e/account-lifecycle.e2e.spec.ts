import { formatMoney, parseMoney } from '@sms/contracts';
import { grpcClient, unary } from './support/grpc';
import { auth, call, E2E_ADMIN_TOKEN, expectStatus } from './support/http';
import { eventually, freePort, type RunningProcess, startProcess, tempDir } from './support/processes';
import { runWalkingSkeleton, type SkeletonRun } from './support/scenario';

const admin = auth(E2E_ADMIN_TOKEN);
const money = (text: string): bigint => parseMoney(text) as bigint;

/**
 * The account lifecycle and the complete ledger (issue 8; DOMAIN §4–§5), black-box on the embedded profile: terms
 * acceptance, ledger entries naming batches and messages, service credits capped by charges (§8.5), arrears freezing
 * the account until a top-up (§7.3.3), the low-balance alert (§7.2), and termination with a refund (§7.3.1/§7.3.5).
 */
describe('account lifecycle and ledger (embedded profile)', () => {
  const dataDir = tempDir('account-lifecycle');
  let platform: RunningProcess & { match: RegExpMatchArray };
  let url: string;
  let grpcPort: number;
  let run: SkeletonRun;
  let customer: Record<string, string>;

  beforeAll(async () => {
    grpcPort = await freePort();
    platform = await startProcess(
      'apps/platform/src/main.js',
      { PORT: '0', GRPC_PORT: String(grpcPort), SMPP_PORT: '0', SIMULATOR_HTTP_PORT: String(await freePort()), DATA_DIR: dataDir, HOST: '127.0.0.1', ADMIN_API_KEY: E2E_ADMIN_TOKEN },
      /REST API\s+(http:\/\/\S+)\/v1/,
    );
    url = platform.match[1];
    run = await runWalkingSkeleton({ accounts: url, review: url, dispatch: url }, E2E_ADMIN_TOKEN);
    customer = auth(run.customerToken);
  }, 120_000);

  afterAll(() => platform?.stop());

  const account = (id = run.accountId, headers = admin) => expectStatus(200, 'GET', `${url}/v1/accounts/${id}`, undefined, headers);
  const send = (headers = customer) => call('POST', `${url}/v1/messages`, { ...run.request, phoneNumbers: ['13800138001'], outId: undefined }, headers);

  it('records the enabling date, and the terms by first actual use for an account that never clicked them (preamble, §7.1)', async () => {
    const a = await account();
    expect(a.enabledAt).toBe(a.openedAt);
    expect(a.terms).toMatchObject({ method: 'first-use', version: expect.any(String) });
    const opened = await expectStatus(201, 'POST', `${url}/v1/accounts`, { name: 'Sealed Ltd', contactEmail: 'ops@sealed.example', termsAcceptance: 'seal', termsVersion: '2024-06' }, admin);
    expect(opened.terms).toMatchObject({ method: 'seal', version: '2024-06' });
    // A customer clicks; only staff record a seal.
    const own = auth(opened.apiKey.token);
    const clicked = await eventually(async () => {
      const response = await call('POST', `${url}/v1/accounts/${opened.accountId}/terms-acceptances`, { method: 'click' }, own);
      return response.status === 401 ? undefined : response;
    }, 'the new key to be known');
    expect([clicked.status, clicked.body.method]).toEqual([201, 'click']);
    expect((await call('POST', `${url}/v1/accounts/${opened.accountId}/terms-acceptances`, { method: 'seal' }, own)).body.code).toBe('FORBIDDEN');
  });

  it('names the batch and the messages in the ledger entries that reserved and captured them', async () => {
    const ledger = await expectStatus(200, 'GET', `${url}/v1/accounts/${run.accountId}/ledger`, undefined, customer);
    const types = ledger.entries.map((e: { type: string }) => e.type);
    expect(types).toEqual(expect.arrayContaining(['DEPOSIT', 'RESERVE', 'CAPTURE']));
    const reserve = ledger.entries.find((e: { type: string }) => e.type === 'RESERVE');
    expect(reserve).toMatchObject({ batchIds: [run.batchId], entryId: expect.any(String) });
    expect([...reserve.messageIds].sort()).toEqual([...run.messageIds].sort());
    const captured = ledger.entries.filter((e: { type: string }) => e.type === 'CAPTURE').flatMap((e: { messageIds: string[] }) => e.messageIds);
    expect(captured.sort()).toEqual([...run.messageIds].sort());
  });

  it('caps a service credit by what the affected messages were charged, less earlier credits (terms §8.5)', async () => {
    const before = await account();
    const charged = money('100.00') - money(before.balance);
    const credit = (amount: string, reference: string) =>
      call('POST', `${url}/v1/accounts/${run.accountId}/service-credits`, { messageIds: run.messageIds, amount, reason: 'carrier outage', reference }, admin);
    // The charges read model follows the ledger: wait until it knows the captures.
    const over = await credit(formatMoney(charged + 1n), 'credit-over');
    expect([over.status, over.body.code]).toEqual([422, 'CREDIT_EXCEEDS_CHARGES']);
    const first = await eventually(async () => {
      const response = await credit(formatMoney(charged - 1n), 'credit-1');
      return response.status === 201 ? response : undefined;
    }, 'the charges of the messages to be known');
    expect(first.body.amount).toBe(formatMoney(charged - 1n));
    expect(first.body.account.balance).toBe(formatMoney(money(before.balance) + charged - 1n));
    expect((await credit(formatMoney(charged - 1n), 'credit-1')).status).toBe(200);
    expect((await credit('0.0002', 'credit-2')).body.code).toBe('CREDIT_EXCEEDS_CHARGES');
    expect((await credit('0.0001', 'credit-3')).status).toBe(201);
  });

  it('freezes the account for arrears from the moment its balance is below zero, and a top-up lifts it (terms §7.3.3)', async () => {
    const balance = money((await account()).balance);
    const debit = await expectStatus(201, 'POST', `${url}/v1/accounts/${run.accountId}/adjustments`, { amount: formatMoney(-(balance + 10_000n)), reason: 'February statement correction', reference: 'stmt-feb' }, admin);
    expect(debit.account).toMatchObject({ status: 'FROZEN', statusReason: 'ARREARS', balance: '-1.0000' });
    // Dispatch hears of it and refuses the account's sends with the code of its status.
    await eventually(async () => ((await send()).body.code === 'ACCOUNT_FROZEN' ? true : undefined), 'dispatch to refuse sends ACCOUNT_FROZEN');
    const ledger = await expectStatus(200, 'GET', `${url}/v1/accounts/${run.accountId}/ledger?limit=1000`, undefined, admin);
    expect(ledger.entries.at(-1)).toMatchObject({ type: 'ADJUSTMENT', amount: formatMoney(-(balance + 10_000n)), reference: 'stmt-feb', balanceAfter: '-1.0000' });

    await expectStatus(201, 'POST', `${url}/v1/accounts/${run.accountId}/deposits`, { amount: '0.5000', reference: 'top-up-short' }, admin);
    expect((await account()).status).toBe('FROZEN');
    await expectStatus(201, 'POST', `${url}/v1/accounts/${run.accountId}/deposits`, { amount: '50.0000', reference: 'top-up' }, admin);
    expect(await account()).toMatchObject({ status: 'ACTIVE', balance: '49.5000' });
    await eventually(async () => ((await send()).status === 202 ? true : undefined), 'dispatch to accept sends again');
  });

  it('keeps a low-balance threshold the customer sets (terms §7.2)', async () => {
    const set = await expectStatus(200, 'PUT', `${url}/v1/accounts/${run.accountId}/alerts`, { lowBalance: '1000.00' }, customer);
    expect(set.lowBalanceThreshold).toBe('1000.0000');
    // Available is far below it: the customer is told once, by a notification record (and an e-mail when SMTP is set).
    const notices = await eventually(async () => {
      const page = await expectStatus(200, 'GET', `${url}/v1/accounts/${run.accountId}/notifications`, undefined, customer);
      const low = page.items.filter((n: { kind: string }) => n.kind === 'LOW_BALANCE');
      return low.length > 0 ? low : undefined;
    }, 'a LOW_BALANCE notification');
    expect(notices).toHaveLength(1);
    expect(notices[0].email.status).toBe('SKIPPED');
    expect((await call('PUT', `${url}/v1/accounts/${run.accountId}/alerts`, { lowBalance: '-1' }, customer)).body.code).toBe('INVALID_AMOUNT');
    expect((await expectStatus(200, 'PUT', `${url}/v1/accounts/${run.accountId}/alerts`, { lowBalance: null }, customer)).lowBalanceThreshold).toBeUndefined();
  });

  it('adjusts over gRPC with the same rules', async () => {
    const client = grpcClient(`127.0.0.1:${grpcPort}`, 'account.proto', 'sms.account.v1', 'AccountService');
    const adjusted = await unary<any>(client, 'AdjustFunds', { accountId: run.accountId, amount: '1.0000', reason: 'goodwill', reference: 'grpc-goodwill' }, E2E_ADMIN_TOKEN);
    expect(adjusted).toMatchObject({ reference: 'grpc-goodwill', amount: '1.0000', created: true });
    await expect(unary(client, 'AdjustFunds', { accountId: run.accountId, amount: '2.0000', reason: 'goodwill', reference: 'grpc-goodwill' }, E2E_ADMIN_TOKEN)).rejects.toThrow(/IDEMPOTENCY_KEY_REUSED/);
    client.close();
  });

  it('terminates by notice: sending stops, in-flight settles, the unconsumed balance is refunded and the account is TERMINATED (terms §7.3.5)', async () => {
    const accepted = await expectStatus(202, 'POST', `${url}/v1/accounts/${run.accountId}/termination`, { reason: 'contract ends', basis: 'notice' }, admin);
    expect(['TERMINATING', 'TERMINATED']).toContain(accepted.status);
    const terminated = await eventually(async () => {
      const a = await account();
      return a.status === 'TERMINATED' ? a : undefined;
    }, 'the account to be TERMINATED');
    expect(terminated).toMatchObject({ balance: '0.0000', reserved: '0.0000', termination: { basis: 'notice', reason: 'contract ends' } });
    const ledger = await expectStatus(200, 'GET', `${url}/v1/accounts/${run.accountId}/ledger?limit=1000`, undefined, admin);
    const refund = ledger.entries.find((e: { type: string }) => e.type === 'REFUND');
    expect(refund).toMatchObject({ balanceAfter: '0.0000' });
    expect(terminated.termination.refunded).toBe(formatMoney(-money(refund.amount)));
    expect((await call('POST', `${url}/v1/accounts/${run.accountId}/deposits`, { amount: '1.00', reference: 'after-end' }, admin)).body.code).toBe('ACCOUNT_TERMINATED');
    await eventually(async () => ((await send()).body.code === 'ACCOUNT_TERMINATED' ? true : undefined), 'dispatch to refuse sends ACCOUNT_TERMINATED');
  });
});
