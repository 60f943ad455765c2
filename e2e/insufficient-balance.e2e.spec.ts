import { formatMoney, parseMoney } from '@sms/contracts';
import { grpcClient, unary } from './support/grpc';
import { auth, call, E2E_ADMIN_TOKEN, expectStatus, type JsonResponse } from './support/http';
import { eventually, freePort, type RunningProcess, startProcess, tempDir } from './support/processes';
import { openAccountWithSignature, priceOf } from './support/scenario';

const admin = auth(E2E_ADMIN_TOKEN);

interface SendAnswer {
  batchId: string;
  messages: Array<{ messageId: string; phoneNumber: string; segments: number; status: string }>;
  rejected: Array<{ phoneNumber: string; code: string; detail: string }>;
}

/**
 * ADR 0027 black-box on the embedded profile (DOMAIN §4 Arrears, §7.2/§7.3.3): an account funded for 3 segments sends
 * to 5 recipients → the send response itself accepts 3 and refuses 2 with INSUFFICIENT_BALANCE; the 3 are delivered
 * and billed, the balance never goes below zero; a deposit then lets the next send through — on gRPC, with the same
 * per-recipient refusal.
 */
describe('INSUFFICIENT_BALANCE in the send response (embedded profile)', () => {
  const dataDir = tempDir('insufficient-balance');
  let platform: RunningProcess & { match: RegExpMatchArray };
  let url: string;
  let grpcPort: number;
  let accountId: string;
  let customerToken: string;
  let customer: Record<string, string>;
  let signatureId: string;
  let templateId: string;
  let price: bigint;
  const balances: Array<{ balance: string; available: string }> = [];
  const sentIds: string[] = [];
  let watching = true;
  let watcher: Promise<void> | undefined;

  const account = () => expectStatus<{ balance: string; available: string; reserved: string }>(200, 'GET', `${url}/v1/accounts/${accountId}`, undefined, customer);
  const deposit = (amount: bigint, reference: string) => expectStatus(201, 'POST', `${url}/v1/accounts/${accountId}/deposits`, { amount: formatMoney(amount), reference }, admin);
  const send = (phoneNumbers: string[]): Promise<JsonResponse<SendAnswer & { code?: string }>> =>
    call('POST', `${url}/v1/messages`, { signatureId, templateId, params: { order: 'SO-1' }, phoneNumbers }, customer);
  const delivered = (messageId: string) =>
    eventually(async () => {
      const message = await expectStatus(200, 'GET', `${url}/v1/messages/${messageId}`, undefined, customer);
      if (['BLOCKED', 'REJECTED', 'FAILED', 'UNDELIVERED', 'CANCELLED'].includes(message.status)) throw new Error(`message ended ${JSON.stringify(message)}`);
      return message.status === 'DELIVERED' ? message : undefined;
    }, `message ${messageId} to be DELIVERED`);
  const settledAt = (balance: string) =>
    eventually(async () => {
      const a = await account();
      return a.balance === balance && a.reserved === '0.0000' ? a : undefined;
    }, `balance ${balance} with nothing reserved`);

  beforeAll(async () => {
    grpcPort = await freePort();
    platform = await startProcess(
      'apps/platform/src/main.js',
      { PORT: '0', GRPC_PORT: String(grpcPort), SMPP_PORT: '0', SIMULATOR_HTTP_PORT: String(await freePort()), DATA_DIR: dataDir, HOST: '127.0.0.1', ADMIN_API_KEY: E2E_ADMIN_TOKEN },
      /REST API\s+(http:\/\/\S+)\/v1/,
    );
    url = platform.match[1];
    const opened = await openAccountWithSignature(url, admin, { name: 'Thrifty Ltd', contactEmail: 'ops@thrifty.example' }, { kind: 'business-licence', reference: 'BL-91330100' });
    ({ accountId, customerToken, customer, signatureId } = opened);
    price = await priceOf(url, 'notification', 'CN');

    // Rendered with 【阿里云】 this is one UCS-2 segment.
    const template = await expectStatus(201, 'POST', `${url}/v1/templates`, { name: 'shipped', kind: 'notification', content: '您的订单${order}已发货。' }, customer);
    templateId = template.templateId;
    await expectStatus(200, 'POST', `${url}/v1/templates/${templateId}/decision`, { approve: true }, admin);

    // A first deposit far below one segment: once dispatch's view holds it (and the catalogue), a send is refused in
    // the answer (402). Until then a probe is accepted and refused by the reservation — either way no money moves.
    await deposit(1n, 'wire-probe');
    await eventually(async () => {
      const probe = await send(['13900139000']);
      if (probe.status >= 500) throw new Error(JSON.stringify(probe.body));
      return probe.status === 402 && probe.body.code === 'INSUFFICIENT_BALANCE' ? true : undefined;
    }, 'dispatch to see the balance and the prices');
    // Funded for exactly 3 segments.
    await deposit(3n * price - 1n, 'wire-0001');

    // Watches the account for the rest of the suite: the last test reads what it saw.
    watcher = (async () => {
      while (watching) {
        const a = await account().catch(() => undefined);
        if (a) balances.push({ balance: a.balance, available: a.available });
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
  }, 120_000);

  afterAll(async () => {
    watching = false;
    await watcher;
    platform?.stop();
  });

  it('accepts the 3 recipients the balance covers and refuses the other 2 with INSUFFICIENT_BALANCE; the 3 are delivered and billed', async () => {
    const recipients = ['13900139001', '13900139002', '13900139003', '13900139004', '13900139005'];
    // Until dispatch sees the second deposit its view holds 0.0001: every recipient refused (402), nothing sent.
    const sent = await eventually(async () => {
      const response = await send(recipients);
      return response.status === 402 ? undefined : response;
    }, 'dispatch to see the deposit');
    expect(sent.status).toBe(202);
    expect(sent.body.messages.map((m) => [m.phoneNumber, m.status])).toEqual([
      ['+8613900139001', 'ACCEPTED'],
      ['+8613900139002', 'ACCEPTED'],
      ['+8613900139003', 'ACCEPTED'],
    ]);
    expect(sent.body.rejected).toEqual([
      { phoneNumber: '13900139004', code: 'INSUFFICIENT_BALANCE', detail: expect.any(String) },
      { phoneNumber: '13900139005', code: 'INSUFFICIENT_BALANCE', detail: expect.any(String) },
    ]);
    // Sent at once after it: what was just accepted is held against the balance dispatch saw — nothing is left.
    expect(await send(['13900139006'])).toMatchObject({ status: 402, body: { code: 'INSUFFICIENT_BALANCE' } });

    for (const m of sent.body.messages) expect(await delivered(m.messageId)).toMatchObject({ segments: 1, price: formatMoney(price) });
    sentIds.push(...sent.body.messages.map((m) => m.messageId));
    // Billed: exactly the 3 segments, nothing left reserved; the refused recipients were never messages.
    await settledAt(formatMoney(0n));
    const listed = await expectStatus(200, 'GET', `${url}/v1/messages?batchId=${sent.body.batchId}`, undefined, customer);
    expect(listed.items).toHaveLength(3);
  }, 60_000);

  it('lets the next send through once a deposit covers it — on gRPC, refusing per recipient what the deposit does not cover', async () => {
    await deposit(2n * price, 'wire-0002');
    const client = grpcClient(`127.0.0.1:${grpcPort}`, 'dispatch.proto', 'sms.dispatch.v1', 'DispatchService');
    try {
      const request = { signatureId, templateId, params: { order: 'SO-2' }, phoneNumbers: ['13900139011', '13900139012', '13900139013'] };
      // Until dispatch sees the deposit: FAILED_PRECONDITION (INSUFFICIENT_BALANCE as a whole), nothing sent.
      const sent = await eventually(
        () =>
          unary<SendAnswer>(client, 'SendMessages', request, customerToken).then(
            (answer) => answer,
            (error: { code: number; details: string }) => {
              if (error.code === 9 && /^INSUFFICIENT_BALANCE: /.test(error.details)) return undefined;
              throw error;
            },
          ),
        'dispatch to see the deposit',
      );
      expect(sent.messages.map((m) => [m.phoneNumber, m.status])).toEqual([
        ['+8613900139011', 'ACCEPTED'],
        ['+8613900139012', 'ACCEPTED'],
      ]);
      expect(sent.rejected).toEqual([{ phoneNumber: '13900139013', code: 'INSUFFICIENT_BALANCE', detail: expect.any(String) }]);
      for (const m of sent.messages) await delivered(m.messageId);
      sentIds.push(...sent.messages.map((m) => m.messageId));
      await settledAt(formatMoney(0n));
    } finally {
      client.close();
    }
  }, 60_000);

  it('never let the balance or the available balance go below zero, and billed exactly the delivered messages', async () => {
    const ledger = await expectStatus<{ entries: Array<{ type: string; amount: string; balanceAfter: string; reservedAfter: string; messageIds?: string[] }> }>(
      200,
      'GET',
      `${url}/v1/accounts/${accountId}/ledger?limit=1000`,
      undefined,
      customer,
    );
    const minor = (amount: string) => parseMoney(amount) as bigint;
    // Every ledger event's running totals: the exact history, not a sample of it.
    const below = ledger.entries.filter((e) => minor(e.balanceAfter) < 0n || minor(e.balanceAfter) - minor(e.reservedAfter) < 0n);
    expect(below).toEqual([]);
    const captures = ledger.entries.filter((e) => e.type === 'CAPTURE');
    expect(captures.flatMap((e) => e.messageIds ?? []).sort()).toEqual([...sentIds].sort());
    expect(captures.reduce((sum, e) => sum + minor(e.amount), 0n)).toBe(-5n * price);
    // And as a customer polling the account saw it throughout.
    expect(balances.length).toBeGreaterThan(0);
    expect(balances.filter((b) => b.balance.startsWith('-') || b.available.startsWith('-'))).toEqual([]);
  });
});
