import { ALL_TOPICS } from '@sms/contracts';
import { type KafkaMock, startKafkaMock } from '@sms/testing';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { startTablePlatform } from './support/fixture';
import { auth, call, E2E_ADMIN_TOKEN, expectStatus } from './support/http';
import { eventually, freePort } from './support/processes';
import { type PerAppProfile, type SimulatorProcess, startPerAppProfile, startSimulator } from './support/profiles';
import { type Endpoints, runWalkingSkeleton, type SkeletonRun } from './support/scenario';

const SECRET = 'e2e-webhook-secret-0123456789';

interface Posted {
  headers: IncomingHttpHeaders;
  body: string;
  event: any;
}

/** The customer's endpoint: a plain node:http server on loopback that keeps every POST and answers 204. */
async function customerEndpoint(): Promise<{ server: Server; url: string; posted: Posted[] }> {
  const posted: Posted[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      posted.push({ headers: request.headers, body, event: JSON.parse(body) });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}/hooks/sms`, posted };
}

/** What a customer's receiver does, written here from CONTRACTS.md rather than taken from the platform's code. */
function signedBySecret(post: Posted): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', SECRET).update(Buffer.from(post.body, 'utf8')).digest('hex')}`);
  const given = Buffer.from(String(post.headers['x-sms-signature'] ?? ''));
  return expected.length === given.length && timingSafeEqual(expected, given);
}

interface Profile {
  urls: Endpoints;
  /** The simulator's side door (POST /mo). */
  simulatorControl: string;
  stop(): Promise<void>;
}

/**
 * CONTRACTS.md webhooks, black-box, in both profiles: the operator sets the account's webhook to a local endpoint as
 * soon as the account is opened (WEBHOOK_ALLOW_PRIVATE defaults to true in the embedded profile and is set for the
 * per-app processes); the walking skeleton's three DELIVERED receipts and a reply from a phone arrive there as
 * structured-mode CloudEvents signed with the secret.
 */
describe.each([
  [
    'embedded profile',
    async (): Promise<Profile> => {
      const simulatorPort = await freePort();
      const { platform, url } = await startTablePlatform('webhooks', { SIMULATOR_HTTP_PORT: String(simulatorPort) });
      return { urls: { accounts: url, review: url, dispatch: url }, simulatorControl: `http://127.0.0.1:${simulatorPort}`, stop: () => platform.stop() };
    },
  ],
  [
    'kafka profile (one process per app)',
    async (): Promise<Profile> => {
      const kafka: KafkaMock = await startKafkaMock({ topics: ALL_TOPICS, partitions: 4 });
      const simulator: SimulatorProcess = await startSimulator();
      let profile: PerAppProfile | undefined;
      try {
        profile = await startPerAppProfile(kafka.bootstrap, simulator, { WEBHOOK_ALLOW_PRIVATE: 'true' });
      } catch (error) {
        await simulator.stop();
        await kafka.stop();
        throw error;
      }
      const started = profile;
      return {
        urls: started.urls,
        simulatorControl: simulator.control,
        stop: async () => {
          await started.stop();
          await simulator.stop();
          await kafka.stop();
        },
      };
    },
  ],
])('webhooks: %s', (_name, start) => {
  let profile: Profile;
  let endpoint: Awaited<ReturnType<typeof customerEndpoint>>;
  let run: SkeletonRun;
  const admin = auth(E2E_ADMIN_TOKEN);

  beforeAll(async () => {
    endpoint = await customerEndpoint();
    profile = await start();
  }, 120_000);

  afterAll(async () => {
    await profile?.stop();
    await new Promise((resolve) => endpoint?.server.close(resolve));
  });

  it("POSTs each DELIVERED receipt to the account's endpoint, as a CloudEvent signed with its secret", async () => {
    run = await runWalkingSkeleton(profile.urls, E2E_ADMIN_TOKEN, {
      // Dispatch hears of the new account from an event: until then the account is unknown to it (404).
      onOpened: async (accountId) => {
        await eventually(async () => {
          const response = await call('PUT', `${profile.urls.dispatch}/v1/accounts/${accountId}/webhook`, { url: endpoint.url, secret: SECRET }, admin);
          if (response.status === 200) return response.body;
          if (response.status !== 404) throw new Error(JSON.stringify(response.body));
          return undefined;
        }, 'dispatch to take the webhook');
      },
    });

    const receipts = await eventually(() => {
      const mine = endpoint.posted.filter((p) => p.event.type === 'sms.delivery-report.v1' && p.event.data.accountId === run.accountId);
      return mine.length >= 3 ? mine : undefined;
    }, 'three receipts at the endpoint');
    expect(receipts).toHaveLength(3);
    expect(receipts.map((r) => r.event.data.messageId).sort()).toEqual([...run.messageIds].sort());
    for (const receipt of receipts) {
      expect(signedBySecret(receipt)).toBe(true);
      expect(receipt.headers['content-type']).toMatch(/^application\/cloudevents\+json/);
      expect(receipt.headers['x-sms-event-id']).toBe(receipt.event.id);
      expect(receipt.event).toMatchObject({
        specversion: '1.0',
        type: 'sms.delivery-report.v1',
        source: '/sms/dispatch',
        datacontenttype: 'application/json',
        data: { accountId: run.accountId, batchId: run.batchId, status: 'DELIVERED', outId: 'order-42', segments: 2 },
      });
      expect(run.phoneNumbers).toContain(receipt.event.data.phoneNumber);
    }
    // Deduplicated on our side: one POST per receipt.
    expect(new Set(receipts.map((r) => r.event.id)).size).toBe(3);
  }, 120_000);

  it('POSTs a reply from a phone too', async () => {
    await expectStatus(202, 'POST', `${profile.simulatorControl}/mo`, { from: run.phoneNumbers[0], to: '10690000', text: '退订' });
    const [reply] = await eventually(() => {
      const mine = endpoint.posted.filter((p) => p.event.type === 'sms.inbound-message.v1' && p.event.data.accountId === run.accountId);
      return mine.length > 0 ? mine : undefined;
    }, 'the reply at the endpoint');
    expect(signedBySecret(reply)).toBe(true);
    expect(reply.event.data).toMatchObject({ phoneNumber: run.phoneNumbers[0], content: '退订', optOut: true });
  }, 60_000);

  it('shows the customer its webhook without the secret, and removes it', async () => {
    const customer = auth(run.customerToken);
    const path = `${profile.urls.dispatch}/v1/accounts/${run.accountId}/webhook`;
    const shown = await expectStatus(200, 'GET', path, undefined, customer);
    expect(shown).toEqual({ accountId: run.accountId, url: endpoint.url, updatedAt: expect.any(String) });
    expect(JSON.stringify(shown)).not.toContain(SECRET);
    await expectStatus(204, 'DELETE', path, undefined, customer);
    expect((await call('GET', path, undefined, customer)).body.code).toBe('WEBHOOK_NOT_FOUND');
  });
});
