import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@sms/service-kit';
import type { AccountCommands } from '../../ledger/application/command-handlers';
import { ACCOUNT_COMMANDS } from '../../ledger/application/tokens';
import { accountStream } from '../../ledger/domain/account.events';
import type { NotificationStore, StoredNotification } from '../application/notification-store';
import { NOTIFICATION_STORE } from '../application/tokens';

export interface ListNotifications {
  accountId: string;
  limit?: number;
  /** Opaque: what the previous page answered as nextCursor. */
  cursor?: string;
}

export interface NotificationPageResult {
  items: StoredNotification[];
  nextCursor?: string;
}

/** CONTRACTS.md lists: default 50, at most 500. */
export const DEFAULT_NOTIFICATION_PAGE = 50;
export const MAX_NOTIFICATION_PAGE = 500;

/**
 * An account's notifications, newest first, a page at a time. The cursor names the last notification of the page
 * by its place in the account's list, which never changes, so paging while new ones arrive neither repeats nor skips
 * one (the new ones come before the first page).
 */
@Injectable()
export class ListNotificationsHandler {
  constructor(
    @Inject(NOTIFICATION_STORE) private readonly notifications: NotificationStore,
    @Inject(ACCOUNT_COMMANDS) private readonly accounts: AccountCommands,
  ) {}

  async handle(query: ListNotifications): Promise<NotificationPageResult> {
    const limit = query.limit ?? DEFAULT_NOTIFICATION_PAGE;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_NOTIFICATION_PAGE) throw new DomainError('VALIDATION_FAILED', `limit must be 1–${MAX_NOTIFICATION_PAGE}`);
    const before = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    if (query.cursor !== undefined && before === undefined) throw new DomainError('VALIDATION_FAILED', 'cursor is not one this API returned');
    const { state } = await this.accounts.load(accountStream(query.accountId));
    if (state.status === 'NONE') throw new DomainError('ACCOUNT_NOT_FOUND', `Account ${query.accountId} does not exist.`);
    // One more than asked tells whether another page follows.
    const rows = await this.notifications.list(query.accountId, limit + 1, before);
    const items = rows.slice(0, limit);
    return { items, ...(rows.length > limit ? { nextCursor: encodeCursor(items[items.length - 1].sequence) } : {}) };
  }
}

export const encodeCursor = (sequence: number): string => Buffer.from(`n:${sequence}`).toString('base64url');

export function decodeCursor(cursor: string): number | undefined {
  const match = /^n:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : undefined;
}
