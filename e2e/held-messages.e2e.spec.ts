import { formatMoney } from '@sms/contracts';
import { auth, call, E2E_ADMIN_TOKEN, expectStatus } from './support/http';
import { eventually, freePort, type RunningProcess, startProcess, tempDir } from './support/processes';
import { openAccountWithSignature, priceOf } from './support/scenario';

const admin = auth(E2E_ADMIN_TOKEN);

/**
 * ADR 0036 on the embedded profile (DOMAIN §3: REVIEW holds a message for a human): a message screening holds shows
 * HELD; released by a reviewer it is reserved, sent, DELIVERED and captured; blocked it ends BLOCKED and never
 * reaches the ledger. The REVIEW text comes from a free-text parameter, which the template's reviewer never saw.
 */
describe('held messages: review queue, release and block (embedded profile)', () => {
  const dataDir = tempDir('held-messages');
  let platform: RunningProcess & { match: RegExpMatchArray };
  let url: string;
  let accountId: string;
  let customer: Record<string, string>;
  let signatureId: string;
  let templateId: string;

  const send = (note: string, phoneNumber: string) => call('POST', `${url}/v1/messages`, { signatureId, templateId, params: { order: 'SO-1', note }, phoneNumbers: [phoneNumber] }, customer);
  const message = (messageId: string) => expectStatus(200, 'GET', `${url}/v1/messages/${messageId}`, undefined, customer);
  const statusOf = (messageId: string, status: string) =>
    eventually(async () => ((await message(messageId)).status === status ? true : undefined), `message ${messageId} to be ${status}`);
  const ledgerEntries = async () =>
    (await expectStatus<{ entries: Array<{ type: string; messageIds?: string[] }> }>(200, 'GET', `${url}/v1/accounts/${accountId}/ledger?limit=1000`, undefined, admin)).entries;
  const heldInQueue = (messageId: string) =>
    eventually(async () => {
      const queue = await expectStatus<{ items: Array<{ id: string; text: string; category: string }> }>(200, 'GET', `${url}/v1/review-queue?type=message&limit=500`, undefined, admin);
      return queue.items.find((i) => i.id === messageId);
    }, `message ${messageId} in the review queue`);
  const sendHeld = async (phoneNumber: string): Promise<string> => {
    const sent = await eventually(async () => {
      const response = await send('详情请加微信咨询', phoneNumber);
      return response.status === 202 ? response.body : undefined;
    }, 'a send to be accepted');
    return sent.messages[0].messageId as string;
  };

  beforeAll(async () => {
    platform = await startProcess(
      'apps/platform/src/main.js',
      { PORT: '0', GRPC_PORT: String(await freePort()), SMPP_PORT: '0', SIMULATOR_HTTP_PORT: String(await freePort()), DATA_DIR: dataDir, HOST: '127.0.0.1', ADMIN_API_KEY: E2E_ADMIN_TOKEN },
      /REST API\s+(http:\/\/\S+)\/v1/,
    );
    url = platform.match[1];
    ({ accountId, customer, signatureId } = await openAccountWithSignature(url, admin, { name: 'Held Ltd', contactEmail: 'ops@held.example' }, { kind: 'trademark-certificate', reference: 'TM-36' }));
    const template = await expectStatus(201, 'POST', `${url}/v1/templates`, { name: 'notice', kind: 'notification', content: '您的订单${order}已发货。${note}' }, customer);
    templateId = template.templateId;
    await expectStatus(200, 'POST', `${url}/v1/templates/${templateId}/decision`, { approve: true }, admin);
    await expectStatus(201, 'POST', `${url}/v1/accounts/${accountId}/deposits`, { amount: formatMoney(100n * (await priceOf(url, 'notification', 'CN'))), reference: 'wire-1' }, admin);
  }, 120_000);

  afterAll(() => {
    platform?.stop();
  });

  it('a held message is HELD and in the queue with its text; released, it is DELIVERED and reserved and captured', async () => {
    const messageId = await sendHeld('13900139036');
    await statusOf(messageId, 'HELD');
    expect(await heldInQueue(messageId)).toMatchObject({ category: 'fraud', text: expect.stringContaining('详情请加微信咨询') });
    expect((await ledgerEntries()).some((e) => e.messageIds?.includes(messageId))).toBe(false);

    expect(await expectStatus(200, 'POST', `${url}/v1/messages/${messageId}/review-decision`, { release: true }, admin)).toMatchObject({ messageId, released: true });
    await statusOf(messageId, 'DELIVERED');
    await eventually(async () => {
      const types = (await ledgerEntries()).filter((e) => e.messageIds?.includes(messageId)).map((e) => e.type);
      return types.includes('RESERVE') && types.includes('CAPTURE') ? true : undefined;
    }, 'the release to be reserved and captured');
    const again = await call('POST', `${url}/v1/messages/${messageId}/review-decision`, { release: false }, admin);
    expect([again.status, again.body.code]).toEqual([409, 'ALREADY_DECIDED']);
  });

  it('a blocked held message ends BLOCKED and never reaches the ledger', async () => {
    const messageId = await sendHeld('13900139037');
    await statusOf(messageId, 'HELD');
    await heldInQueue(messageId);
    expect(await expectStatus(200, 'POST', `${url}/v1/messages/${messageId}/review-decision`, { release: false, reason: 'contact lure' }, admin)).toMatchObject({ messageId, released: false });
    await statusOf(messageId, 'BLOCKED');
    // A later release of another message settles first: then nothing of the blocked one can still be on its way.
    const later = await sendHeld('13900139038');
    await heldInQueue(later);
    await expectStatus(200, 'POST', `${url}/v1/messages/${later}/review-decision`, { release: true }, admin);
    await statusOf(later, 'DELIVERED');
    expect((await ledgerEntries()).some((e) => e.messageIds?.includes(messageId))).toBe(false);
    expect((await message(messageId)).status).toBe('BLOCKED');
  });

  it('a customer key cannot decide (403)', async () => {
    const refused = await call('POST', `${url}/v1/messages/any/review-decision`, { release: true }, customer);
    expect(refused.status).toBe(403);
  });
});
