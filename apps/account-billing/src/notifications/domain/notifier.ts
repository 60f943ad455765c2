import { type AccountStatus, formatMoney } from '@sms/contracts';
import type { Workflow } from '@sms/use-case-kit/core';
import type { AccountEvent } from '../../ledger/domain/account.events';
import type { PriceCataloguePublished } from '../../pricing/domain/price-catalogue';
import type { NotificationCause, NotificationKind } from './notification.events';

/**
 * The notifier (issue 8 parts 4–5): which committed account-billing events a customer is told about, and what it is
 * told. A workflow over the service's own events, pure, so its rules are spec-tested as given/when/then:
 * - low balance (§7.2): every `LowBalanceCrossed` (the decider raises it once per crossing);
 * - status changes (§7): frozen for arrears (§7.3.3) — only when that makes it FROZEN, not when a suspension or
 *   termination outranks it —, active again, suspended (§7.3.2/§7.3.4), suspension lifted, termination requested
 *   (§7.3.1/§7.3.5) and terminated, with what the termination refunded;
 * - a price change announced ahead (§2.3): every account that exists and is not TERMINATED. The catalogue seeded at
 *   first start (effective when published) announces nothing.
 * An account whose personal data was erased (ADR 0017) is told nothing more: nobody is left to tell.
 */

export type NotifierInput =
  | { eventId: string; accountId: string; event: AccountEvent }
  | { eventId: string; event: PriceCataloguePublished };

/** One notification to record: the application gives it its id (from the cause's event id and the account). */
export interface Notice {
  accountId: string;
  kind: NotificationKind;
  subject: string;
  body: string;
  cause: NotificationCause;
  createdAt: string;
}

/** What the notifier remembers of an account. */
export interface KnownAccount {
  status: AccountStatus;
  erased: boolean;
  /** What the termination refunded (BalanceRefunded comes right before AccountTerminated, in the same append). */
  refundedMinor?: bigint;
}

/** The accounts the notifier has seen, by id. */
export type Directory = Map<string, KnownAccount>;

/** How many lines of a new catalogue the announcement lists; the rest are a GET /v1/prices away. */
export const PRICE_LINES_LISTED = 25;

export const notifier: Workflow<NotifierInput, Notice, Directory> = {
  initialState: () => new Map(),
  decide: (input, directory) => ('accountId' in input ? accountNotices(input, directory) : priceNotices(input, directory)),
  evolve: (directory, input) => {
    if ('kind' in input || !('accountId' in input)) return directory;
    const next = evolveAccount(directory.get(input.accountId), input.event);
    if (next) directory.set(input.accountId, next);
    return directory;
  },
};

/** The accounts a price announcement goes to: every one that exists, is not TERMINATED and was not erased. */
export const openAccounts = (directory: Directory): string[] =>
  [...directory.entries()].filter(([, account]) => account.status !== 'TERMINATED' && !account.erased).map(([accountId]) => accountId);

/** A catalogue version published ahead of the moment it takes effect: an announcement (§2.3). */
export const isPriceAnnouncement = (data: PriceCataloguePublished['data']): boolean => Date.parse(data.effectiveAt) > Date.parse(data.publishedAt);

/** What the notifier remembers after an account event; undefined: nothing changes. */
export function evolveAccount(account: KnownAccount | undefined, event: AccountEvent): KnownAccount | undefined {
  const known: KnownAccount = account ?? { status: 'ACTIVE', erased: false };
  switch (event.type) {
    case 'AccountOpened':
      return account ?? known;
    case 'AccountFrozen':
    case 'AccountUnfrozen':
      return { ...known, status: event.data.status };
    case 'AccountSuspended':
      return { ...known, status: 'SUSPENDED' };
    case 'SuspensionLifted':
      return { ...known, status: event.data.status ?? 'ACTIVE' };
    case 'TerminationRequested':
      return { ...known, status: 'TERMINATING' };
    case 'BalanceRefunded':
      return { ...known, refundedMinor: event.data.amountMinor };
    case 'AccountTerminated':
      return { ...known, status: 'TERMINATED' };
    case 'AccountDataErased':
      return event.data.scope === 'account' ? { ...known, status: 'SUSPENDED', erased: true } : undefined;
    default:
      return undefined;
  }
}

function accountNotices(input: { eventId: string; accountId: string; event: AccountEvent }, directory: Directory): Notice[] {
  const account = directory.get(input.accountId);
  if (account?.erased) return [];
  const text = accountNotice(input.accountId, input.event, account);
  return text ? [{ accountId: input.accountId, ...text, cause: { eventId: input.eventId, type: input.event.type } }] : [];
}

function priceNotices(input: { eventId: string; event: PriceCataloguePublished }, directory: Directory): Notice[] {
  const data = input.event.data;
  if (!isPriceAnnouncement(data)) return [];
  const text = priceNotice(data);
  return openAccounts(directory).map((accountId) => ({ accountId, ...text, cause: { eventId: input.eventId, type: input.event.type } }));
}

