import type { IntegrationEvent } from '@sms/messaging';
import { parsePhoneNumber } from '@sms/sms';
import { consumedEvent } from '@sms/testing';
import type { ReadModelDatabase } from '@sms/use-case-kit';
import type { AccountBalanceEntry, BalanceView, PriceVersionEntry } from './messages/application/balance-view';
import { compareVersions } from './messages/domain/balance-estimate';
import type { MessageNote, MessageQuery, MessageReadModel, MessageRecord } from './messages/application/message-read-model';
import type { ScheduledBatch, ScheduledBatches } from './messages/application/scheduled-batches';
import type { SendDirectory, SendLookup } from './messages/application/send-directory';
import type { BatchAccepted } from './messages/domain/events';
import { advanceStatus, type StatusUpdate } from './messages/domain/message-status';

/*
 * In-memory adapters for handler specs (unit level: no SQLite). They pass the same contract suites as the SQLite
 * adapters (test-support.spec.ts), so a spec that passes on them says something about production.
 */

/** Unit of work, inbox and checkpoints in memory; a failed unit forgets the claims it made. */
export class InMemoryReadModelDatabase implements ReadModelDatabase {
  readonly claims = new Set<string>();
  private readonly checkpoints = new Map<string, bigint>();
  private pending: string[] | undefined;
  private tail: Promise<unknown> = Promise.resolve();

  async transaction<T>(work: () => Promise<T>): Promise<T> {
    if (this.pending) return work();
    const run = this.tail.then(async () => {
      this.pending = [];
      try {
        return await work();
      } catch (error) {
        for (const claim of this.pending) this.claims.delete(claim);
        throw error;
      } finally {
        this.pending = undefined;
      }
    });
    this.tail = run.catch(() => undefined);
    return run;
  }

  async claim(consumer: string, eventId: string): Promise<boolean> {
    const key = `${consumer}\u0000${eventId}`;
    if (this.claims.has(key)) return false;
    this.claims.add(key);
    this.pending?.push(key);
    return true;
  }

  async load(name: string): Promise<bigint | undefined> {
    return this.checkpoints.get(name);
  }

  async save(name: string, position: bigint): Promise<void> {
    this.checkpoints.set(name, position);
  }
}

/** The message read model in memory: the status transition is advanceStatus itself. */
export class InMemoryMessageReadModel implements MessageReadModel {
  readonly records = new Map<string, MessageRecord>();

  async insertBatches(batches: BatchAccepted[]): Promise<void> {
    for (const b of batches) {
      for (const m of b.messages) {
        if (this.records.has(m.messageId)) continue;
        this.records.set(m.messageId, {
          messageId: m.messageId,
          batchId: b.batchId,
          accountId: b.accountId,
          phoneNumber: m.phoneNumber,
          countryCode: m.countryCode,
          operator: m.operator,
          kind: b.kind,
          signatureId: b.signatureId,
          templateId: b.templateId,
          ...(b.outId !== undefined ? { outId: b.outId } : {}),
          segments: m.segments,
          encoding: m.encoding,
          status: b.scheduledAt === undefined ? 'ACCEPTED' : 'SCHEDULED',
          acceptedAt: b.acceptedAt,
          ...(b.scheduledAt !== undefined ? { scheduledAt: b.scheduledAt } : {}),
        });
      }
    }
  }

  async advance(updates: StatusUpdate[]): Promise<void> {
    for (const { messageId, ...update } of updates) {
      const current = this.records.get(messageId);
      if (current) this.records.set(messageId, withoutUndefined({ ...current, ...advanceStatus(current, update) }));
    }
  }

  async annotate(notes: MessageNote[]): Promise<void> {
    for (const note of notes) {
      const current = this.records.get(note.messageId);
      if (current) this.records.set(note.messageId, { ...current, errorCode: note.code, errorDetail: note.detail });
    }
  }

  async find(messageId: string): Promise<MessageRecord | undefined> {
    return this.records.get(messageId);
  }

  async findMany(messageIds: string[]): Promise<Map<string, MessageRecord>> {
    return new Map(messageIds.flatMap((id) => (this.records.has(id) ? [[id, this.records.get(id) as MessageRecord] as const] : [])));
  }

  async query(q: MessageQuery): Promise<MessageRecord[]> {
    const key = (m: Pick<MessageRecord, 'acceptedAt' | 'messageId'>) => `${m.acceptedAt}\u0000${m.messageId}`;
    const parsed = q.phoneNumber === undefined ? undefined : parsePhoneNumber(q.phoneNumber);
    const phoneNumber = parsed?.ok ? parsed.e164 : q.phoneNumber?.trim();
    return [...this.records.values()]
      .filter(
        (m) =>
          m.accountId === q.accountId &&
          (phoneNumber === undefined || m.phoneNumber === phoneNumber) &&
          (q.batchId === undefined || m.batchId === q.batchId) &&
          (q.outId === undefined || m.outId === q.outId) &&
          (q.status === undefined || m.status === q.status) &&
          (q.from === undefined || m.acceptedAt >= q.from) &&
          (q.to === undefined || m.acceptedAt < q.to) &&
          (q.after === undefined || key(m) > key(q.after)),
      )
      .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
      .slice(0, q.limit);
  }

