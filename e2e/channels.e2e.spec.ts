import { grpcClient, unary } from './support/grpc';
import { auth, call, expectStatus } from './support/http';
import { eventually, freePort, RunningProcess, startProcess, tempDir } from './support/processes';
import { runWalkingSkeleton, SkeletonRun } from './support/scenario';

const SMPP_ONLY = { CMPP_ENABLED: 'false', DISPATCH_ROUTES: '*=smpp-default' };

/**
 * Routing, failover and maintenance in the embedded profile (ADR 0018), black-box: the carrier adapter hosts two
 * channels — the default one and `smpp-backup`, declared with CARRIER_CHANNELS — both bound to the bundled simulator.
 * An operator manages them with /v1/channels; a customer's messages go to whichever is open, wait when none is, and wait
 * out a maintenance window, which refuses new sends with 503.
 */
describe('channels and maintenance (embedded profile)', () => {
  const dataDir = tempDir('channels');
  let platform: RunningProcess & { match: RegExpMatchArray };
  let url: string;
  let grpcPort: number;
  let run: SkeletonRun;
  let adminToken: string;
  const admin = () => auth(adminToken);
  const customer = () => auth(run.customerToken);
  let sent = 0;

  const channel = async (channelId: string) => (await expectStatus(200, 'GET', `${url}/v1/channels`, undefined, admin())).items.find((c: { channelId: string }) => c.channelId === channelId);
  /** Sends the skeleton's template to a fresh China Mobile number; answers the message id. */
  const send = async (): Promise<string> => {
    const body = await expectStatus(202, 'POST', `${url}/v1/messages`, { ...run.request, outId: `channels-${++sent}`, phoneNumbers: [`1390013${String(sent).padStart(4, '0')}`] }, customer());
    return body.messages[0].messageId;
  };
  const message = (id: string) => expectStatus(200, 'GET', `${url}/v1/messages/${id}`, undefined, customer());
  const delivered = (id: string) => eventually(async () => ((await message(id)).status === 'DELIVERED' ? message(id) : undefined), `message ${id} delivered`, 30_000, 200);

  beforeAll(async () => {
    grpcPort = await freePort();
    const smppPort = await freePort();
    platform = await startProcess(
      'apps/platform/src/main.js',
      {
        PORT: '0',
        GRPC_PORT: String(grpcPort),
        SMPP_PORT: String(smppPort),
        DATA_DIR: dataDir,
        HOST: '127.0.0.1',
        // A second channel on the same simulator, under a system id of its own (its receipts come back on its own binds).
        CARRIER_CHANNELS: JSON.stringify([{ id: 'smpp-backup', host: '127.0.0.1', port: smppPort, systemId: 'backup', password: 'secret' }]),
        CHANNEL_HEALTH_INTERVAL_MS: '500',
        // SMPP channels only: China Mobile's default CMPP channel would take these sends (ADR 0042).
        ...SMPP_ONLY,
      },
      /REST API\s+(http:\/\/\S+)\/v1/,
    );
    url = platform.match[1];
    adminToken = (platform.output().match(/admin key\s+(adm_\S+)\s+\(generated now/) as RegExpMatchArray)[1];
    run = await runWalkingSkeleton({ accounts: url, review: url, dispatch: url }, adminToken);
  }, 120_000);
  afterAll(() => platform?.stop());

  it('starts with the default channel serving everything, UP with its health as the carrier adapter reports it', async () => {
    const seeded = await eventually(async () => {
      const c = await channel('smpp-default');
      return c?.state === 'UP' ? c : undefined;
    }, 'smpp-default UP', 15_000);
    expect(seeded).toMatchObject({ operators: ['CMCC', 'CUCC', 'CTCC', 'CBN', 'INTERNATIONAL', 'UNKNOWN'], countries: ['*'], enabled: true, paused: false });
    expect(seeded.health).toMatchObject({ state: 'UP', sessions: 1, sessionsBound: 1, windowSize: 100, reportedAt: expect.any(String) });
    // Every message of the skeleton went out on it.
    expect((await message(run.messageIds[0])).channel).toBe('smpp-default');
    // Channels are an operator's business.
    expect((await call('GET', `${url}/v1/channels`, undefined, customer())).status).toBe(403);
  });

  it('adds the second channel with PUT; refuses bad attributes', async () => {
    const body = { protocol: 'smpp', operators: ['CMCC', 'CUCC', 'CTCC', 'CBN', 'INTERNATIONAL', 'UNKNOWN'], countries: ['*'], kinds: ['verification', 'notification', 'marketing', 'international'], priority: 0, tps: 0, enabled: true };
    expect(await expectStatus(200, 'PUT', `${url}/v1/channels/smpp-backup`, body, admin())).toMatchObject({ channelId: 'smpp-backup', paused: false });
    await eventually(async () => ((await channel('smpp-backup'))?.state === 'UP' ? true : undefined), 'smpp-backup UP', 15_000);
    const bad = await call('PUT', `${url}/v1/channels/smpp-backup`, { ...body, kinds: [] }, admin());
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect((await call('POST', `${url}/v1/channels/no-such-channel/pause`, {}, admin())).body).toMatchObject({ status: 404, code: 'CHANNEL_NOT_FOUND' });
  });

  it('pauses the default channel: GET shows it paused, and messages are delivered through the other', async () => {
    const paused = await expectStatus(200, 'POST', `${url}/v1/channels/smpp-default/pause`, { reason: 'e2e: operator trunk work' }, admin());
    expect(paused).toMatchObject({ paused: true, state: 'PAUSED', pausedReason: 'e2e: operator trunk work' });
    expect(await channel('smpp-default')).toMatchObject({ paused: true, state: 'PAUSED' });
    const id = await send();
    expect(await delivered(id)).toMatchObject({ status: 'DELIVERED', channel: 'smpp-backup' });
  }, 60_000);

  it('with every channel paused, messages wait; resuming one delivers them through it', async () => {
    await expectStatus(200, 'POST', `${url}/v1/channels/smpp-backup/pause`, {}, admin());
    const ids = [await send(), await send()];
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    for (const id of ids) expect(await message(id)).toMatchObject({ status: 'QUEUED' });

    await expectStatus(200, 'POST', `${url}/v1/channels/smpp-default/resume`, undefined, admin());
    for (const id of ids) expect(await delivered(id)).toMatchObject({ channel: 'smpp-default' });
    await expectStatus(200, 'POST', `${url}/v1/channels/smpp-backup/resume`, undefined, admin());
    expect(await channel('smpp-backup')).toMatchObject({ paused: false });
  }, 60_000);

  it('in maintenance refuses sends with 503 and Retry-After on REST and gRPC; what was accepted before waits and is delivered after', async () => {
    // Accepted before the window, held (both channels paused) so that the window finds them still queued.
    await expectStatus(200, 'POST', `${url}/v1/channels/smpp-default/pause`, {}, admin());
    await expectStatus(200, 'POST', `${url}/v1/channels/smpp-backup/pause`, {}, admin());
    const waiting = [await send(), await send()];
    // Long enough that the steps below fit inside it on a loaded two-core machine (they take 4–6 s there).
    const until = new Date(Date.now() + 20_000).toISOString();
    expect(await expectStatus(200, 'PUT', `${url}/v1/maintenance`, { active: true, until, reason: 'e2e upgrade' }, admin())).toMatchObject({ active: true, until });
    await expectStatus(200, 'POST', `${url}/v1/channels/smpp-default/resume`, undefined, admin());
    await expectStatus(200, 'POST', `${url}/v1/channels/smpp-backup/resume`, undefined, admin());

    const refused = await fetch(`${url}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...customer() }, body: JSON.stringify({ ...run.request, phoneNumbers: ['13900139999'] }) });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(20);
    expect(await refused.json()).toMatchObject({ status: 503, code: 'MAINTENANCE' });
    const client = grpcClient(`127.0.0.1:${grpcPort}`, 'dispatch.proto', 'sms.dispatch.v1', 'DispatchService');
    const grpcRequest = { accountId: run.accountId, signatureId: run.request.signatureId, templateId: run.request.templateId, params: { order: 'G-M' }, phoneNumbers: ['13900139998'] };
    await expect(unary(client, 'SendMessages', grpcRequest, run.customerToken)).rejects.toMatchObject({ code: 14, details: expect.stringMatching(/^MAINTENANCE: /) });
    client.close();
    expect(await expectStatus(200, 'GET', `${url}/v1/maintenance`, undefined, customer())).toMatchObject({ active: true, until, reason: 'e2e upgrade' });

    // Both channels are open, yet nothing is submitted during the window.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    for (const id of waiting) expect(await message(id)).toMatchObject({ status: 'QUEUED' });

    // The window ends by itself at `until`: what waited goes out, and sends are accepted again.
    for (const id of waiting) await delivered(id);
    expect((await expectStatus(200, 'GET', `${url}/v1/maintenance`, undefined, admin())).active).toBe(false);
    await delivered(await send());
  }, 90_000);

  it('keeps its channels and their pauses across a restart', async () => {
    await expectStatus(200, 'POST', `${url}/v1/channels/smpp-backup/pause`, {}, admin());
    await platform.stop();
    platform = await startProcess(
      'apps/platform/src/main.js',
      {
        PORT: '0',
        GRPC_PORT: String(grpcPort),
        SMPP_PORT: String(await freePort()),
        DATA_DIR: dataDir,
        HOST: '127.0.0.1',
        ...SMPP_ONLY,
      },
      /REST API\s+(http:\/\/\S+)\/v1/,
    );
    url = platform.match[1];
    const items = (await expectStatus(200, 'GET', `${url}/v1/channels`, undefined, admin())).items;
    expect(items.map((c: { channelId: string; paused: boolean }) => [c.channelId, c.paused])).toEqual([
      ['smpp-backup', true],
      ['smpp-default', false],
    ]);
    // smpp-backup is not hosted any more (no CARRIER_CHANNELS): it is paused anyway, so messages go to the default.
    expect(await delivered(await send())).toMatchObject({ channel: 'smpp-default' });
  }, 90_000);
});
