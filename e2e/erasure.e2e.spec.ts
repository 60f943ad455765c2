import { DataKeyRing, masterKeyProvider, SqliteDataKeyStore } from '@sms/data-protection';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { ndjson, untar } from './support/archive';
import { notations, scan } from './support/at-rest';
import { auth, call, E2E_ADMIN_TOKEN, expectStatus } from './support/http';
import { eventually, freePort, type RunningProcess, startProcess, tempDir } from './support/processes';
import { RECIPIENTS, runWalkingSkeleton, type SkeletonRun } from './support/scenario';

/** Epochs of 2 s and a platform retention of 8 s, checked every second: retention happens while the test watches. */
const EPOCH_SECONDS = 2;
const RETENTION_SECONDS = 8;
const MO_TEXT = '收到了，谢谢 ref-ER-5K2P';
const RENDERED = ['【阿里云】尊敬的客户', '订单SO20261123已经', 'SO20261123'];
const admin = auth(E2E_ADMIN_TOKEN);

/** The `$sealed` values of a stream's events, read straight from the event store file. */
function sealedIn(dataDir: string, stream: string): string[] {
  const db = new DatabaseSync(join(dataDir, 'event-store.db'), { readOnly: true });
  try {
    const rows = db.prepare('SELECT data FROM events WHERE stream = ? ORDER BY revision').all(stream) as Array<{ data: string }>;
    return rows.map((row) => (JSON.parse(row.data) as { $sealed?: string }).$sealed).filter((value): value is string => typeof value === 'string');
  } finally {
    db.close();
  }
}

/** What someone holding DATA_DIR (master.key included) can open: a key ring of their own on its keyring.db. */
async function openWithTheDisk<T>(dataDir: string, use: (ring: DataKeyRing) => T): Promise<T> {
  const kek = await masterKeyProvider({ dataDir }).load();
  const store = new SqliteDataKeyStore(join(dataDir, 'keyring.db'));
  try {
    return use(new DataKeyRing(kek, store, { epochMs: EPOCH_SECONDS * 1000 }));
  } finally {
    store.close();
  }
}

/** What keyring.db holds of an owner: its lifetime key (null once destroyed), its epoch keys, its floor. */
function keyRows(dataDir: string, owner: string): { lifetime: Array<{ wrapped: string | null }>; epochs: number[]; floor?: number } {
  const db = new DatabaseSync(join(dataDir, 'keyring.db'), { readOnly: true });
  try {
    return {
      lifetime: db.prepare('SELECT wrapped FROM data_keys WHERE owner = ?').all(owner) as Array<{ wrapped: string | null }>,
      epochs: (db.prepare('SELECT epoch FROM epoch_keys WHERE owner = ? ORDER BY epoch').all(owner) as Array<{ epoch: number }>).map((r) => r.epoch),
      floor: (db.prepare('SELECT floor FROM epoch_floors WHERE owner = ?').get(owner) as { floor: number } | undefined)?.floor,
    };
  } finally {
    db.close();
  }
}

async function exportOf(url: string, accountId: string): Promise<Map<string, string>> {
  const response = await fetch(`${url}/v1/accounts/${accountId}/export`, { headers: admin });
  expect(response.status).toBe(200);
  return untar(Buffer.from(await response.arrayBuffer()));
}

/**
 * ADR 0017, black-box on the embedded profile: (a) an operator erases a suspended account on request — its data keys
 * are destroyed everywhere, no read shows a number or a text, nothing under DATA_DIR opens any more (not even with
 * master.key), across a restart, while the balance and the ledger stay to the last digit; (b) retention, with epochs
 * of seconds, destroys an account's older messages and replies while newer ones stay readable and opt-outs stay listed.
 */
