import { Inject, Injectable, Logger } from '@nestjs/common';
import type { IntegrationEvent } from '@sms/messaging';
import { deterministicId } from '@sms/service-kit';
import { accept, applyOnce, type CommandHandler, type ReadModelDatabase } from '@sms/use-case-kit';
import { causationMetadata } from '../../causation';
import type { DispatchEvent } from '../../dispatch.codec';
import { DispatchConfig } from '../../dispatch.config';
import type { InboundRepository } from '../application/inbound-repository';
import type { ExtensionOwners } from '../application/extension-owners';
import type { LastOutboundLookup } from '../application/last-outbound';
import { EXTENSION_OWNERS, INBOUND_DATABASE, INBOUND_REPOSITORY, INBOUND_STREAMS, LAST_OUTBOUND } from '../application/tokens';
import { decideInbound, extensionIn, type InboundMo, senderNumber } from '../domain/decide-inbound';
import { inboundStream, type InboundStreamState } from '../domain/events';

/**
 * Routes a reply the carrier adapter received: finds whose extension code it was addressed to or, without one, who last
 * wrote to the sender; decides, appends the decision to the account's inbound stream (id derived from the consumed
 * event, so a redelivery appends nothing), then records the reply and any opt-out with the inbox claim.
 */
@Injectable()
export class RouteInboundHandler {
  private readonly logger = new Logger('RouteInboundHandler');
  private readonly routingWindowMs: number;
  private readonly serviceNumbers: readonly string[];

  constructor(
    @Inject(INBOUND_STREAMS) private readonly streams: CommandHandler<DispatchEvent, InboundStreamState>,
    @Inject(INBOUND_DATABASE) private readonly db: ReadModelDatabase,
    @Inject(INBOUND_REPOSITORY) private readonly inbound: InboundRepository,
    @Inject(LAST_OUTBOUND) private readonly lastOutbound: LastOutboundLookup,
    @Inject(EXTENSION_OWNERS) private readonly extensions: ExtensionOwners,
    config: DispatchConfig,
  ) {
    this.routingWindowMs = config.inboundRoutingWindowMs;
    this.serviceNumbers = config.serviceNumbers;
  }

  async handle(event: IntegrationEvent, mo: InboundMo): Promise<void> {
    // The same MO under another event id (the adapter re-recorded it) was already routed: only claim this id.
    if (await this.inbound.find(mo.inboundId)) {
      await applyOnce(this.db, 'inbound', event.id, async () => undefined);
      return;
    }
    const extension = extensionIn(mo.to, this.serviceNumbers);
    const owner = extension === undefined ? undefined : await this.extensions.ownerOf(extension);
    const extensionOwner = owner && { accountId: owner.accountId, signatureId: owner.signatureId };
    const receivedAt = new Date(mo.receivedAt);
    const notBefore = new Date(receivedAt.getTime() - this.routingWindowMs).toISOString();
    // Bounded by the reply's own time, so deciding again on a redelivery gives the same answer. Not asked when the
    // extension code already named the signature.
    const lastOutbound = extensionOwner ? undefined : await this.lastOutbound.lastOutboundTo(senderNumber(mo.from), receivedAt.toISOString(), notBefore);
    const routed = decideInbound(mo, { extensionOwner, lastOutbound, routingWindowMs: this.routingWindowMs });

    const result = await this.streams.handle(inboundStream(routed.accountId), () => accept<DispatchEvent>({ type: 'InboundRouted', data: routed }), {
      eventId: () => deterministicId(event.id, 'inbound'),
      metadata: causationMetadata(event),
    });
    if (!result.ok) throw new Error(`Routing reply ${routed.inboundId} was refused: ${result.rejection.code}`);
    await applyOnce(this.db, 'inbound', event.id, () => this.inbound.record(routed));
    if (!routed.accountId) this.logger.debug(`inbound ${routed.inboundId} matched no recent send; recorded, not published`);
  }
}
