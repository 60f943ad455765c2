import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import {
  ACCOUNT_STATUS_CHANGED_V1,
  AccountStatusChangedV1,
  DeliveryReportedV1,
  FundsReservedV1,
  INTERNAL_TOPICS,
  MessagesScreenedV1,
  MessagesSubmittedV1,
  SIGNATURE_STATUS_CHANGED_V1,
  SignatureStatusChangedV1,
  TEMPLATE_STATUS_CHANGED_V1,
  TemplateStatusChangedV1,
} from '@sms/contracts';
import { EVENT_STORE, EventStore } from '@sms/event-store';
import { BusSubscription, IntegrationEvent, MESSAGE_BUS, MessageBus } from '@sms/messaging';
import { CLOCK, Clock, deterministicId, transaction } from '@sms/service-kit';
import { batchStream, BatchRouted, DeliveryReportsRecorded, DISPATCH_EVENTS, receiptsStream } from '../domain/events';
import { routeFor, RoutingTable } from '../domain/routing';
import { DispatchStore, StatusUpdate } from '../infrastructure/dispatch-store';
import { DISPATCH_STORE } from '../infrastructure/tokens';

export const ROUTING_TABLE = Symbol('ROUTING_TABLE');

/**
 * Dispatch's reactions to other services' events. Each consumer claims the event id in the same SQLite
 * transaction as its read-model writes, so a redelivered event changes nothing; events it appends have ids
 * derived from the consumed event, so a redelivery after a crash appends nothing new either.
 */
