import type { MessageCancellationsRequestedV1, MessagesRoutedV1, OperatorCode } from '@sms/contracts';
import type { IntegrationEvent } from '@sms/messaging';
import { consumedEvent } from '@sms/testing';
import { PERSONAL_DATA_DESTROYED } from '@sms/use-case-kit/core';
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { CarrierState, ChannelReceipt, OutboxEntry, Outcomes, QueuedMessage } from './submission/application/carrier-state.port';
import { groupBy } from './submission/application/group-by';
import { type OutboxRow, planOutboxMerge } from './submission/application/outbox-merge';
import type { ChannelStats, ChannelSubmitOutcome, OperatorChannel } from './submission/application/operator-channel.port';
import type { DeliveryResult, SubmissionResult } from './submission/domain/events';
import type { ChannelControl, Maintenance, ReturnedResult } from './submission/domain/failover';
import type { ChannelControlStore, StoredControls } from './submission/application/channel-controls.port';
import { type MessageTracking, receiptCorrelation, type SegmentReceipt } from './submission/domain/receipt-correlation';
import { type AccountStanding, CANCELLATION_KEPT_MS, type CancelReason, cancelledResult, haltReason, supersedes } from './submission/domain/stop-transmission';

/*
 * Doubles for the use-case specs (unit level: no SQLite, no socket). The in-memory CarrierState passes the same
 * contract suite as the SQLite adapter (test-support.spec.ts), so a spec that passes on it says something about
 * production.
 */

interface StoredMessage {
  seq: number;
  messageId: string;
  accountId: string;
  batchId: string;
  channelId: string;
  routedAt: string;
  phoneNumber: string;
  /** Kept until the operator answered: it is needed only to submit. */
  text?: string;
  segments: number;
  operator?: OperatorCode;
  outId?: string;
  sourceExtension?: string;
  done: boolean;
  expected?: number;
  submittedAt?: string;
  /** JSON, as the SQLite adapter keeps it: what is read back is a copy, never the caller's object. */
  receipts?: string;
  reported: boolean;
}

/** The data of one "database file": shared by every InMemoryCarrierState opened on it. */
class InMemoryCarrierData {
  readonly instanceId = randomUUID();
  messages = new Map<string, StoredMessage>();
  parts = new Map<string, string>();
  outbox: OutboxRow[] = [];
  inbox = new Set<string>();
  lastMessageSeq = 0;
  lastOutboxSeq = 0;
  standings = new Map<string, AccountStanding>();
  /** Cancellations of messages not queued yet, by message id. */
  cancellations = new Map<string, { accountId: string; recordedAt: string }>();
  /** Receipts no submission mapped yet, by channel and operator id, in arrival order (a Map keeps insertion order). */
  unmatched = new Map<string, ChannelReceipt & { firstSeenAt: string }>();
}

const partKey = (channelId: string, operatorMessageId: string) => `${channelId}\u0000${operatorMessageId}`;

/**
 * CarrierState in memory, with the SQLite adapter's semantics: each method is one all-or-nothing unit (a failure
 * leaves the data as it was), outcomes land in the outbox as JSON in recording order, receipts are correlated by
 * receiptCorrelation, and receipts whose operator id is unknown (or whose message has no acknowledged segment) are
 * kept until a submission maps their id.
 */
export class InMemoryCarrierState implements CarrierState {
  /** Handed out by `queued` and not answered yet: in flight (this instance's memory, gone after a restart). */
  private readonly handedOut = new Set<string>();

  constructor(private readonly data: InMemoryCarrierData = new InMemoryCarrierData()) {}

  get instanceId(): string {
    return this.data.instanceId;
  }

  /** The same data opened again, as after a restart. */
  reopen(): InMemoryCarrierState {
    return new InMemoryCarrierState(this.data);
  }