  async overdueSubmitted(submittedBefore: string, limit: number): Promise<MessageRecord[]> {
    return [...this.records.values()]
      .filter((m) => m.status === 'SUBMITTED' && m.submittedAt !== undefined && m.submittedAt < submittedBefore)
      .sort((a, b) => ((a.submittedAt as string) + a.messageId < (b.submittedAt as string) + b.messageId ? -1 : 1))
      .slice(0, limit);
  }

  async purge(accountId: string, before: string | undefined, limit: number): Promise<number> {
    const due = (await this.query({ accountId, limit, ...(before !== undefined ? { to: before } : {}) })).map((m) => m.messageId);
    for (const id of due) this.records.delete(id);
    return due.length;
  }
}

const withoutUndefined = <T extends object>(value: T): T => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

export { RecordingBus } from '@sms/testing';

/** An integration event as a consumer receives it, with a trace context (handlers pass it on). */
export const consumed = <T>(type: string, data: T, id?: string): IntegrationEvent<T> =>
  consumedEvent(type, data, { id, extensions: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' } });

/** A directory that answers every lookup with `lookup` and forgets what it is told (for handler specs). */
export const fixedDirectory = (lookup: SendLookup): SendDirectory => ({
  saveAccount: async () => undefined,
  saveSignature: async () => undefined,
  saveTemplate: async () => undefined,
  lookup: async () => lookup,
  accountOf: async () => lookup.account,
});

/** A directory that knows the given accounts (ACTIVE) and nothing else. */
export function directoryKnowing(...accountIds: string[]): SendDirectory {
  const known = (accountId: string) => (accountIds.includes(accountId) ? accountLookup(accountId) : {});
  return { ...fixedDirectory({}), lookup: async ({ accountId }) => known(accountId), accountOf: async (accountId) => known(accountId).account };
}

/** A directory lookup for an account with the given status. */
export const accountLookup = (accountId: string, status: NonNullable<SendLookup['account']>['status'] = 'ACTIVE'): SendLookup => ({
  account: { accountId, status, currency: 'CNY', changedAt: '2026-11-01T00:00:00.000Z' },
});

/** The scheduled batches in memory (same contract suite as the SQLite adapter). */
export class InMemoryScheduledBatches implements ScheduledBatches {
  readonly batches = new Map<string, ScheduledBatch>();

  async plan(batches: ScheduledBatch[]): Promise<void> {
    for (const b of batches) if (!this.batches.has(b.batchId)) this.batches.set(b.batchId, b);
  }

  async due(now: string, limit: number): Promise<ScheduledBatch[]> {
    return this.sorted().filter((b) => b.dueAt <= now).slice(0, limit);
  }

  async nextDueAt(): Promise<string | undefined> {
    return this.sorted()[0]?.dueAt;
  }

  async remove(batchIds: string[]): Promise<void> {
    for (const id of batchIds) this.batches.delete(id);
  }

  async ofAccount(accountId: string, limit: number): Promise<ScheduledBatch[]> {
    return this.sorted().filter((b) => b.accountId === accountId).slice(0, limit);
  }

  private sorted(): ScheduledBatch[] {
    return [...this.batches.values()].sort((a, b) => (a.dueAt === b.dueAt ? a.batchId.localeCompare(b.batchId) : a.dueAt < b.dueAt ? -1 : 1));
  }
}

/** The balance view in memory (same contract suite as the SQLite adapter). */
export class InMemoryBalanceView implements BalanceView {
  readonly balances = new Map<string, AccountBalanceEntry>();
  private readonly versions = new Map<number, PriceVersionEntry>();

  async saveBalance(balance: AccountBalanceEntry): Promise<boolean> {
    const held = this.balances.get(balance.accountId);
    if (held && held.revision >= balance.revision) return false;
    this.balances.set(balance.accountId, { ...balance });
    return true;
  }

  async balanceOf(accountId: string): Promise<AccountBalanceEntry | undefined> {
    const held = this.balances.get(accountId);
    return held && { ...held };
  }

  async savePriceVersion(version: PriceVersionEntry): Promise<void> {
    this.versions.set(version.version, version);
  }

  async priceVersions(): Promise<readonly PriceVersionEntry[]> {
    return [...this.versions.values()].sort(compareVersions);
  }
}
