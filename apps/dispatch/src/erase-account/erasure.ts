import { Inject, Injectable, type OnModuleInit, Optional } from '@nestjs/common';
import { type DataErasure, ERASURE_REGISTRY, type ErasureRegistry } from '@sms/service-kit';
import type { UnitOfWork } from '@sms/use-case-kit';
import type { InboundRepository } from '../inbound/application/inbound-repository';
import { INBOUND_DATABASE, INBOUND_REPOSITORY } from '../inbound/application/tokens';
import type { Batches } from '../messages/application/batches';
import type { MessageReadModel } from '../messages/application/message-read-model';
import { RECIPIENT_QUOTA, type RecipientQuota } from '../messages/application/recipient-quota';
import type { SignatureExtensions } from '../messages/application/signature-extensions';
import { BATCHES, DISPATCH_DATABASE, MESSAGE_READ_MODEL, SIGNATURE_EXTENSIONS } from '../messages/application/tokens';
import type { StatisticsStore } from '../statistics/application/statistics-store';
import { STATISTICS_STORE } from '../statistics/application/tokens';

/** Rows deleted per unit of work: a big account's erasure never holds a file for long. */
export const PURGE_CHUNK = 5_000;

/**
 * dispatch's part of an erasure (ADR 0017), after this process's key ring destroyed the keys: the batches it keeps
 * decoded in memory (their numbers and texts in clear) are dropped, then the message read model (rows, sealed number
 * lists, blind indexes) and inbound's replies are purged — from before the boundary for a retention, all of them, and
 * the opt-outs, for the erasure of the account. Idempotent: a redelivered erasure finds nothing left to delete.
 */
@Injectable()
export class DispatchErasure implements OnModuleInit {
  constructor(
    @Inject(ERASURE_REGISTRY) private readonly registry: ErasureRegistry,
    @Inject(BATCHES) private readonly batches: Batches,
    @Inject(MESSAGE_READ_MODEL) private readonly messages: MessageReadModel,
    @Inject(DISPATCH_DATABASE) private readonly messagesDb: UnitOfWork,
    @Inject(INBOUND_REPOSITORY) private readonly inbound: InboundRepository,
    @Inject(INBOUND_DATABASE) private readonly inboundDb: UnitOfWork,
    @Inject(SIGNATURE_EXTENSIONS) private readonly extensions: Pick<SignatureExtensions, 'retire'>,
    @Optional() @Inject(RECIPIENT_QUOTA) private readonly quota?: Pick<RecipientQuota, 'forget'>,
    @Optional() @Inject(STATISTICS_STORE) private readonly statistics?: Pick<StatisticsStore, 'purge'>,
  ) {}

  onModuleInit(): void {
    this.registry.register({ name: 'dispatch', erase: (erasure) => this.erase(erasure) });
  }

  async erase({ accountId, before }: DataErasure): Promise<void> {
    this.batches.forgetWhere(({ accepted }) => accepted?.accountId === accountId && (before === undefined || accepted.acceptedAt < before));
    await drain(this.messagesDb, () => this.messages.purge(accountId, before, PURGE_CHUNK));
    await drain(this.inboundDb, () => this.inbound.purge(accountId, before, PURGE_CHUNK));
    // The account is gone: replies to its extension codes are no one's now (ADR 0021); the codes stay taken.
    if (before === undefined) await this.messagesDb.transaction(() => this.extensions.retire(accountId));
    // The harassment guard's counters name the account's recipients by blind index (ADR 0022); retention leaves them, they last a day.
    if (before === undefined) await this.quota?.forget(accountId);
    // Statistics hold no personal data and outlive retention (ADR 0020), but they are the account's: they go with it.
    const statistics = this.statistics;
    if (before === undefined && statistics) await drain(this.messagesDb, () => statistics.purge(accountId, PURGE_CHUNK));
  }
}

/** Runs `purge` a unit of work at a time until a chunk comes back short. */
async function drain(db: UnitOfWork, purge: () => Promise<number>): Promise<void> {
  while ((await db.transaction(purge)) >= PURGE_CHUNK) {
    // the next chunk
  }
}