describe('erasure by crypto-shredding (embedded profile)', () => {
  const dataDir = tempDir('erasure');
  let platform: RunningProcess & { match: RegExpMatchArray };
  let url: string;
  let simulatorHttp: number;
  let onRequest: SkeletonRun;
  const env = () => ({
    PORT: '0',
    GRPC_PORT: '0',
    SMPP_PORT: '0',
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    ADMIN_API_KEY: E2E_ADMIN_TOKEN,
    SIMULATOR_HTTP_PORT: String(simulatorHttp),
    DATA_KEY_EPOCH_SECONDS: String(EPOCH_SECONDS),
    RETENTION_SECONDS: String(RETENTION_SECONDS),
    RETENTION_CHECK_INTERVAL_SECONDS: '1',
  });
  const start = async () => {
    platform = await startProcess('apps/platform/src/main.js', env(), /REST API\s+(http:\/\/\S+)\/v1/);
    url = platform.match[1];
  };
  const reply = (from: string, text: string) => expectStatus(202, 'POST', `http://127.0.0.1:${simulatorHttp}/mo`, { from, to: '10690000', text });
  const inboundOf = async (accountId: string) => (await expectStatus(200, 'GET', `${url}/v1/inbound-messages?accountId=${accountId}`, undefined, admin)).items;
  const money = async (accountId: string) => {
    const { balance, reserved, available } = await expectStatus(200, 'GET', `${url}/v1/accounts/${accountId}`, undefined, admin);
    const ledger = await expectStatus(200, 'GET', `${url}/v1/accounts/${accountId}/ledger?limit=1000`, undefined, admin);
    return { balance, reserved, available, ledger: ledger.entries };
  };

  beforeAll(async () => {
    simulatorHttp = await freePort();
    await start();
  }, 60_000);
  afterAll(() => platform?.stop());

  it('(a) on request: keys destroyed everywhere, reads without a number or a text, the disk unreadable even with master.key, money untouched', async () => {
    // The account keeps its data ten years: the platform's retention of seconds must not be what erases it.
    onRequest = await runWalkingSkeleton({ accounts: url, review: url, dispatch: url }, E2E_ADMIN_TOKEN, {
      onOpened: async (accountId) => {
        const set = await expectStatus(200, 'PUT', `${url}/v1/accounts/${accountId}/retention`, { days: 3650, reason: 'contract ER-1' }, admin);
        expect([set.retentionDays, set.retentionSource]).toEqual([3650, 'account']);
      },
    });
    const { accountId, batchId, messageIds, phoneNumbers } = onRequest;
    await reply(phoneNumbers[1], MO_TEXT);
    await reply(phoneNumbers[2], 'TD');
    await eventually(async () => ((await inboundOf(accountId)).length === 2 ? true : undefined), 'both replies routed to the account');
    const before = await money(accountId);

    // Before: whoever holds DATA_DIR with master.key opens the batch's numbers and the contact e-mail.
    const batchSealed = sealedIn(dataDir, `dispatch-batch-${batchId}`);
    const profileSealed = sealedIn(dataDir, `account-${accountId}`);
    expect(batchSealed.length).toBeGreaterThan(0);
    expect(batchSealed[0]).toMatch(/^pd2\.\d+\./);
    expect(profileSealed).toEqual([expect.stringMatching(/^pd1\./)]);
    await openWithTheDisk(dataDir, (ring) => {
      expect(ring.open(accountId, batchSealed[0])).toContain('+8613800138000');
      expect(ring.open(accountId, profileSealed[0])).toContain('ops@acme.example');
    });

    // Only a suspended account is erased: nothing of it may be mid-send.
    const refused = await call('POST', `${url}/v1/accounts/${accountId}/erasure`, { reason: 'Customer request ER-2026-0042' }, admin);
    expect([refused.status, refused.body.code]).toEqual([409, 'ACCOUNT_NOT_SUSPENDED']);
    await expectStatus(200, 'POST', `${url}/v1/accounts/${accountId}/suspension`, { reason: 'customer closes the account' }, admin);
    const erased = await expectStatus(200, 'POST', `${url}/v1/accounts/${accountId}/erasure`, { reason: 'Customer request ER-2026-0042' }, admin);
    expect(erased).toMatchObject({ status: 'SUSPENDED', statusReason: 'ERASED: Customer request ER-2026-0042', erasedAt: expect.any(String) });

    // Every process purges its rows: the messages and replies are gone, and their numbers with them.
    for (const messageId of messageIds) {
      await eventually(async () => ((await call('GET', `${url}/v1/messages/${messageId}`, undefined, admin)).status === 404 ? true : undefined), `message ${messageId} purged`);
    }
    expect((await expectStatus(200, 'GET', `${url}/v1/messages?accountId=${accountId}`, undefined, admin)).items).toEqual([]);
    await eventually(async () => ((await inboundOf(accountId)).length === 0 ? true : undefined), 'the replies purged');
    const files = await exportOf(url, accountId);
    expect(ndjson(files, 'account')).toEqual([expect.objectContaining({ accountId, contactEmail: '[destroyed]', balance: before.balance })]);
    for (const section of ['messages', 'inbound', 'opt-outs']) expect([section, ndjson(files, section)]).toEqual([section, []]);
    const archive = [...files.values()].join('\n');
    for (const needle of [...phoneNumbers, ...RENDERED, MO_TEXT, 'ops@acme.example']) expect(archive).not.toContain(needle);

    // The money is where it was, to the last entry; the account stays suspended for good.
    expect(await money(accountId)).toEqual(before);
    const lift = await call('DELETE', `${url}/v1/accounts/${accountId}/suspension`, { reason: 'changed my mind' }, admin);
    expect([lift.status, lift.body.code]).toEqual([409, 'ACCOUNT_ERASED']);
    const send = await call('POST', `${url}/v1/messages`, { ...onRequest.request, phoneNumbers: [RECIPIENTS[0]] }, { ...auth(onRequest.customerToken), 'Idempotency-Key': 'after-erasure' });
    expect(send.status).toBeGreaterThanOrEqual(400);
    expect(send.status).toBeLessThan(500);

    // The key ring holds a tombstone and no epoch key of the account; with the disk and master.key nothing opens.
    expect(keyRows(dataDir, accountId)).toEqual({ lifetime: [{ wrapped: null }], epochs: [], floor: Number.MAX_SAFE_INTEGER });
    await openWithTheDisk(dataDir, (ring) => {
      for (const sealed of [...batchSealed, ...profileSealed]) expect(ring.open(accountId, sealed)).toBeUndefined();
    });
    const needles = [...new Set([...RECIPIENTS, ...phoneNumbers].flatMap(notations)), ...RENDERED, MO_TEXT, 'ops@acme.example'];
    expect(scan(dataDir, needles)).toEqual([]);
  }, 60_000);

  it('(b) retention: older messages and replies go, a newer message stays readable, opt-outs stay listed', async () => {
    const run = await runWalkingSkeleton({ accounts: url, review: url, dispatch: url }, E2E_ADMIN_TOKEN);
    const { accountId, messageIds, phoneNumbers } = run;
    expect(await expectStatus(200, 'GET', `${url}/v1/accounts/${accountId}`, undefined, admin)).toMatchObject({ retentionDays: RETENTION_SECONDS / 86_400, retentionSource: 'platform' });
    await reply(phoneNumbers[2], '退订');
    await eventually(async () => ((await inboundOf(accountId)).length === 1 ? true : undefined), 'the opt-out routed to the account');
    const before = await money(accountId);

    // Its retention of 8 s passes: the epochs its messages were sealed in are destroyed, the rows purged.
    for (const messageId of messageIds) {
      await eventually(
        async () => ((await call('GET', `${url}/v1/messages/${messageId}`, undefined, admin)).status === 404 ? true : undefined),
        `message ${messageId} purged by retention`,
        25_000,
        250,
      );
    }
    const account = await expectStatus(200, 'GET', `${url}/v1/accounts/${accountId}`, undefined, admin);
    expect(account).toMatchObject({ status: 'ACTIVE', dataErasedBefore: expect.any(String) });
    expect(account).not.toHaveProperty('erasedAt');
    await eventually(async () => ((await inboundOf(accountId)).length === 0 ? true : undefined), 'the reply purged by retention');
    expect(await money(accountId)).toEqual(before);

    // A message sent after the cutoff is readable, its number and text too.
    const later = await expectStatus(202, 'POST', `${url}/v1/messages`, { ...run.request, phoneNumbers: [RECIPIENTS[0]] }, { ...auth(run.customerToken), 'Idempotency-Key': 'after-retention' });
    const laterId: string = later.messages[0].messageId;
    const delivered = await eventually(async () => {
      const message = await expectStatus(200, 'GET', `${url}/v1/messages/${laterId}`, undefined, admin);
      return message.status === 'DELIVERED' ? message : undefined;
    }, 'the later message delivered');
    expect(delivered.phoneNumber).toBe('+8613800138000');
    const files = await exportOf(url, accountId);
    expect(ndjson(files, 'messages')).toEqual([expect.objectContaining({ messageId: laterId, phoneNumber: '+8613800138000', content: expect.stringContaining('SO20261123') })]);
    expect(ndjson(files, 'inbound')).toEqual([]);
    // The opt-out outlives the reply it came from: honouring it is a legal duty.
    expect(ndjson(files, 'opt-outs')).toEqual([expect.objectContaining({ phoneNumber: phoneNumbers[2], optedOutAt: expect.any(String) })]);
    expect(ndjson(files, 'account')).toEqual([expect.objectContaining({ contactEmail: 'ops@acme.example' })]);

    // The key ring: the lifetime key stays, the old epochs are gone and below the floor.
    const keys = keyRows(dataDir, accountId);
    expect(keys.lifetime).toEqual([{ wrapped: expect.any(String) }]);
    expect(keys.floor).toBeGreaterThan(0);
    expect(keys.epochs.every((epoch) => epoch >= (keys.floor as number))).toBe(true);
  }, 60_000);

  it('after a restart, the erased account still reads nothing and the retained data stays gone', async () => {
    await platform.stop();
    await start();
    const { accountId, messageIds, batchId } = onRequest;
    expect((await call('GET', `${url}/v1/messages/${messageIds[0]}`, undefined, admin)).status).toBe(404);
    const files = await exportOf(url, accountId);
    expect(ndjson(files, 'account')).toEqual([expect.objectContaining({ contactEmail: '[destroyed]', status: 'SUSPENDED' })]);
    await openWithTheDisk(dataDir, (ring) => {
      for (const sealed of [...sealedIn(dataDir, `dispatch-batch-${batchId}`), ...sealedIn(dataDir, `account-${accountId}`)]) expect(ring.open(accountId, sealed)).toBeUndefined();
    });
  }, 60_000);
});
