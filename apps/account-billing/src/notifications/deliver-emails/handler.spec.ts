import { Logger } from '@nestjs/common';
import { InMemoryEventStore } from '@sms/event-store';
import type { Clock } from '@sms/service-kit';
import { type AccountCommands, accountCommands } from '../../ledger/application/command-handlers';
import type { AccountCommand } from '../../ledger/domain/account.commands';
import { decide } from '../../ledger/domain/account.decider';
import { accountStream } from '../../ledger/domain/account.events';
import { notificationOf } from '../application/notification-store.contract';
import { EMAIL_MAX_ATTEMPTS } from '../domain/email-delivery';
import { InMemoryNotificationStore, RecordingMailer } from '../test-support';
import { DELIVERY_PAGE, DeliverEmailsHandler, NO_ADDRESS, NO_SMTP } from './handler';

const START = new Date('2026-11-23T10:00:00.000Z');

class ManualClock implements Clock {
  constructor(private at: Date) {}
  now(): Date {
    return this.at;
  }
  advance(ms: number): void {
    this.at = new Date(this.at.getTime() + ms);
  }
}

async function run(commands: AccountCommands, accountId: string, command: AccountCommand): Promise<void> {
  const result = await commands.handle(accountStream(accountId), (state) => decide(command, state));
  if (!result.ok) throw new Error(result.rejection.code);
}

async function setup(mailer = new RecordingMailer()) {
  const commands = accountCommands(new InMemoryEventStore());
  await run(commands, 'acc-a', { type: 'OpenAccount', accountId: 'acc-a', name: 'Acme', contactEmail: 'billing@acme.example', currency: 'CNY', at: START });
  const store = new InMemoryNotificationStore();
  const clock = new ManualClock(START);
  const handler = new DeliverEmailsHandler(store, store.db, mailer, commands, clock);
  const email = async (accountId = 'acc-a') => (await store.list(accountId, 1))[0].email;
  return { commands, store, clock, mailer, handler, email };
}

describe('DeliverEmailsHandler', () => {
  const logs: string[] = [];
  beforeAll(() => {
    for (const level of ['log', 'warn', 'error'] as const) jest.spyOn(Logger.prototype, level).mockImplementation((...args: unknown[]) => void logs.push(String(args[0])));
  });
  afterAll(() => jest.restoreAllMocks());

  it('sends a notification to the account’s contact e-mail once, and records it SENT', async () => {
    const { store, mailer, handler, email } = await setup();
    await store.db.transaction(() => store.record(notificationOf('n-1')));
    expect(await handler.deliverDue()).toEqual({ sent: 1, retrying: 0, failed: 0, skipped: 0 });
    expect(mailer.sent).toEqual([{ to: 'billing@acme.example', subject: 'subject n-1', text: 'body n-1', messageId: '<n-1@notifications.sms-platform>' }]);
    expect(await email()).toEqual({ status: 'SENT', attempts: 1, sentAt: START.toISOString() });
    expect(await handler.deliverDue()).toEqual({ sent: 0, retrying: 0, failed: 0, skipped: 0 });
    expect(mailer.sent).toHaveLength(1);
  });

  it('retries a temporary refusal after its backoff by the injected clock, then sends it', async () => {
    const { store, clock, mailer, handler, email } = await setup();
    mailer.refuse.push(true, true);
    await store.db.transaction(() => store.record(notificationOf('n-1')));
    expect(await handler.deliverDue()).toMatchObject({ retrying: 1 });
    expect(await email()).toEqual({ status: 'PENDING', attempts: 1, reason: '451 4.3.0 b***@a***.example try again later' });
    clock.advance(59_999);
    expect(await handler.deliverDue()).toEqual({ sent: 0, retrying: 0, failed: 0, skipped: 0 });
    clock.advance(1);
    expect(await handler.deliverDue()).toMatchObject({ retrying: 1 });
    clock.advance(120_000);
    expect(await handler.deliverDue()).toMatchObject({ sent: 1 });
    expect(await email()).toEqual({ status: 'SENT', attempts: 3, sentAt: clock.now().toISOString() });
    expect(mailer.sent).toHaveLength(1);
    // The address is never logged, only its mask.
    expect(logs.join('\n')).not.toContain('billing@acme.example');
    expect(logs.join('\n')).toContain('b***@a***.example');
  });

  it('gives up on a permanent refusal at once, and on temporary ones after EMAIL_MAX_ATTEMPTS', async () => {
    const { store, clock, mailer, handler, email } = await setup();
    mailer.refuse.push(false);
    await store.db.transaction(() => store.record(notificationOf('n-1')));
    expect(await handler.deliverDue()).toMatchObject({ failed: 1 });
    expect(await email()).toEqual({ status: 'FAILED', attempts: 1, reason: '550 5.1.1 <b***@a***.example>: no such user' });

    mailer.refuse.push(...Array<boolean>(EMAIL_MAX_ATTEMPTS).fill(true));
    await store.db.transaction(() => store.record(notificationOf('n-2')));
    for (let i = 0; i < EMAIL_MAX_ATTEMPTS; i++) {
      await handler.deliverDue();
      clock.advance(3_600_000);
    }
    expect(await email()).toEqual({ status: 'FAILED', attempts: EMAIL_MAX_ATTEMPTS, reason: expect.stringMatching(/^gave up after 10 attempts: 451/) });
    expect(mailer.sent).toEqual([]);
  });

  it('records SKIPPED when no SMTP server is configured, never an error', async () => {
    const { store, handler, email } = await setup(new RecordingMailer(false));
    await store.db.transaction(() => store.record(notificationOf('n-1')));
    expect(await handler.deliverDue()).toEqual({ sent: 0, retrying: 0, failed: 0, skipped: 1 });
    expect(await email()).toEqual({ status: 'SKIPPED', attempts: 0, reason: NO_SMTP });
  });

  it('records SKIPPED for an account whose personal data was erased: there is no address left', async () => {
    const { commands, store, mailer, handler, email } = await setup();
    await run(commands, 'acc-a', { type: 'SuspendAccount', kind: 'BREACH', reason: 'r', by: 'ak', at: START });
    await run(commands, 'acc-a', { type: 'EraseAccountData', reason: 'request', by: 'ak', at: START });
    await store.db.transaction(() => store.record(notificationOf('n-1')));
    expect(await handler.deliverDue()).toMatchObject({ skipped: 1 });
    expect(await email()).toEqual({ status: 'SKIPPED', attempts: 0, reason: NO_ADDRESS });
    expect(mailer.sent).toEqual([]);
  });

  it('works through more than a page of due e-mails in one run, and runs never overlap', async () => {
    const { store, mailer, handler } = await setup();
    await store.db.transaction(async () => {
      for (let i = 0; i < DELIVERY_PAGE * 2 + 3; i++) await store.record(notificationOf(`n-${i}`));
    });
    // Callers while a run is queued share it; each message goes out once.
    const [first, second] = await Promise.all([handler.deliverDue(), handler.deliverDue()]);
    expect(first).toBe(second);
    expect(first.sent).toBe(DELIVERY_PAGE * 2 + 3);
    expect(new Set(mailer.sent.map((m) => m.messageId)).size).toBe(DELIVERY_PAGE * 2 + 3);
    expect(mailer.sent).toHaveLength(DELIVERY_PAGE * 2 + 3);
  });
});