  async enqueue(eventId: string, routed: MessagesRoutedV1, at: string = routed.routedAt): Promise<boolean> {
    return this.unit(() => {
      const claim = `routed\u0000${eventId}`;
      if (this.data.inbox.has(claim)) return false;
      this.data.inbox.add(claim);
      const arrived: string[] = [];
      for (const m of routed.messages) {
        if (this.data.messages.has(m.messageId)) continue;
        arrived.push(m.messageId);
        this.data.messages.set(m.messageId, {
          seq: ++this.data.lastMessageSeq,
          messageId: m.messageId,
          accountId: routed.accountId,
          batchId: routed.batchId,
          channelId: routed.channelId,
          routedAt: routed.routedAt,
          phoneNumber: m.phoneNumber,
          text: m.text,
          segments: m.segments,
          ...(m.operator ? { operator: m.operator } : {}),
          ...(m.outId ? { outId: m.outId } : {}),
          ...(routed.sourceExtension ? { sourceExtension: routed.sourceExtension } : {}),
          done: false,
          reported: false,
        });
      }
      this.arrived(routed.accountId, arrived, at);
      return true;
    });
  }

  async queued(afterSeq: number, limit: number, channel?: string): Promise<QueuedMessage[]> {
    const queued: QueuedMessage[] = [];
    for (const m of this.data.messages.values()) {
      if (queued.length >= limit) break;
      if (m.done || m.seq <= afterSeq || (channel !== undefined && m.channelId !== channel)) continue;
      const { seq, messageId, accountId, batchId, channelId, phoneNumber, segments } = m;
      this.handedOut.add(messageId);
      queued.push({ seq, messageId, accountId, batchId, channelId, phoneNumber, text: m.text as string, segments, ...(m.sourceExtension ? { sourceExtension: m.sourceExtension } : {}) });
    }
    return queued;
  }

  async returnQueued(
    channelId: string,
    afterSeq: number,
    limit: number,
    keep: readonly string[],
    reason: ReturnedResult['reason'],
    at: string,
  ): Promise<{ returned: ReturnedResult[]; lastSeq?: number }> {
    return this.unit(() => {
      const waiting = [...this.data.messages.values()].filter((m) => !m.done && m.channelId === channelId && m.seq > afterSeq).slice(0, limit);
      if (waiting.length === 0) return { returned: [] };
      const kept = new Set(keep);
      const back = waiting.filter((m) => !this.handedOut.has(m.messageId) && !kept.has(m.messageId));
      for (const m of back) this.data.messages.delete(m.messageId);
      const returned = back.map((m): ReturnedResult => ({ messageId: m.messageId, batchId: m.batchId, accountId: m.accountId, reason, returnedAt: at }));
      this.addOutbox('returned', channelId, returned);
      return { returned, lastSeq: waiting[waiting.length - 1].seq };
    });
  }

  async countQueued(channelId: string, max: number): Promise<number> {
    let count = 0;
    for (const m of this.data.messages.values()) if (!m.done && m.channelId === channelId && count < max) count++;
    return count;
  }

  async queuedChannels(): Promise<string[]> {
    return [...new Set([...this.data.messages.values()].filter((m) => !m.done).map((m) => m.channelId))];
  }

  async record(outcomes: Outcomes): Promise<void> {
    this.unit(() => {
      const mapped = new Set<string>();
      for (const [channelId, list] of groupBy(outcomes.submissions, (s) => s.channelId)) {
        this.recordSubmissions(channelId, list.map((s) => s.result));
        for (const { result } of list) for (const id of result.operatorMessageIds ?? []) mapped.add(partKey(channelId, id));
      }
      for (const [channelId, list] of groupBy(outcomes.inbound, (i) => i.channelId)) this.addOutbox('inbound', channelId, list.map((i) => i.message));
      // Receipts kept for the ids just mapped go first, as if they had just arrived.
      const waiting = [...this.data.unmatched].filter(([key]) => mapped.has(key));
      for (const [key] of waiting) this.data.unmatched.delete(key);
      this.correlate([...waiting.map(([, receipt]) => receipt), ...outcomes.receipts]);
    });
  }

  async unmatchedReceipts(channelId?: string): Promise<number> {
    let count = 0;
    for (const receipt of this.data.unmatched.values()) if (channelId === undefined || receipt.channelId === channelId) count++;
    return count;
  }

  async outbox(limit: number): Promise<OutboxEntry[]> {
    return this.unit(() => {
      const rows = this.data.outbox.slice(0, limit);
      const { entries, merges } = planOutboxMerge(rows);
      const dropped = new Set(merges.flatMap((m) => m.drop));
      const merged = new Map(merges.map((m) => [m.keep, m.payload]));
      const handedOut = new Set(rows.map((row) => row.seq));
      this.data.outbox = this.data.outbox
        .filter((row) => !dropped.has(row.seq))
        .map((row) => ({ ...row, payload: merged.get(row.seq) ?? row.payload, handedOut: row.handedOut || handedOut.has(row.seq) }));
      return entries;
    });
  }

