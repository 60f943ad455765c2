import { grpcClient, unary } from './support/grpc';
import { auth, call, E2E_ADMIN_TOKEN, expectStatus } from './support/http';
import { eventually } from './support/processes';
import { startTablePlatform, type TablePlatform } from './support/fixture';
import { runWalkingSkeleton, type SkeletonRun } from './support/scenario';

const admin = auth(E2E_ADMIN_TOKEN);

/**
 * Scheduled sends, cancellation and stop transmission, black-box on the embedded profile: a batch scheduled a few
 * seconds ahead is SCHEDULED, then goes out and is billed; one scheduled far ahead is cancelled by the customer (REST
 * and gRPC) and never billed; suspending the account cancels what still waits within a second, and refuses new sends.
 */
describe('scheduled sends, cancellation and stop transmission (embedded profile)', () => {
  let platform: TablePlatform;
  let url: string;
  let run: SkeletonRun;
  let customer: Record<string, string>;

  beforeAll(async () => {
    platform = await startTablePlatform('scheduling');
    url = platform.url;
    run = await runWalkingSkeleton({ accounts: url, review: url, dispatch: url }, E2E_ADMIN_TOKEN);
    customer = auth(run.customerToken);
  }, 120_000);
  afterAll(async () => platform?.platform.stop());

  const send = (phoneNumbers: string[], scheduledAt?: string) =>
    expectStatus(202, 'POST', `${url}/v1/messages`, { ...run.request, phoneNumbers, ...(scheduledAt ? { scheduledAt } : {}) }, customer);
  const message = (id: string) => expectStatus(200, 'GET', `${url}/v1/messages/${id}`, undefined, customer);
  const account = () => expectStatus(200, 'GET', `${url}/v1/accounts/${run.accountId}`, undefined, customer);

  it('holds a scheduled batch until its time, then sends and bills it like any other', async () => {
    const at = new Date(Date.now() + 3_000).toISOString();
    const sent = await send(['13800138101'], at);
    expect(sent.messages).toEqual([expect.objectContaining({ status: 'SCHEDULED', segments: 2 })]);
    const id = sent.messages[0].messageId;
    expect(await message(id)).toMatchObject({ status: 'SCHEDULED', scheduledAt: at });
    const before = await account();
    expect(before).toMatchObject({ balance: run.expectedBalance, reserved: '0.0000' });

    const delivered = await eventually(async () => {
      const m = await message(id);
      return m.status === 'DELIVERED' ? m : undefined;
    }, 'the scheduled message to be delivered', 20_000);
    expect(Date.parse(delivered.submittedAt)).toBeGreaterThanOrEqual(Date.parse(at));
    // The message shows its price, and that is what the account paid for it.
    const after = await eventually(async () => {
      const a = await account();
      return a.balance !== before.balance && a.reserved === '0.0000' ? a : undefined;
    }, 'the scheduled message to be billed');
    expect(delivered.price).toMatch(/^\d+\.\d{4}$/);
    expect(Number(before.balance) - Number(after.balance)).toBeCloseTo(Number(delivered.price), 4);
  }, 60_000);

  it('cancels a scheduled message for its customer, never bills it, and refuses what cannot be cancelled', async () => {
    const before = await account();
    const sent = await send(['13800138102', '13800138103'], new Date(Date.now() + 3_600_000).toISOString());
    const [first, second] = sent.messages.map((m: { messageId: string }) => m.messageId);

    const cancelled = await expectStatus(200, 'DELETE', `${url}/v1/messages/${first}`, undefined, customer);
    expect(cancelled).toMatchObject({ messageId: first, status: 'CANCELLED', error: { code: 'CANCELLED' } });
    const again = await call('DELETE', `${url}/v1/messages/${first}`, undefined, customer);
    expect([again.status, again.body.code]).toEqual([409, 'MESSAGE_NOT_CANCELLABLE']);
    const delivered = await call('DELETE', `${url}/v1/messages/${run.messageIds[0]}`, undefined, customer);
    expect([delivered.status, delivered.body.code]).toEqual([409, 'MESSAGE_NOT_CANCELLABLE']);
    expect((await message(second)).status).toBe('SCHEDULED');

    // gRPC CancelMessage: the same handler.
    const client = grpcClient(`127.0.0.1:${platform.grpcPort}`, 'dispatch.proto', 'sms.dispatch.v1', 'DispatchService');
    try {
      const reply = await unary<any>(client, 'CancelMessage', { messageId: second }, run.customerToken);
      expect(reply).toMatchObject({ messageId: second, status: 'CANCELLED' });
    } finally {
      client.close();
    }
    expect(await account()).toMatchObject({ balance: before.balance, reserved: '0.0000' });
  }, 60_000);

  it('stops transmission when the account is suspended: what waits is cancelled within a second, new sends are refused', async () => {
    const before = await account();
    const sent = await send(['13800138104', '13800138105'], new Date(Date.now() + 3_600_000).toISOString());
    const ids: string[] = sent.messages.map((m: { messageId: string }) => m.messageId);

    const suspendedAt = Date.now();
    await expectStatus(200, 'POST', `${url}/v1/accounts/${run.accountId}/suspension`, { reason: 'complaint under investigation' }, admin);
    for (const id of ids) {
      const m = await eventually(async () => {
        const current = await message(id);
        return current.status === 'CANCELLED' ? current : undefined;
      }, `message ${id} to be cancelled`, 5_000, 20);
      expect(m.error).toMatchObject({ code: 'ACCOUNT_SUSPENDED' });
    }
    // Measured from the operator's answer to our seeing it, polling every 20 ms.
    expect(Date.now() - suspendedAt).toBeLessThan(1_000);

    const refused = await call('POST', `${url}/v1/messages`, { ...run.request, phoneNumbers: ['13800138106'] }, customer);
    expect([refused.status, refused.body.code]).toEqual([403, 'ACCOUNT_SUSPENDED']);
    expect(await account()).toMatchObject({ balance: before.balance, reserved: '0.0000' });

    await expectStatus(200, 'DELETE', `${url}/v1/accounts/${run.accountId}/suspension`, { reason: 'resolved' }, admin);
    // Lifted: sending works again, and what was cancelled stays cancelled.
    await eventually(async () => ((await call('POST', `${url}/v1/messages`, { ...run.request, phoneNumbers: ['13800138107'] }, customer)).status === 202 ? true : undefined), 'sending to resume');
    expect((await message(ids[0])).status).toBe('CANCELLED');
  }, 60_000);
});