@Injectable()
export class DispatchConsumers implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('DispatchConsumers');
  private readonly subscriptions: BusSubscription[] = [];

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DISPATCH_STORE) private readonly dispatch: DispatchStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ROUTING_TABLE) private readonly routing: RoutingTable,
  ) {}

  async onModuleInit(): Promise<void> {
    const on = async (groupId: string, topics: string[], handler: (event: IntegrationEvent) => Promise<void> | void) => {
      this.subscriptions.push(await this.bus.subscribe({ groupId, topics, handler: async (event) => handler(event) }));
    };
    await on('dispatch.projections', [INTERNAL_TOPICS.accounts, INTERNAL_TOPICS.review], (e) => this.onProjection(e));
    await on('dispatch.screening', [INTERNAL_TOPICS.messagesScreened], (e) => this.onScreened(e));
    await on('dispatch.funds', [INTERNAL_TOPICS.fundsReserved], (e) => this.onFundsReserved(e));
    await on('dispatch.submissions', [INTERNAL_TOPICS.submissions], (e) => this.onSubmitted(e));
    await on('dispatch.receipts', [INTERNAL_TOPICS.deliveryReports], (e) => this.onDeliveryReported(e));
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.subscriptions.map((s) => s.close()));
  }

  private onProjection(event: IntegrationEvent): void {
    transaction(this.dispatch.db, () => {
      if (!this.dispatch.claim('projections', event.id)) return;
      if (event.type === ACCOUNT_STATUS_CHANGED_V1) {
        const a = event.data as AccountStatusChangedV1;
        this.dispatch.saveAccount(a.accountId, a.status, a.currency, a.changedAt);
      } else if (event.type === SIGNATURE_STATUS_CHANGED_V1) {
        this.dispatch.saveSignature(event.data as SignatureStatusChangedV1);
      } else if (event.type === TEMPLATE_STATUS_CHANGED_V1) {
        this.dispatch.saveTemplate(event.data as TemplateStatusChangedV1);
      }
    });
  }

  private onScreened(event: IntegrationEvent): void {
    const s = event.data as MessagesScreenedV1;
    transaction(this.dispatch.db, () => {
      if (!this.dispatch.claim('screening', event.id)) return;
      this.dispatch.advanceMany(
        s.blocked.map((b) => ({ messageId: b.messageId, status: 'BLOCKED', errorCode: 'CONTENT_BLOCKED', errorDetail: `blocked by content screening: ${b.category}` })),
      );
      for (const h of s.held) this.dispatch.annotate(h.messageId, 'HELD_FOR_REVIEW', `held for human review: ${h.category}`);
    });
  }

  private async onFundsReserved(event: IntegrationEvent): Promise<void> {
    const f = event.data as FundsReservedV1;
    const routedAt = this.clock.now().toISOString();
    const byChannel = new Map<string, BatchRouted['messages']>();
    const unroutable: string[] = [];
    const rows = this.dispatch.messages(f.reserved.map((r) => r.messageId));
    for (const { messageId } of f.reserved) {
      const row = rows.get(messageId);
      if (!row) continue;
      const channelId = routeFor(row.operator as never, this.routing);
      if (!channelId) {
        unroutable.push(messageId);
        continue;
      }
      const list = byChannel.get(channelId) ?? [];
      list.push({ messageId, phoneNumber: row.phone_number, text: row.text, segments: row.segments, operator: row.operator as never });
      byChannel.set(channelId, list);
    }
    // Appended before the read model moves on: if we crash in between, the redelivery re-appends the same ids (no-op).
    for (const [channelId, messages] of byChannel) {
      const routed: BatchRouted = { batchId: f.batchId, accountId: f.accountId, channelId, routedAt, messages };
      await this.store.appendToStream(batchStream(f.batchId), {
        id: deterministicId(event.id, 'routed', channelId),
        type: DISPATCH_EVENTS.batchRouted,
        data: routed,
        metadata: traceMetadata(event),
      });
    }
    transaction(this.dispatch.db, () => {
      if (!this.dispatch.claim('funds', event.id)) return;
      this.dispatch.advanceMany([
        ...f.rejected.map((r): StatusUpdate => ({ messageId: r.messageId, status: 'REJECTED', errorCode: r.code, errorDetail: r.detail })),
        ...[...byChannel].flatMap(([channelId, messages]) => messages.map((m): StatusUpdate => ({ messageId: m.messageId, status: 'QUEUED', channelId }))),
        ...unroutable.map((messageId): StatusUpdate => ({ messageId, status: 'FAILED', errorCode: 'NO_ROUTE', errorDetail: 'No channel serves this operator' })),
      ]);
    });
    if (unroutable.length > 0) this.logger.warn(`${unroutable.length} message(s) of batch ${f.batchId} had no route`);
  }

  private onSubmitted(event: IntegrationEvent): void {
    const s = event.data as MessagesSubmittedV1;
    transaction(this.dispatch.db, () => {
      if (!this.dispatch.claim('submissions', event.id)) return;
      this.dispatch.advanceMany(
        s.results.map(
          (r): StatusUpdate =>
            r.status === 'SUBMITTED'
              ? { messageId: r.messageId, status: 'SUBMITTED', operatorMessageIds: r.operatorMessageIds, submittedAt: r.submittedAt, channelId: s.channelId }
              : { messageId: r.messageId, status: 'FAILED', errorCode: r.errorCode ?? 'SUBMIT_FAILED', errorDetail: 'The operator refused the submission' },
        ),
      );
    });
  }

  private async onDeliveryReported(event: IntegrationEvent): Promise<void> {
    const d = event.data as DeliveryReportedV1;
    const reports: DeliveryReportsRecorded['reports'] = [];
    const rows = this.dispatch.messages(d.reports.map((r) => r.messageId));
    for (const r of d.reports) {
      const row = rows.get(r.messageId);
      if (!row) continue;
      reports.push({
        messageId: r.messageId,
        batchId: row.batch_id,
        outId: row.out_id ?? undefined,
        phoneNumber: row.phone_number,
        status: r.status,
        operator: row.operator,
        operatorMessageId: r.operatorMessageId,
        errorCode: r.errorCode,
        // The carrier knows when it submitted even if its acknowledgement has not reached us yet.
        submittedAt: row.submitted_at ?? r.submittedAt ?? r.doneAt,
        doneAt: r.doneAt,
        segments: row.segments,
      });
    }
    if (reports.length > 0) {
      await this.store.appendToStream(receiptsStream(d.accountId), {
        id: deterministicId(event.id, 'receipts'),
        type: DISPATCH_EVENTS.deliveryReportsRecorded,
        data: { accountId: d.accountId, reports } satisfies DeliveryReportsRecorded,
        metadata: traceMetadata(event),
      });
    }
    transaction(this.dispatch.db, () => {
      if (!this.dispatch.claim('receipts', event.id)) return;
      this.dispatch.advanceMany(
        d.reports.map((r): StatusUpdate => ({ messageId: r.messageId, status: r.status, doneAt: r.doneAt, errorCode: r.status === 'DELIVERED' ? undefined : r.errorCode })),
      );
    });
  }
}

function traceMetadata(event: IntegrationEvent): Record<string, string> {
  const { traceparent, tracestate } = event.extensions ?? {};
  return { causationId: event.id, ...(traceparent ? { traceparent } : {}), ...(tracestate ? { tracestate } : {}) };
}