  async published(seq: number): Promise<void> {
    this.data.outbox = this.data.outbox.filter((row) => row.seq > seq);
  }

  /** `limit` and the answer count answered messages; a queued one only loses its number and text. */
  async purge(accountId: string, before: string | undefined, limit: number): Promise<number> {
    return this.unit(() => {
      let deleted = 0;
      for (const message of [...this.data.messages.values()]) {
        if (message.accountId !== accountId || (before !== undefined && message.routedAt >= before)) continue;
        if (!message.done) {
          this.data.messages.set(message.messageId, { ...message, phoneNumber: PERSONAL_DATA_DESTROYED, text: PERSONAL_DATA_DESTROYED });
        } else if (deleted < limit) {
          this.data.messages.delete(message.messageId);
          deleted += 1;
        }
      }
      return deleted;
    });
  }

  async recordAccountStatus(change: AccountStanding, at: string): Promise<{ applied: boolean; cancelled: number }> {
    return this.unit(() => {
      if (!supersedes(change, this.data.standings.get(change.accountId))) return { applied: false, cancelled: 0 };
      this.data.standings.set(change.accountId, { ...change });
      const reason = haltReason(change.status);
      if (reason === undefined) return { applied: true, cancelled: 0 };
      const queued = [...this.data.messages.values()].filter((m) => !m.done && m.accountId === change.accountId && !this.handedOut.has(m.messageId));
      return { applied: true, cancelled: this.cancelMessages(queued, reason, at) };
    });
  }

  async accountStandings(): Promise<AccountStanding[]> {
    return [...this.data.standings.values()].map((s) => ({ ...s }));
  }

  async cancel(eventId: string, request: MessageCancellationsRequestedV1, at: string): Promise<{ claimed: boolean; cancelled: number }> {
    return this.unit(() => {
      const claim = `cancellations\u0000${eventId}`;
      if (this.data.inbox.has(claim)) return { claimed: false, cancelled: 0 };
      this.data.inbox.add(claim);
      const oldest = new Date(Date.parse(at) - CANCELLATION_KEPT_MS).toISOString();
      for (const [messageId, kept] of this.data.cancellations) if (kept.recordedAt < oldest) this.data.cancellations.delete(messageId);
      const named: StoredMessage[] = [];
      for (const { messageId } of request.messages) {
        const message = this.data.messages.get(messageId);
        if (!message) {
          if (!this.data.cancellations.has(messageId)) this.data.cancellations.set(messageId, { accountId: request.accountId, recordedAt: at });
        } else if (!message.done && message.accountId === request.accountId && !this.handedOut.has(messageId)) {
          named.push(message);
        }
      }
      return { claimed: true, cancelled: this.cancelMessages(named, 'CANCELLED', at) };
    });
  }

  /** The messages just queued meet the account's halt and the cancellations that came before them. */
  private arrived(accountId: string, messageIds: string[], at: string): void {
    const messages = messageIds.map((id) => this.data.messages.get(id) as StoredMessage);
    const standing = this.data.standings.get(accountId);
    const reason = standing && haltReason(standing.status);
    if (reason !== undefined) {
      this.cancelMessages(messages, reason, at);
      return;
    }
    const remembered = messages.filter((m) => this.data.cancellations.get(m.messageId)?.accountId === accountId);
    for (const m of remembered) this.data.cancellations.delete(m.messageId);
    this.cancelMessages(remembered, 'CANCELLED', at);
  }

  private cancelMessages(messages: StoredMessage[], reason: CancelReason, at: string): number {
    const ordered = [...messages].sort((a, b) => a.seq - b.seq);
    for (const m of ordered) this.data.messages.set(m.messageId, { ...m, done: true, text: undefined, expected: 0 });
    for (const [channelId, list] of groupBy(ordered, (m) => m.channelId)) this.addOutbox('submission', channelId, list.map((m) => cancelledResult(m, reason, at)));
    return ordered.length;
  }