type NoticeText = Pick<Notice, 'kind' | 'subject' | 'body' | 'createdAt'>;

const money = (minor: bigint, currency: string): string => `${formatMoney(minor)} ${currency}`;

/** The notice an account event makes, if any (`account`: what the notifier knew before it). */
export function accountNotice(accountId: string, event: AccountEvent, account: KnownAccount | undefined): NoticeText | undefined {
  const status = (subject: string, body: string, createdAt: string): NoticeText => ({ kind: 'ACCOUNT_STATUS', subject, body, createdAt });
  switch (event.type) {
    case 'LowBalanceCrossed': {
      const d = event.data;
      return {
        kind: 'LOW_BALANCE',
        subject: `Low balance: ${money(d.availableMinor, d.currency)} available`,
        body:
          `The available balance of account ${accountId} is ${money(d.availableMinor, d.currency)}, below your alert threshold of ` +
          `${money(d.thresholdMinor, d.currency)} (${d.crossedAt}). Top up to keep sending: a message the available balance cannot cover is rejected.`,
        createdAt: d.crossedAt,
      };
    }
    case 'AccountFrozen': {
      const d = event.data;
      // Arrears under a suspension or termination change nothing the customer can see (§7.3.3 vs §7.3.2).
      if (d.status !== 'FROZEN') return undefined;
      return status(
        'Account frozen: the balance is below zero',
        `Account ${accountId} was frozen at ${d.frozenAt}: its balance is ${money(d.balanceMinor, d.currency)}, below zero (terms §7.3.3). ` +
          'It sends nothing until a deposit brings the balance back to zero or above; then it is active again by itself.',
        d.frozenAt,
      );
    }
    case 'AccountUnfrozen': {
      const d = event.data;
      if (d.status !== 'ACTIVE') return undefined;
      return status('Account active again', `Account ${accountId} is active again since ${d.unfrozenAt}: ${d.reason}.`, d.unfrozenAt);
    }
    case 'AccountSuspended': {
      const d = event.data;
      const why = d.kind === 'SECURITY' ? 'a security event (terms §7.3.4)' : 'a breach of the terms (§7.3.2)';
      return status(
        'Account suspended',
        `Account ${accountId} was suspended at ${d.suspendedAt} for ${why}: ${d.reason}. Its sending is stopped until the suspension is lifted.`,
        d.suspendedAt,
      );
    }
    case 'SuspensionLifted': {
      const d = event.data;
      const after = d.status === 'FROZEN' ? 'It stays frozen for arrears until a deposit brings the balance back to zero or above.' : 'It is active again.';
      return status('Suspension lifted', `The suspension of account ${accountId} was lifted at ${d.liftedAt}: ${d.reason}. ${after}`, d.liftedAt);
    }
    case 'TerminationRequested': {
      const d = event.data;
      const basis = d.basis === 'agreement' ? 'by agreement (terms §7.3.1)' : 'by notice (terms §7.3.5)';
      return status(
        'Termination requested',
        `Termination of account ${accountId} ${basis} was requested at ${d.requestedAt}: ${d.reason}. Sending has stopped; once the messages in flight ` +
          'have settled, the unconsumed balance is refunded and the account is terminated.',
        d.requestedAt,
      );
    }
    case 'AccountTerminated': {
      const d = event.data;
      const refunded = account?.refundedMinor;
      const refund =
        refunded !== undefined && refunded > 0n ? `The unconsumed balance of ${money(refunded, d.currency)} was refunded.` : 'There was no unconsumed balance to refund.';
      return status('Account terminated', `Account ${accountId} was terminated at ${d.terminatedAt} (${d.basis}). ${refund}`, d.terminatedAt);
    }
    default:
      return undefined;
  }
}

/** The announcement of a catalogue version (§2.3). */
export function priceNotice(data: PriceCataloguePublished['data']): NoticeText {
  const lines = data.prices.map((p) => `- ${p.kind} to ${p.country === '*' ? 'any country' : p.country}${p.operator ? ` (${p.operator})` : ''}: ${money(p.unitPriceMinor, data.currency)} per unit`);
  const listed = lines.slice(0, PRICE_LINES_LISTED);
  const more = lines.length > listed.length ? [`- … and ${lines.length - listed.length} more: GET /v1/prices?at=${data.effectiveAt}`] : [];
  return {
    kind: 'PRICE_CHANGE',
    subject: `Price change from ${data.effectiveAt.slice(0, 10)}`,
    body: [
      `Price catalogue version ${data.version}, published ${data.publishedAt}, takes effect at ${data.effectiveAt} (terms §2.3). ` +
        'A message is priced by the catalogue in force when it is submitted.',
      ...listed,
      ...more,
    ].join('\n'),
    createdAt: data.publishedAt,
  };
}
