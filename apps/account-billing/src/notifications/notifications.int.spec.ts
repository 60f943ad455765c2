import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { protoFile } from '@sms/contracts';
import { type DataKeyRing, ephemeralDataProtection } from '@sms/data-protection';
import { SqliteEventStore } from '@sms/event-store';
import { type Clock, deterministicId, openSqlite } from '@sms/service-kit';
import { callJson, startServiceUnderTest } from '@sms/testing';
import { SqliteReadModelDatabase } from '@sms/use-case-kit';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { SMTPServer } from 'smtp-server';
import { catalogueEventCodec, protectedAccountBillingCodecs } from '../account-billing.codec';
import { AccountBillingModule } from '../account-billing.module';
import { type AccountCommands, accountCommands } from '../ledger/application/command-handlers';
import { ACCOUNT_COMMANDS } from '../ledger/application/tokens';
import type { AccountCommand } from '../ledger/domain/account.commands';
import { decide } from '../ledger/domain/account.decider';
import { accountStream } from '../ledger/domain/account.events';
import { PRICE_CATALOGUE_STREAM } from '../pricing/domain/price-catalogue';
import type { Mailer } from './application/mailer';
import { DeliverEmailsHandler, NO_SMTP } from './deliver-emails/handler';
import { notificationStream } from './domain/notification.events';
import { NodemailerMailer, NoMailer } from './infrastructure/nodemailer-mailer';
import { NOTIFICATIONS_CHECKPOINT, NOTIFIER_CHECKPOINT, NotificationPipelines } from './infrastructure/notification-pipelines';
import { SqliteNotificationStore } from './infrastructure/sqlite-notification-store';
import { ProjectNotificationsHandler } from './project-notifications/handler';
import { RecordNotificationsHandler } from './record-notifications/handler';

/** A real SMTP server on an ephemeral loopback port (the `smtp-server` package), with credentials and scriptable refusals. */
class TestSmtpServer {
  readonly received: Array<{ from: string; to: string[]; user: string; subject: string; messageId: string; text: string }> = [];
  /** RCPT attempts seen, accepted or not. */
  attempts = 0;
  /** How many coming RCPTs to refuse with 451 (try again later). */
  refuseNext = 0;
  private server!: SMTPServer;
  port = 0;