  private recordSubmissions(channelId: string, results: SubmissionResult[]): void {
    for (const result of results) {
      this.handedOut.delete(result.messageId);
      const message = this.data.messages.get(result.messageId);
      if (message) {
        this.data.messages.set(result.messageId, {
          ...message,
          done: true,
          text: undefined,
          expected: result.segmentsSubmitted,
          submittedAt: result.submittedAt,
          receipts: message.receipts ?? '[]',
        });
      }
      for (const id of result.operatorMessageIds ?? []) {
        const key = partKey(channelId, id);
        if (!this.data.parts.has(key)) this.data.parts.set(key, result.messageId);
      }
    }
    this.addOutbox('submission', channelId, results);
  }

  private correlate(receipts: Array<ChannelReceipt & { firstSeenAt?: string }>): void {
    // Several receipts of one message may arrive in one unit: each is decided on the tracking the previous left.
    const tracked = new Map<string, MessageTracking>();
    const now = new Date().toISOString();
    const reports = new Map<string, DeliveryResult[]>();
    for (const receipt of receipts) {
      const messageId = this.data.parts.get(partKey(receipt.channelId, receipt.operatorMessageId));
      const message = messageId === undefined ? undefined : this.data.messages.get(messageId);
      if (!message || !message.expected) {
        const key = partKey(receipt.channelId, receipt.operatorMessageId);
        if (!this.data.unmatched.has(key)) this.data.unmatched.set(key, { ...copyReceipt(receipt), firstSeenAt: receipt.firstSeenAt ?? now });
        continue;
      }
      const tracking = tracked.get(message.messageId) ?? toTracking(message);
      const { channelId: _channel, firstSeenAt: _seen, ...segment } = receipt;
      const decision = receiptCorrelation.decide(segment satisfies SegmentReceipt, tracking);
      if (!decision.ok || decision.events.length === 0) continue;
      tracked.set(message.messageId, decision.events.reduce(receiptCorrelation.evolve, tracking));
      for (const event of decision.events) {
        if (event.type !== 'MessageReported') continue;
        const list = reports.get(receipt.channelId) ?? [];
        list.push(event.report);
        reports.set(receipt.channelId, list);
      }
    }
    for (const t of tracked.values()) {
      const message = this.data.messages.get(t.messageId) as StoredMessage;
      this.data.messages.set(t.messageId, { ...message, receipts: JSON.stringify(t.receipts), reported: t.reported });
    }
    for (const [channelId, list] of reports) this.addOutbox('delivery', channelId, list);
  }

  private addOutbox(kind: OutboxEntry['kind'], channelId: string, items: unknown[]): void {
    if (items.length > 0) this.data.outbox.push({ seq: ++this.data.lastOutboxSeq, kind, channelId, payload: JSON.stringify(items), handedOut: false });
  }

  /** One all-or-nothing unit, as a transaction: a throw restores the data as it was. */
  private unit<T>(work: () => T): T {
    const d = this.data;
    const before = {
      messages: new Map(d.messages),
      parts: new Map(d.parts),
      outbox: [...d.outbox],
      inbox: new Set(d.inbox),
      lastMessageSeq: d.lastMessageSeq,
      lastOutboxSeq: d.lastOutboxSeq,
      standings: new Map(d.standings),
      cancellations: new Map(d.cancellations),
      unmatched: new Map(d.unmatched),
    };
    try {
      return work();
    } catch (error) {
      Object.assign(d, before);
      throw error;
    }
  }
}

/** A receipt's own fields, as the SQLite adapter keeps them (a copy, never the caller's object). */
function copyReceipt(r: ChannelReceipt): ChannelReceipt {
  return { channelId: r.channelId, operatorMessageId: r.operatorMessageId, status: r.status, ...(r.errorCode !== undefined ? { errorCode: r.errorCode } : {}), doneAt: r.doneAt };
}

function toTracking(m: StoredMessage): MessageTracking {
  return {
    messageId: m.messageId,
    batchId: m.batchId,
    accountId: m.accountId,
    expected: m.expected ?? 0,
    ...(m.submittedAt ? { submittedAt: m.submittedAt } : {}),
    phoneNumber: m.phoneNumber,
    ...(m.operator ? { operator: m.operator } : {}),
    ...(m.outId ? { outId: m.outId } : {}),
    segments: m.segments,
    receipts: JSON.parse(m.receipts ?? '[]') as SegmentReceipt[],
    reported: m.reported,
  };
}

