import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { filesUnder, notations, scan } from './support/at-rest';
import { auth, E2E_ADMIN_TOKEN, expectStatus } from './support/http';
import { eventually, freePort, type RunningProcess, startProcess, tempDir } from './support/processes';
import { RECIPIENTS, runWalkingSkeleton, type SkeletonRun } from './support/scenario';

/** A reply from a phone that is not an opt-out, distinctive enough to be found anywhere it lands. */
const MO_TEXT = '收到了，谢谢 ref-MO-7Q3X';
const CONTACT_EMAIL = 'ops@acme.example';
/** What only the rendered text holds: the template (the customer's own, kept in clear) with the signature and the parameter. */
const RENDERED = ['【阿里云】尊敬的客户', '订单SO20261123已经', 'SO20261123'];

/**
 * ADR 0016: after a full run of the embedded profile — an account with a contact e-mail, a send to three numbers
 * delivered, a reply from one of them — no file under DATA_DIR holds a test number (in any notation), the rendered
 * text, the reply or the e-mail in clear.
 */
describe('personal data at rest (embedded profile)', () => {
  const dataDir = tempDir('at-rest');
  let platform: RunningProcess & { match: RegExpMatchArray };
  let run: SkeletonRun;
  let needles: string[];
  const admin = auth(E2E_ADMIN_TOKEN);

  beforeAll(async () => {
    const simulatorHttp = await freePort();
    platform = await startProcess(
      'apps/platform/src/main.js',
      {
        PORT: '0',
        GRPC_PORT: '0',
        SMPP_PORT: '0',
        DATA_DIR: dataDir,
        HOST: '127.0.0.1',
        SIMULATOR_HTTP_PORT: String(simulatorHttp),
        ADMIN_API_KEY: E2E_ADMIN_TOKEN,
      },
      /REST API\s+(http:\/\/\S+)\/v1/,
    );
    const url = platform.match[1];
    run = await runWalkingSkeleton({ accounts: url, review: url, dispatch: url }, E2E_ADMIN_TOKEN);
    const customer = auth(run.customerToken);

    // A reply from the second recipient, routed to the account that wrote to it.
    await expectStatus(202, 'POST', `http://127.0.0.1:${simulatorHttp}/mo`, { from: run.phoneNumbers[1], to: '10690000', text: MO_TEXT });
    const replies = await eventually(async () => {
      const page = await expectStatus(200, 'GET', `${url}/v1/inbound-messages`, undefined, customer);
      return page.items.length > 0 ? page.items : undefined;
    }, 'the reply in GET /v1/inbound-messages');
    expect(replies).toEqual([expect.objectContaining({ phoneNumber: run.phoneNumbers[1], content: MO_TEXT, accountId: run.accountId })]);

    // Lookups by number go through the blind index, in any notation; what comes back is opened for the caller.
    const byNumber = await expectStatus(200, 'GET', `${url}/v1/messages?accountId=${run.accountId}&phoneNumber=${encodeURIComponent(RECIPIENTS[0])}`, undefined, customer);
    expect(byNumber.items).toEqual([expect.objectContaining({ messageId: run.messageIds[0], phoneNumber: '+8613800138000', status: 'DELIVERED' })]);
    expect(await expectStatus(200, 'GET', `${url}/v1/messages/${run.messageIds[2]}`, undefined, customer)).toMatchObject({ phoneNumber: run.phoneNumbers[2] });
    const ledger = await expectStatus(200, 'GET', `${url}/v1/accounts/${run.accountId}/ledger`, undefined, admin);
    expect(ledger.entries.length).toBeGreaterThan(0);

    // A key's secret never reaches the disk, and neither does its verifier (it signs requests, ADR 0015).
    const secret = run.customerToken.split('.')[1];
    const verifier = createHash('sha256').update(secret).digest('hex');
    needles = [...new Set([...RECIPIENTS, ...run.phoneNumbers].flatMap(notations)), ...RENDERED, MO_TEXT, CONTACT_EMAIL, secret, verifier];
  }, 120_000);

  afterAll(() => platform?.stop());

  it('holds no number, rendered text, reply, contact e-mail or key secret or verifier in any file while it runs (write-ahead logs included)', () => {
    expect(scan(dataDir, needles)).toEqual([]);
  });

  it('holds none of them once stopped, in every file under DATA_DIR', async () => {
    await platform.stop();
    const files = filesUnder(dataDir).map((file) => relative(dataDir, file));
    // The scan reads what the platform wrote: the key ring, the event store and the read models are there.
    expect(files).toEqual(expect.arrayContaining(['master.key', 'keyring.db', 'event-store.db', 'dispatch.db', 'dispatch-inbound.db', 'carrier-adapter.db']));
    expect(statSync(join(dataDir, 'master.key')).mode & 0o777).toBe(0o600);
    expect(scan(dataDir, [run.accountId, run.batchId, ...run.messageIds])).not.toEqual([]);
    // What stays in clear by design is found, so a miss above is not the scan's: ids, and the customer's own template.
    expect(scan(dataDir, ['尊敬的客户，您的订单${order}'])).not.toEqual([]);
    expect(scan(dataDir, needles)).toEqual([]);
    expect(existsSync(dataDir)).toBe(true);
  });
});
