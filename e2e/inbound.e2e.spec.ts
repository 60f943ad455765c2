import { grpcClient, unary } from './support/grpc';
import { auth, call, E2E_ADMIN_TOKEN, expectStatus } from './support/http';
import { eventually, freePort, RunningProcess, startProcess, tempDir } from './support/processes';
import { runWalkingSkeleton, SkeletonRun } from './support/scenario';

/** The embedded platform's service number (the carrier adapter's SMPP_SOURCE_ADDR and dispatch's INBOUND_SERVICE_NUMBERS). */
const SERVICE_NUMBER = '10690000';

/**
 * Replies and lists, black-box on the embedded profile (ADR 0021): a reply addressed to the service number followed by
 * a signature's extension code reaches that signature's account — even when another account wrote to the number more
 * recently — and opts the number out there; a reply to the bare service number goes to the last sender. The message
 * list finds a number in any notation the send API takes, and filters by batch and outId.
 */
describe('inbound routing by extension code, and the message list filters (embedded profile)', () => {
  let platform: RunningProcess & { match: RegExpMatchArray };
  let url: string;
  let grpcPort: number;
  let simulatorHttp: number;
  /** Account A: the walking skeleton, which wrote to 13800138000 first. */
  let a: SkeletonRun;
  /** Account B: wrote to the same number after A. */
  let b: { accountId: string; token: string; signatureId: string; batchId: string; messageId: string };
  const admin = auth(E2E_ADMIN_TOKEN);
  const number = '+8613800138000';

  beforeAll(async () => {
    grpcPort = await freePort();
    simulatorHttp = await freePort();
    platform = await startProcess(
      'apps/platform/src/main.js',
      {
        PORT: '0',
        GRPC_PORT: String(grpcPort),
        SMPP_PORT: '0',
        DATA_DIR: tempDir('inbound'),
        HOST: '127.0.0.1',
        SIMULATOR_HTTP_PORT: String(simulatorHttp),
        ADMIN_API_KEY: E2E_ADMIN_TOKEN,
      },
      /REST API\s+(http:\/\/\S+)\/v1/,
    );
    url = platform.match[1];
  }, 60_000);

  afterAll(() => platform?.stop());

  it('gives each approved signature its own extension code, shown with its messages', async () => {
    a = await runWalkingSkeleton({ accounts: url, review: url, dispatch: url }, E2E_ADMIN_TOKEN);

    const opened = await expectStatus(201, 'POST', `${url}/v1/accounts`, { name: 'Beta Ltd', contactEmail: 'ops@beta.example' }, admin);
    const token: string = opened.apiKey.token;
    const customer = auth(token);
    await expectStatus(201, 'POST', `${url}/v1/accounts/${opened.accountId}/deposits`, { amount: '10.00', reference: 'wire-b' }, admin);
    const signature = await expectStatus(201, 'POST', `${url}/v1/signatures`, { name: '贝塔科技', purpose: 'company', documents: [{ kind: 'business-licence', reference: 'BL-2' }] }, customer);
    const template = await expectStatus(201, 'POST', `${url}/v1/templates`, { name: 'pickup', kind: 'notification', content: '您的包裹${code}已到，请取件。' }, customer);
    await expectStatus(200, 'POST', `${url}/v1/signatures/${signature.signatureId}/decision`, { approve: true }, admin);
    await expectStatus(200, 'POST', `${url}/v1/templates/${template.templateId}/decision`, { approve: true }, admin);
    // B writes to the number A wrote to, later — in another notation.
    const sent = await eventually(async () => {
      const response = await call('POST', `${url}/v1/messages`, { signatureId: signature.signatureId, templateId: template.templateId, params: { code: '2026' }, phoneNumbers: ['+86 138-0013-8000'], outId: 'order-42' }, customer);
      if (response.status >= 500) throw new Error(JSON.stringify(response.body));
      return response.status === 202 ? response.body : undefined;
    }, 'dispatch to accept B’s send');
    b = { accountId: opened.accountId, token, signatureId: signature.signatureId, batchId: sent.batchId, messageId: sent.messages[0].messageId };
    await eventually(async () => {
      const message = await expectStatus(200, 'GET', `${url}/v1/messages/${b.messageId}`, undefined, customer);
      return message.status === 'DELIVERED' ? message : undefined;
    }, 'B’s message to be DELIVERED');

    const ofA = await expectStatus(200, 'GET', `${url}/v1/messages/${a.messageIds[0]}`, undefined, auth(a.customerToken));
    const ofB = await expectStatus(200, 'GET', `${url}/v1/messages/${b.messageId}`, undefined, customer);
    expect(ofA.sourceExtension).toMatch(/^[1-9]\d{3,5}$/);
    expect(ofB.sourceExtension).toMatch(/^[1-9]\d{3,5}$/);
    expect(ofA.sourceExtension).not.toBe(ofB.sourceExtension);
    // Every message of a signature carries the same code; staff see it too.
    const listed = await expectStatus(200, 'GET', `${url}/v1/messages?accountId=${a.accountId}`, undefined, admin);
    expect(new Set(listed.items.map((m: { sourceExtension: string }) => m.sourceExtension))).toEqual(new Set([ofA.sourceExtension]));
  }, 90_000);

  it("routes a reply to A's extension code to A, as an opt-out, though B wrote to the number since; a reply to the bare service number goes to B", async () => {
    const ofA = await expectStatus(200, 'GET', `${url}/v1/messages/${a.messageIds[0]}`, undefined, auth(a.customerToken));
    await expectStatus(202, 'POST', `http://127.0.0.1:${simulatorHttp}/mo`, { from: number, to: `${SERVICE_NUMBER}${ofA.sourceExtension}`, text: 'ＴＤ' });
    const toA = await eventually(async () => {
      const page = await expectStatus(200, 'GET', `${url}/v1/inbound-messages`, undefined, auth(a.customerToken));
      return page.items.length > 0 ? page.items : undefined;
    }, 'the reply in A’s GET /v1/inbound-messages');
    expect(toA).toEqual([expect.objectContaining({ accountId: a.accountId, signatureId: a.request.signatureId, phoneNumber: number, content: 'ＴＤ', optOut: true })]);

    await expectStatus(202, 'POST', `http://127.0.0.1:${simulatorHttp}/mo`, { from: number, to: SERVICE_NUMBER, text: '收到，谢谢' });
    const toB = await eventually(async () => {
      const page = await expectStatus(200, 'GET', `${url}/v1/inbound-messages`, undefined, auth(b.token));
      return page.items.length > 0 ? page.items : undefined;
    }, 'the reply in B’s GET /v1/inbound-messages');
    expect(toB).toEqual([expect.objectContaining({ accountId: b.accountId, signatureId: b.signatureId, phoneNumber: number, content: '收到，谢谢', optOut: false })]);
    // A got only the reply to its code.
    expect((await expectStatus(200, 'GET', `${url}/v1/inbound-messages`, undefined, auth(a.customerToken))).items).toHaveLength(1);

    // The opt-out is A's: A lists it, B does not.
    expect((await expectStatus(200, 'GET', `${url}/v1/opt-outs`, undefined, auth(a.customerToken))).items).toEqual([
      expect.objectContaining({ phoneNumber: number, signatureId: a.request.signatureId }),
    ]);
    expect((await expectStatus(200, 'GET', `${url}/v1/opt-outs`, undefined, auth(b.token))).items).toEqual([]);
  }, 60_000);

  it("brings a China Mobile phone's long reply in over CMPP, reassembled, to the signature whose extension code it answers", async () => {
    // B's message went to this China Mobile number over cmpp-default (ADR 0042); the reply comes back the same way.
    const ofB = await expectStatus(200, 'GET', `${url}/v1/messages/${b.messageId}`, undefined, auth(b.token));
    expect(ofB.channel).toBe('cmpp-default');
    const text = '收到，谢谢提醒。我明天上午十点以后在家，请快递员到了以后先打电话给我，如果没有人接听就放在小区门口的快递柜里，取件码发到这个号码就可以了，辛苦了。';
    expect(text.length).toBeGreaterThan(70); // two UCS-2 parts with TP_udhi
    await expectStatus(202, 'POST', `http://127.0.0.1:${simulatorHttp}/mo`, { protocol: 'cmpp', from: number, to: `${SERVICE_NUMBER}${ofB.sourceExtension}`, text });
    const toB = await eventually(async () => {
      const page = await expectStatus(200, 'GET', `${url}/v1/inbound-messages`, undefined, auth(b.token));
      const reply = page.items.find((item: { content: string }) => item.content === text);
      return reply;
    }, 'the CMPP reply in B’s GET /v1/inbound-messages');
    expect(toB).toMatchObject({ accountId: b.accountId, signatureId: b.signatureId, phoneNumber: number, optOut: false });
  }, 60_000);

  it('lists messages by a number in any notation the send API takes, by batchId and by outId; a number that is none is a 400', async () => {
    const customer = auth(a.customerToken);
    const ids = async (query: string, headers = customer) =>
      (await expectStatus(200, 'GET', `${url}/v1/messages?${query}`, undefined, headers)).items.map((m: { messageId: string }) => m.messageId);
    const first = a.messageIds[0];
    // Oldest first; one batch's messages share their time, so they come by message id.
    const ofA = [...a.messageIds].sort();
    expect(await ids('phoneNumber=13800138000')).toEqual([first]);
    expect(await ids(`phoneNumber=${encodeURIComponent('+86 138-0013-8000')}`)).toEqual([first]);
    expect(await ids(`phoneNumber=${encodeURIComponent('0086 138 0013 8000')}`)).toEqual([first]);
    // An unencoded + arrives as a space: still the same number.
    expect(await ids('phoneNumber=+8613800138000')).toEqual([first]);
    expect(await ids(`phoneNumber=${encodeURIComponent('+86 189 1234 5678')}`)).toEqual([a.messageIds[2]]);
    // B's message to the same number is B's alone.
    expect(await ids('phoneNumber=13800138000', auth(b.token))).toEqual([b.messageId]);

    expect(await ids(`batchId=${a.batchId}`)).toEqual(ofA);
    expect(await ids(`batchId=${b.batchId}`)).toEqual([]);
    expect(await ids(`batchId=${a.batchId}&phoneNumber=13012345678`)).toEqual([a.messageIds[1]]);
    // Both accounts used outId order-42: each sees its own.
    expect(await ids('outId=order-42')).toEqual(ofA);
    expect(await ids('outId=order-42', auth(b.token))).toEqual([b.messageId]);
    expect(await ids(`outId=order-42&accountId=${b.accountId}`, admin)).toEqual([b.messageId]);
    expect(await ids('outId=order-42&limit=2')).toEqual(ofA.slice(0, 2));
    expect(await ids('outId=nope')).toEqual([]);

    for (const query of ['phoneNumber=abc', 'phoneNumber=12345', `phoneNumber=${encodeURIComponent('010-12345678')}`, `batchId=${'x'.repeat(65)}`]) {
      const bad = await call('GET', `${url}/v1/messages?${query}`, undefined, customer);
      expect(bad.status).toBe(400);
      expect(bad.contentType).toContain('application/problem+json');
      expect(bad.body.code).toBe('VALIDATION_FAILED');
    }
  });

  it('mirrors the filters and the extension code over gRPC', async () => {
    const client = grpcClient(`127.0.0.1:${grpcPort}`, 'dispatch.proto', 'sms.dispatch.v1', 'DispatchService');
    const ids = async (request: object) => (await unary<any>(client, 'ListMessages', request, a.customerToken)).items.map((m: { messageId: string }) => m.messageId);
    expect(await ids({ phoneNumber: '138 0013 8000' })).toEqual([a.messageIds[0]]);
    const ofA = [...a.messageIds].sort();
    expect(await ids({ batchId: a.batchId })).toEqual(ofA);
    expect(await ids({ outId: 'order-42', limit: 1 })).toEqual([ofA[0]]);
    expect(await ids({ batchId: b.batchId })).toEqual([]);
    await expect(unary(client, 'ListMessages', { phoneNumber: 'abc' }, a.customerToken)).rejects.toMatchObject({ code: 3 });
    const message = await unary<any>(client, 'GetMessage', { messageId: a.messageIds[0] }, a.customerToken);
    expect(message.sourceExtension).toMatch(/^[1-9]\d{3,5}$/);
    client.close();
  });
});