type SubmitMessage = Parameters<OperatorChannel['submit']>[0];

/** A submit the fake channel holds until the spec answers it. */
export interface HeldSubmit {
  message: SubmitMessage;
  /** Every segment acknowledged, with these operator ids. */
  acknowledge(...operatorMessageIds: string[]): void;
  /** The operator's answer per segment. */
  answer(outcome: ChannelSubmitOutcome): void;
  /** The submit failed without an answer (connection lost, session closed). */
  fail(error: Error & { code?: string }): void;
}

/**
 * An operator channel in memory: submits are held until the spec answers them (or answered at once by `autoAnswer`);
 * `close` fails what is still held, as a session closing before the SMSC answered does.
 */
export class FakeChannel extends EventEmitter implements OperatorChannel {
  readonly held: HeldSubmit[] = [];
  readonly submitted: SubmitMessage[] = [];
  /** The most submits held at once. */
  maxHeld = 0;
  started = false;
  closed = false;
  /** Bound sessions: the fake is up (one bound) until the spec says otherwise (`goDown`). */
  sessionsBound = 1;

  constructor(
    readonly id: string,
    readonly capacity: number,
    private readonly autoAnswer?: (message: SubmitMessage) => ChannelSubmitOutcome,
  ) {
    super();
  }

  async start(): Promise<void> {
    this.started = true;
  }

  submit(message: SubmitMessage): Promise<ChannelSubmitOutcome> {
    this.submitted.push(message);
    if (this.autoAnswer) return Promise.resolve(this.autoAnswer(message));
    return new Promise((resolve, reject) => {
      const held: HeldSubmit = {
        message,
        acknowledge: (...ids) => settle(() => resolve({ parts: ids.map((operatorMessageId, i) => ({ seq: i + 1, operatorMessageId })) })),
        answer: (outcome) => settle(() => resolve(outcome)),
        fail: (error) => settle(() => reject(error)),
      };
      const settle = (done: () => void) => {
        const index = this.held.indexOf(held);
        if (index < 0) return;
        this.held.splice(index, 1);
        done();
      };
      this.held.push(held);
      this.maxHeld = Math.max(this.maxHeld, this.held.length);
    });
  }

  stats(): ChannelStats {
    return { sessions: 1, sessionsBound: this.sessionsBound, windowSize: this.capacity, windowInUse: this.held.length };
  }

  /** Its last session lost: 'down', as an SMPP channel emits it. */
  goDown(): void {
    this.sessionsBound = 0;
    this.emit('down');
  }

  goUp(): void {
    this.sessionsBound = 1;
    this.emit('up');
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const held of [...this.held]) held.fail(Object.assign(new Error('SMPP session closed before the SMSC answered the submit'), { code: 'SMPP_SESSION_CLOSED' }));
  }
}

export { RecordingBus } from '@sms/testing';

/** An integration event as a consumer receives it. */
export const consumed = <T>(type: string, data: T, id?: string): IntegrationEvent<T> => consumedEvent(type, data, { id });

/** A clock the spec sets. */
export const fixedClock = (iso = '2026-11-23T10:00:01.000Z') => ({ now: () => new Date(iso) });

/** ChannelControlStore in memory (passes the same contract as the SQLite adapter); `reopen` is a restart. */
export class InMemoryChannelControls implements ChannelControlStore {
  constructor(private readonly rows: Map<string, ChannelControl | Maintenance> = new Map()) {}

  reopen(): InMemoryChannelControls {
    return new InMemoryChannelControls(this.rows);
  }

  async load(): Promise<StoredControls> {
    const stored: StoredControls = { channels: [] };
    for (const [key, value] of this.rows) {
      if (key === 'maintenance') stored.maintenance = { ...(value as Maintenance) };
      else stored.channels.push({ ...(value as ChannelControl) });
    }
    return stored;
  }

  async saveChannel(control: ChannelControl): Promise<boolean> {
    return this.save(`channel:${control.channelId}`, control);
  }

  async saveMaintenance(maintenance: Maintenance): Promise<boolean> {
    return this.save('maintenance', maintenance);
  }

  private save(key: string, value: ChannelControl | Maintenance): boolean {
    const known = this.rows.get(key);
    if (known && known.version >= value.version) return false;
    this.rows.set(key, { ...value });
    return true;
  }
}
