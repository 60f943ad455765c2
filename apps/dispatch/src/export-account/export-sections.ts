import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { EXPORT_REGISTRY, type ExportRegistry, keyset, paged } from '@sms/service-kit';
import type { InboundRecord, InboundRepository } from '../inbound/application/inbound-repository';
import { INBOUND_REPOSITORY } from '../inbound/application/tokens';
import { toInboundView } from '../inbound/api/inbound.mapper';
import { toMessageView } from '../messages/api/message.mapper';
import type { MessageReadModel, MessageRecord } from '../messages/application/message-read-model';
import { MESSAGE_READ_MODEL } from '../messages/application/tokens';
import { BatchTexts } from '../messages/application/batch-texts';

const SERVICE = 'dispatch';
const PAGE = 1000;
/** Batches whose texts are kept while paging: messages come in acceptance order, so a batch's rows are together. */
const BATCHES_KEPT = 16;

/** dispatch's part of an account's export: its messages with their text and receipts, the replies, the opt-outs. */
@Injectable()
export class DispatchExportSections implements OnModuleInit {
  constructor(
    @Inject(EXPORT_REGISTRY) private readonly registry: ExportRegistry,
    @Inject(MESSAGE_READ_MODEL) private readonly messages: MessageReadModel,
    @Inject(INBOUND_REPOSITORY) private readonly inbound: InboundRepository,
    private readonly batchTexts: BatchTexts,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      name: 'messages',
      service: SERVICE,
      description: 'Every message, oldest first: recipient, rendered text, segments, operator, status and the receipt (submitted, done, error)',
      rows: (accountId) => this.messageRows(accountId),
    });
    this.registry.register({
      name: 'inbound',
      service: SERVICE,
      description: 'Replies from recipients routed to the account, oldest first',
      rows: (accountId) => this.inboundRows(accountId),
    });
    this.registry.register({
      name: 'opt-outs',
      service: SERVICE,
      description: 'Numbers that replied an opt-out keyword to the account: the number, when, and the signature it answered (kept when retention deletes the replies)',
      rows: (accountId) => this.optOutRows(accountId),
    });
  }

  private async *messageRows(accountId: string): AsyncIterable<unknown> {
    const texts = new Map<string, Map<string, string | undefined>>();
    const records = keyset(PAGE, (after) => this.messages.query({ accountId, after, limit: PAGE }), (m: MessageRecord) => ({ acceptedAt: m.acceptedAt, messageId: m.messageId }));
    for await (const record of records) {
      const { accountId: _account, ...view } = toMessageView(record);
      const content = (await this.textsOf(record.batchId, texts)).get(record.messageId);
      yield { ...view, countryCode: record.countryCode, signatureId: record.signatureId, templateId: record.templateId, ...(content !== undefined ? { content } : {}), ...(record.doneAt ? { doneAt: record.doneAt } : {}) };
    }
  }

  /** A batch's texts, kept for the next rows of the same batch (rows come in acceptance order). */
  private async textsOf(batchId: string, cache: Map<string, Map<string, string | undefined>>): Promise<Map<string, string | undefined>> {
    const cached = cache.get(batchId);
    if (cached) return cached;
    const byMessage = await this.batchTexts.of(batchId);
    if (cache.size >= BATCHES_KEPT) cache.delete(cache.keys().next().value as string);
    cache.set(batchId, byMessage);
    return byMessage;
  }

  /** The account's opt-outs as kept (the first of each number stands), whether or not their replies are still kept. */
  private optOutRows(accountId: string): AsyncIterable<unknown> {
    return mapRows(
      paged((after) => this.inbound.optOuts({ accountId, after, limit: PAGE })),
      (optOut) => ({ phoneNumber: optOut.phoneNumber, optedOutAt: optOut.optedOutAt, ...(optOut.signatureId ? { signatureId: optOut.signatureId } : {}), ...(optOut.inboundId ? { inboundId: optOut.inboundId } : {}) }),
    );
  }

  private inboundRows(accountId: string): AsyncIterable<unknown> {
    const replies = keyset(PAGE, (after) => this.inbound.query({ accountId, after, limit: PAGE }), (r: InboundRecord) => ({ receivedAt: r.receivedAt, inboundId: r.inboundId }));
    return mapRows(replies, (reply) => {
      const { accountId: _account, ...view } = toInboundView(reply);
      return view;
    });
  }
}

async function* mapRows<Row>(rows: AsyncIterable<Row>, map: (row: Row) => unknown): AsyncIterable<unknown> {
  for await (const row of rows) yield map(row);
}