  async start(): Promise<void> {
    this.server = new SMTPServer({
      logger: false,
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      onAuth: (auth, _session, callback) =>
        auth.username === 'notify' && auth.password === 's3cret' ? callback(null, { user: auth.username }) : callback(new Error('Invalid username or password')),
      onRcptTo: (_address, _session, callback) => {
        this.attempts++;
        if (this.refuseNext > 0) {
          this.refuseNext--;
          return callback(Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 451 }));
        }
        callback();
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          // Long header lines are folded onto the next (RFC 5322 §2.2.3): unfold before reading one.
          const headers = raw.slice(0, raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ');
          const header = (name: string) => new RegExp(`^${name}: (.*)$`, 'mi').exec(headers)?.[1]?.trim() ?? '';
          const body = raw.slice(raw.indexOf('\r\n\r\n') + 4);
          this.received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            user: String(session.user),
            subject: header('Subject'),
            messageId: header('Message-ID'),
            text: header('Content-Transfer-Encoding') === 'quoted-printable' ? decodeQuotedPrintable(body) : body,
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
  }

  get url(): string {
    return `smtp://notify:s3cret@127.0.0.1:${this.port}`;
  }

  reset(): void {
    this.received.length = 0;
    this.attempts = 0;
    this.refuseNext = 0;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** RFC 2045 §6.7: soft line breaks joined, =XX octets decoded (as UTF-8). */
function decodeQuotedPrintable(text: string): string {
  return Buffer.from(text.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8');
}

class ManualClock implements Clock {
  constructor(private at: Date) {}
  now(): Date {
    return this.at;
  }
  advance(ms: number): void {
    this.at = new Date(this.at.getTime() + ms);
  }
}

const START = new Date('2026-11-23T10:00:00.000Z');
const FROM = 'SMS Platform <no-reply@platform.test>';

/**
 * The notification pipelines as the module wires them, on real files (SQLite event store and account-billing.db), a
 * real key ring, nodemailer and a real SMTP server; the clock is injected so backoff is driven by the test.
 */
class Harness {
  readonly dir = mkdtempSync(join(tmpdir(), 'notifications-int-'));
  readonly clock = new ManualClock(START);
  readonly ring: DataKeyRing = ephemeralDataProtection().ring;
  readonly store = new SqliteEventStore(join(this.dir, 'events.db'), { pollIntervalMs: 20 });
  readonly codecs = protectedAccountBillingCodecs(this.ring);
  readonly commands: AccountCommands = accountCommands(this.store, { codec: this.codecs.account });
  db!: DatabaseSync;
  notifications!: SqliteNotificationStore;
  deliveries!: DeliverEmailsHandler;
  pipelines!: NotificationPipelines;

  constructor(private readonly mailerOf: () => Mailer) {}

  /** Starts (or restarts) the pipelines on the same files, with a fresh mailer and handlers. */
  start(): void {
    this.db = openSqlite(join(this.dir, 'account-billing.db'));
    const readModels = new SqliteReadModelDatabase(this.db);
    this.notifications = new SqliteNotificationStore(this.db);
    const mailer = this.mailerOf();
    this.deliveries = new DeliverEmailsHandler(this.notifications, readModels, mailer, this.commands, this.clock);
    this.pipelines = new NotificationPipelines(
      this.store,
      readModels,
      this.codecs,
      mailer,
      new RecordNotificationsHandler(this.store, this.notifications, readModels),
      new ProjectNotificationsHandler(this.notifications),
      this.deliveries,
    );
    this.pipelines.onApplicationBootstrap();
  }

  async stop(): Promise<void> {
    await this.pipelines.onModuleDestroy();
    this.db.close();
  }

  async close(): Promise<void> {
    await this.stop();
    await this.store.close();
    rmSync(this.dir, { recursive: true, force: true });
  }

  async run(accountId: string, command: Omit<AccountCommand, 'at'>): Promise<void> {
    const result = await this.commands.handle(accountStream(accountId), (state) => decide({ ...command, at: this.clock.now() } as AccountCommand, state));
    if (!result.ok) throw new Error(result.rejection.code);
  }

  async open(accountId: string, contactEmail: string): Promise<void> {
    await this.run(accountId, { type: 'OpenAccount', accountId, name: `Co ${accountId}`, contactEmail, currency: 'CNY' } as Omit<AccountCommand, 'at'>);
  }

  /** Everything committed is recorded, listed and queued; then what is due is delivered. */
  async settle() {
    await this.pipelines.caughtUp();
    return this.deliveries.deliverDue();
  }

  list(accountId: string) {
    return this.notifications.list(accountId, 100);
  }

  async streamLength(accountId: string): Promise<number> {
    return (await this.store.readStream(notificationStream(accountId)).catch(() => [])).length;
  }
}

describe('notifications: records, events and e-mail through a real SMTP server', () => {
  const smtp = new TestSmtpServer();
  let harness: Harness | undefined;

  beforeAll(() => smtp.start());
  afterAll(() => smtp.stop());
  beforeEach(() => smtp.reset());
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  const withSmtp = () => new Harness(() => new NodemailerMailer({ url: smtp.url, from: FROM, timeoutMs: 5_000 }));

  it('records a low-balance crossing once and e-mails it once to the contact address; redelivery and restart send nothing twice', async () => {
    const h = (harness = withSmtp());
    h.start();
    await h.open('acc-1', 'billing@acme.example');
    await h.run('acc-1', { type: 'DepositFunds', amountMinor: 50_000n, reference: 'd-1' } as Omit<AccountCommand, 'at'>);
    await h.run('acc-1', { type: 'SetLowBalanceThreshold', thresholdMinor: 100_000n, by: 'ak_ops' } as Omit<AccountCommand, 'at'>);
    await h.settle();

    expect(smtp.received.map((m) => [m.to, m.from, m.user, m.subject])).toEqual([[['billing@acme.example'], 'no-reply@platform.test', 'notify', 'Low balance: 5.0000 CNY available']]);
    const [notification] = await h.list('acc-1');
    expect(notification).toMatchObject({ kind: 'LOW_BALANCE', subject: 'Low balance: 5.0000 CNY available', email: { status: 'SENT', attempts: 1, sentAt: START.toISOString() } });
    expect(smtp.received[0].messageId).toBe(`<${notification.notificationId}@notifications.sms-platform>`);
    expect(smtp.received[0].text).toContain('The available balance of account acc-1 is 5.0000 CNY, below your alert threshold of 10.0000 CNY');
    expect(await h.streamLength('acc-1')).toBe(1);

    // Redelivery: both subscriptions lose their positions and read everything again, in a restarted process.
    await h.stop();
    h.db = openSqlite(join(h.dir, 'account-billing.db'));
    h.db.prepare('DELETE FROM checkpoints WHERE name IN (?, ?)').run(NOTIFIER_CHECKPOINT, NOTIFICATIONS_CHECKPOINT);
    h.db.close();
    h.start();
    expect(await h.settle()).toEqual({ sent: 0, retrying: 0, failed: 0, skipped: 0 });
    expect(await h.streamLength('acc-1')).toBe(1);
    expect((await h.list('acc-1')).map((n) => [n.notificationId, n.email.status])).toEqual([[notification.notificationId, 'SENT']]);
    expect(smtp.received).toHaveLength(1);

    // The same cause appended again (a retried command with the same event id) changes nothing either.
    const [crossing] = (await h.store.readStream(accountStream('acc-1'))).filter((e) => e.type.includes('LowBalanceCrossed'));
    await h.store.appendToStream(accountStream('acc-1'), [{ id: crossing.id, type: crossing.type, data: crossing.data }]);
    await h.settle();
    expect(smtp.received).toHaveLength(1);
  });

  it('retries an e-mail the server refuses for now (451) after its backoff by the injected clock, then sends it once', async () => {
    const h = (harness = withSmtp());
    h.start();
    await h.open('acc-1', 'ops@acme.example');
    smtp.refuseNext = 2;
    await h.run('acc-1', { type: 'SuspendAccount', kind: 'SECURITY', reason: 'credential stuffing from one key', by: 'security' } as Omit<AccountCommand, 'at'>);
    await h.settle();
    const email = async () => (await h.list('acc-1'))[0].email;
    expect(await email()).toEqual({ status: 'PENDING', attempts: 1, reason: expect.stringContaining('451') });

    // Not due before its time, however often the mailer runs.
    expect(await h.deliveries.deliverDue()).toEqual({ sent: 0, retrying: 0, failed: 0, skipped: 0 });
    h.clock.advance(60_000);
    expect(await h.deliveries.deliverDue()).toEqual({ sent: 0, retrying: 1, failed: 0, skipped: 0 });
    expect(await email()).toMatchObject({ status: 'PENDING', attempts: 2 });
    // A restart keeps it waiting, not lost.
    await h.stop();
    h.start();
    h.clock.advance(120_000);
    await h.settle();
    expect(await email()).toEqual({ status: 'SENT', attempts: 3, sentAt: h.clock.now().toISOString() });
    expect(smtp.attempts).toBe(3);
    expect(smtp.received.map((m) => [m.to, m.subject])).toEqual([[['ops@acme.example'], 'Account suspended']]);
  });

  it('records every e-mail SKIPPED when no SMTP server is configured, and still lists the notification', async () => {
    const h = (harness = new Harness(() => new NoMailer()));
    h.start();
    await h.open('acc-1', 'billing@acme.example');
    await h.run('acc-1', { type: 'SetLowBalanceThreshold', thresholdMinor: 1n, by: 'ak_ops' } as Omit<AccountCommand, 'at'>);
    await h.settle();
    expect(await h.list('acc-1')).toEqual([expect.objectContaining({ kind: 'LOW_BALANCE', email: { status: 'SKIPPED', attempts: 0, reason: NO_SMTP } })]);
    expect(smtp.attempts).toBe(0);
  });

  it('announces a price change to every account that is not terminated: 3 open accounts, 3 records, 3 e-mails', async () => {
    const h = (harness = withSmtp());
    h.start();
    for (const n of [1, 2, 3, 4]) await h.open(`acc-${n}`, `owner${n}@customer${n}.example`);
    await h.run('acc-2', { type: 'SuspendAccount', kind: 'BREACH', reason: 'complaints', by: 'ak_ops' } as Omit<AccountCommand, 'at'>);
    await h.run('acc-4', { type: 'RequestTermination', basis: 'agreement', reason: 'leaving', by: 'ak_ops' } as Omit<AccountCommand, 'at'>);
    await h.settle();
    smtp.reset();

    const version = { version: 2, currency: 'CNY', effectiveAt: '2026-12-24T00:00:00.000Z', publishedAt: START.toISOString(), prices: [{ kind: 'notification' as const, country: 'CN', unitPriceMinor: 500n }] };
    await h.store.appendToStream(PRICE_CATALOGUE_STREAM, [{ id: deterministicId('test', 'catalogue', '2'), ...catalogueEventCodec.encode({ type: 'PriceCataloguePublished', data: version }) }]);
    await h.settle();

    const priceNotices = async (accountId: string) => (await h.list(accountId)).filter((n) => n.kind === 'PRICE_CHANGE');
    for (const id of ['acc-1', 'acc-2', 'acc-3']) {
      expect(await priceNotices(id)).toEqual([expect.objectContaining({ subject: 'Price change from 2026-12-24', email: expect.objectContaining({ status: 'SENT', attempts: 1 }) })]);
    }
    expect(await priceNotices('acc-4')).toEqual([]);
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(['owner1@customer1.example', 'owner2@customer2.example', 'owner3@customer3.example']);
    expect(new Set(smtp.received.map((m) => m.subject))).toEqual(new Set(['Price change from 2026-12-24']));
  });

  it("deletes an erased account's notifications (ADR 0017) and tells it nothing more", async () => {
    const h = (harness = withSmtp());
    h.start();
    await h.open('acc-1', 'billing@acme.example');
    await h.open('acc-2', 'other@acme.example');
    await h.run('acc-1', { type: 'SuspendAccount', kind: 'BREACH', reason: 'complaints', by: 'ak_ops' } as Omit<AccountCommand, 'at'>);
    await h.run('acc-2', { type: 'SuspendAccount', kind: 'BREACH', reason: 'complaints', by: 'ak_ops' } as Omit<AccountCommand, 'at'>);
    await h.settle();
    expect(await h.list('acc-1')).toHaveLength(1);

    h.ring.destroy('acc-1');
    await h.run('acc-1', { type: 'EraseAccountData', reason: 'customer request', by: 'ak_ops' } as Omit<AccountCommand, 'at'>);
    const version = { version: 3, currency: 'CNY', effectiveAt: '2027-01-01T00:00:00.000Z', publishedAt: START.toISOString(), prices: [] };
    await h.store.appendToStream(PRICE_CATALOGUE_STREAM, [{ id: deterministicId('test', 'catalogue', '3'), ...catalogueEventCodec.encode({ type: 'PriceCataloguePublished', data: version }) }]);
    smtp.reset();
    await h.settle();
    expect(await h.list('acc-1')).toEqual([]);
    expect(h.db.prepare('SELECT COUNT(*) AS n FROM notification_emails e JOIN notifications n USING (notification_id) WHERE n.account_id = ?').get('acc-1')).toEqual({ n: 0 });
    expect((await h.list('acc-2')).map((n) => n.kind)).toEqual(['PRICE_CHANGE', 'ACCOUNT_STATUS']);
    expect(smtp.received.map((m) => m.to)).toEqual([['other@acme.example']]);
  });
});

describe('notifications in the account-billing module: REST, gRPC, tenants, SMTP_URL', () => {
  const smtp = new TestSmtpServer();
  let dataDir: string;

  beforeAll(async () => {
    await smtp.start();
    dataDir = mkdtempSync(join(tmpdir(), 'notifications-module-'));
  });
  afterAll(async () => {
    await smtp.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists an account’s notifications to the operator and its own key only, over REST and gRPC, after e-mailing them through SMTP_URL', async () => {
    const service = await startServiceUnderTest({
      module: AccountBillingModule,
      dataDir,
      grpc: { package: 'sms.account.v1', protoPath: protoFile('account.proto') },
      config: { SMTP_URL: smtp.url, SMTP_FROM: FROM },
      logLevel: 'error',
    });
    const client = (() => {
      const definition = protoLoader.loadSync(protoFile('account.proto'), { keepCase: true, longs: String, enums: String, defaults: true });
      const { NotificationService } = (grpc.loadPackageDefinition(definition) as any).sms.account.v1;
      return new NotificationService(service.grpcUrl, grpc.credentials.createInsecure());
    })();
    const listOverGrpc = (request: object, token: string) => {
      const metadata = new grpc.Metadata();
      metadata.set('authorization', `Bearer ${token}`);
      return new Promise<any>((resolve, reject) => client.ListNotifications(request, metadata, (error: grpc.ServiceError | null, reply: any) => (error ? reject(error) : resolve(reply))));
    };
    try {
      const open = async (name: string, contactEmail: string) => (await callJson('POST', `${service.url}/v1/accounts`, { name, contactEmail })).body;
      const a = await open('Tenant A', 'finance@tenant-a.example');
      const b = await open('Tenant B', 'finance@tenant-b.example');
      const commands = service.get<AccountCommands>(ACCOUNT_COMMANDS);
      const run = async (command: AccountCommand) => expect((await commands.handle(accountStream(a.accountId), (state) => decide(command, state))).ok).toBe(true);
      // Below 1.00 at once; back above it; then a threshold of 5.00 above the 3.00 available: two crossings.
      await run({ type: 'SetLowBalanceThreshold', thresholdMinor: 10_000n, by: 'ak_ops', at: new Date() });
      await run({ type: 'DepositFunds', amountMinor: 30_000n, reference: 't-1', at: new Date() });
      await run({ type: 'SetLowBalanceThreshold', thresholdMinor: 50_000n, by: 'ak_ops', at: new Date() });
      await service.get(NotificationPipelines).caughtUp();
      await service.get(DeliverEmailsHandler).deliverDue();
      expect(smtp.received.map((m) => [m.to, m.subject])).toEqual([
        [['finance@tenant-a.example'], 'Low balance: 0.0000 CNY available'],
        [['finance@tenant-a.example'], 'Low balance: 3.0000 CNY available'],
      ]);

      const url = `${service.url}/v1/accounts/${a.accountId}/notifications`;
      const own = await callJson('GET', url, undefined, a.apiKey.token);
      expect(own.status).toBe(200);
      expect(own.body).toEqual({
        items: [
          {
            notificationId: expect.any(String),
            kind: 'LOW_BALANCE',
            subject: 'Low balance: 3.0000 CNY available',
            body: expect.stringContaining('below your alert threshold of 5.0000 CNY'),
            createdAt: expect.any(String),
            email: { status: 'SENT', attempts: 1, sentAt: expect.any(String) },
          },
          expect.objectContaining({ subject: 'Low balance: 0.0000 CNY available' }),
        ],
      });
      const firstPage = await callJson('GET', `${url}?limit=1`, undefined, service.adminToken);
      expect(firstPage.body.items.map((n: { subject: string }) => n.subject)).toEqual(['Low balance: 3.0000 CNY available']);
      const secondPage = await callJson('GET', `${url}?limit=1&cursor=${firstPage.body.nextCursor}`, undefined, service.adminToken);
      expect(secondPage.body).toEqual({ items: [expect.objectContaining({ subject: 'Low balance: 0.0000 CNY available' })] });

      // Another tenant's key: as if the account did not exist, and no data.
      const foreign = await callJson('GET', url, undefined, b.apiKey.token);
      expect([foreign.status, foreign.body.code]).toEqual([404, 'ACCOUNT_NOT_FOUND']);
      expect((await callJson('GET', `${service.url}/v1/accounts/${b.accountId}/notifications`, undefined, b.apiKey.token)).body).toEqual({ items: [] });
      expect((await callJson('GET', `${service.url}/v1/accounts/no-such-account/notifications`)).body.code).toBe('ACCOUNT_NOT_FOUND');
      for (const query of ['limit=0', 'limit=501', 'limit=ten', 'cursor=bm90LW91cnM']) {
        const bad = await callJson('GET', `${url}?${query}`);
        expect([query, bad.status, bad.body.code]).toEqual([query, 400, 'VALIDATION_FAILED']);
      }
      expect((await callJson('GET', url, undefined, null)).status).toBe(401);

      const overGrpc = await listOverGrpc({ accountId: '', limit: 1 }, a.apiKey.token);
      expect(overGrpc).toEqual({
        items: [expect.objectContaining({ kind: 'LOW_BALANCE', subject: 'Low balance: 3.0000 CNY available', email: expect.objectContaining({ status: 'SENT', attempts: 1 }) })],
        nextCursor: expect.any(String),
      });
      await expect(listOverGrpc({ accountId: a.accountId }, b.apiKey.token)).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
      await expect(listOverGrpc({ accountId: a.accountId, limit: 501 }, service.adminToken)).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
    } finally {
      client.close();
      await service.close();
    }
  });
});
