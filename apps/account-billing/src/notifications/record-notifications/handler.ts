import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventData, type EventStore, type RecordedEvent } from '@sms/event-store';
import { deterministicId } from '@sms/service-kit';
import type { UnitOfWork } from '@sms/use-case-kit';
import type { AccountBillingEvent } from '../../account-billing.codec';
import { ACCOUNT_BILLING_DB } from '../../ledger/application/tokens';
import { ACCOUNT_STREAM_PREFIX } from '../../ledger/domain/account.events';
import type { NotificationStore } from '../application/notification-store';
import { NOTIFICATION_STORE } from '../application/tokens';
import { notificationStream } from '../domain/notification.events';
import { type KnownAccount, type Notice, type NotifierInput, notifier } from '../domain/notifier';
import { notificationCodec } from '../notification.codec';

/** A committed event of the service, decoded by its protected codec, with where it was recorded. */
export interface CommittedEvent {
  event: AccountBillingEvent;
  recorded: RecordedEvent;
}

/** The id of the notification `cause` makes for `accountId`: the same cause, the same id, whoever records it again. */
export const notificationIdOf = (causeEventId: string, accountId: string): string => deterministicId('account-billing', 'notification', causeEventId, accountId);

/**
 * Records the notifications a batch of the service's committed events makes (the `notifier` workflow) as
 * `NotificationRecorded` events on `notifications-<accountId>`, then remembers what it learnt of the accounts.
 *
 * Exactly once under redelivery and restart: a notification's event id is derived from its cause and account, so an
 * append repeated after a crash is a no-op in the store; and the accounts it decided from are remembered in the same
 * unit of work as the pipeline's checkpoint (`andThen`), so a redelivered batch is decided again from the very state
 * it was first decided from — the same notifications, the same ids.
 */
@Injectable()
export class RecordNotificationsHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(NOTIFICATION_STORE) private readonly notifications: NotificationStore,
    @Inject(ACCOUNT_BILLING_DB) private readonly db: UnitOfWork,
  ) {}

  /** Returns the notifications recorded (new or again). `andThen` commits with what the batch taught about the accounts. */
  async handle(batch: readonly CommittedEvent[], andThen?: () => Promise<void>): Promise<Notice[]> {
    const inputs = batch.flatMap(({ event, recorded }) => notifierInput(event, recorded) ?? []);
    const accountIds = inputs.flatMap((input) => ('accountId' in input ? [input.accountId] : []));
    // A price announcement goes to every account, so it needs all of them; other events only their own.
    const directory = inputs.some((input) => !('accountId' in input)) ? await this.notifications.allKnownAccounts() : await this.notifications.knownAccounts(accountIds);
    const notices: Notice[] = [];
    for (const input of inputs) {
      notices.push(...notifier.decide(input, directory));
      notifier.evolve(directory, input);
    }
    await this.append(notices);
    const touched = new Map<string, KnownAccount>();
    for (const accountId of accountIds) {
      const account = directory.get(accountId);
      if (account) touched.set(accountId, account);
    }
    await this.db.transaction(async () => {
      await this.notifications.rememberAccounts(touched);
      await andThen?.();
    });
    return notices;
  }

  /** One append per account, in the order the causes were committed. */
  private async append(notices: readonly Notice[]): Promise<void> {
    const byAccount = new Map<string, EventData[]>();
    for (const notice of notices) {
      const notificationId = notificationIdOf(notice.cause.eventId, notice.accountId);
      const stored = notificationCodec.encode({ type: 'NotificationRecorded', data: { notificationId, ...notice } });
      const events = byAccount.get(notice.accountId) ?? [];
      events.push({ id: notificationId, ...stored, metadata: { causationId: notice.cause.eventId } });
      byAccount.set(notice.accountId, events);
    }
    for (const [accountId, events] of byAccount) await this.store.appendToStream(notificationStream(accountId), events, { expectedRevision: 'any' });
  }
}

/** What the notifier reads of a committed event: account events with their account, catalogue versions; nothing else. */
export function notifierInput(event: AccountBillingEvent, recorded: RecordedEvent): NotifierInput | undefined {
  if (event.type === 'PriceCataloguePublished') return { eventId: recorded.id, event };
  if (event.type === 'ReservationRefused' || !recorded.streamName.startsWith(ACCOUNT_STREAM_PREFIX)) return undefined;
  return { eventId: recorded.id, accountId: recorded.streamName.slice(ACCOUNT_STREAM_PREFIX.length), event };
}
