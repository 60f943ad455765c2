import type { MessagesRoutedV1, OperatorCode } from '@sms/contracts';
import type { IntegrationEvent } from '@sms/messaging';
import { consumedEvent } from '@sms/testing';
import { PERSONAL_DATA_DESTROYED } from '@sms/use-case-kit/core';
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { CarrierState, ChannelReceipt, OutboxEntry, Outcomes, QueuedMessage } from './submission/application/carrier-state.port';
import { groupBy } from './submission/application/group-by';
import { type OutboxRow, planOutboxMerge } from './submission/application/outbox-merge';
import type { ChannelSubmitOutcome, OperatorChannel } from './submission/application/operator-channel.port';
import type { DeliveryResult, SubmissionResult } from './submission/domain/events';
import { type MessageTracking, receiptCorrelation, type SegmentReceipt } from './submission/domain/receipt-correlation';

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
}

const partKey = (channelId: string, operatorMessageId: string) => `${channelId}\u0000${operatorMessageId}`;

/**
 * CarrierState in memory, with the SQLite adapter's semantics: each method is one all-or-nothing unit (a failure
 * leaves the data as it was), outcomes land in the outbox as JSON in recording order, receipts are correlated by
 * receiptCorrelation, and receipts whose operator id is unknown (or whose message has no acknowledged segment) are
 * handed back unrecorded.
 */
export class InMemoryCarrierState implements CarrierState {
  constructor(private readonly data: InMemoryCarrierData = new InMemoryCarrierData()) {}

  get instanceId(): string {
    return this.data.instanceId;
  }

  /** The same data opened again, as after a restart. */
  reopen(): InMemoryCarrierState {
    return new InMemoryCarrierState(this.data);
  }

  async enqueue(eventId: string, routed: MessagesRoutedV1): Promise<boolean> {
    return this.unit(() => {
      const claim = `routed\u0000${eventId}`;
      if (this.data.inbox.has(claim)) return false;
      this.data.inbox.add(claim);
      for (const m of routed.messages) {
        if (this.data.messages.has(m.messageId)) continue;
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
          done: false,
          reported: false,
        });
      }
      return true;
    });
  }

  async queued(afterSeq: number, limit: number): Promise<QueuedMessage[]> {
    const queued: QueuedMessage[] = [];
    for (const m of this.data.messages.values()) {
      if (queued.length >= limit) break;
      if (m.done || m.seq <= afterSeq) continue;
      const { seq, messageId, accountId, batchId, channelId, phoneNumber, segments } = m;
      queued.push({ seq, messageId, accountId, batchId, channelId, phoneNumber, text: m.text as string, segments });
    }
    return queued;
  }

  async record(outcomes: Outcomes): Promise<ChannelReceipt[]> {
    return this.unit(() => {
      for (const [channelId, list] of groupBy(outcomes.submissions, (s) => s.channelId)) this.recordSubmissions(channelId, list.map((s) => s.result));
      for (const [channelId, list] of groupBy(outcomes.inbound, (i) => i.channelId)) this.addOutbox('inbound', channelId, list.map((i) => i.message));
      return this.correlate(outcomes.receipts);
    });
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

  private recordSubmissions(channelId: string, results: SubmissionResult[]): void {
    for (const result of results) {
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

  private correlate(receipts: ChannelReceipt[]): ChannelReceipt[] {
    // Several receipts of one message may arrive in one unit: each is decided on the tracking the previous left.
    const tracked = new Map<string, MessageTracking>();
    const unknown: ChannelReceipt[] = [];
    const reports = new Map<string, DeliveryResult[]>();
    for (const receipt of receipts) {
      const messageId = this.data.parts.get(partKey(receipt.channelId, receipt.operatorMessageId));
      const message = messageId === undefined ? undefined : this.data.messages.get(messageId);
      if (!message || !message.expected) {
        unknown.push(receipt);
        continue;
      }
      const tracking = tracked.get(message.messageId) ?? toTracking(message);
      const { channelId: _channel, ...segment } = receipt;
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
    return unknown;
  }

  private addOutbox(kind: OutboxEntry['kind'], channelId: string, items: unknown[]): void {
    if (items.length > 0) this.data.outbox.push({ seq: ++this.data.lastOutboxSeq, kind, channelId, payload: JSON.stringify(items), handedOut: false });
  }

  /** One all-or-nothing unit, as a transaction: a throw restores the data as it was. */
  private unit<T>(work: () => T): T {
    const d = this.data;
    const before = { messages: new Map(d.messages), parts: new Map(d.parts), outbox: [...d.outbox], inbox: new Set(d.inbox), lastMessageSeq: d.lastMessageSeq, lastOutboxSeq: d.lastOutboxSeq };
    try {
      return work();
    } catch (error) {
      Object.assign(d, before);
      throw error;
    }
  }
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
