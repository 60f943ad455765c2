import { Inject, Injectable, Logger } from '@nestjs/common';
import type { IntegrationEvent } from '@sms/messaging';
import { CLOCK, type Clock } from '@sms/service-kit';
import type { CarrierState } from '../application/carrier-state.port';
import { HaltedAccounts } from '../application/halted-accounts';
import { CARRIER_STATE } from '../application/tokens';
import { haltReason } from '../domain/stop-transmission';
import { RelayOutcomesHandler } from '../relay-outcomes/handler';
import { parseAccountStatusChanged } from './account-status.payload';

/**
 * Stops transmission for an account that is no longer ACTIVE (DOMAIN §3, §5; ADR 0023), and lets it send again once it
 * is. The change goes into the submit loop's in-memory view first — from then on nothing of a halted account is handed
 * to a window — and is then recorded: the account's queued messages not in flight are cancelled in the same unit
 * (FAILED, CANCELLED, nothing submitted) and relayed, so billing releases them. A change older than one already
 * applied changes nothing; a redelivery finds nothing left to cancel. A failed write throws and the bus redelivers.
 */
@Injectable()
export class HaltAccountHandler {
  private readonly logger = new Logger('HaltAccountHandler');

  constructor(
    @Inject(CARRIER_STATE) private readonly state: CarrierState,
    @Inject(HaltedAccounts) private readonly halts: HaltedAccounts,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(RelayOutcomesHandler) private readonly relay: Pick<RelayOutcomesHandler, 'handle'>,
  ) {}

  async handle(event: IntegrationEvent): Promise<void> {
    const change = parseAccountStatusChanged(event.data);
    if (!this.halts.apply(change)) return;
    const { applied, cancelled } = await this.state.recordAccountStatus(change, this.clock.now().toISOString());
    if (cancelled > 0) this.relay.handle();
    const reason = haltReason(change.status);
    if (applied && reason !== undefined) this.logger.log(`account ${change.accountId} halted (${reason}): ${cancelled} queued message(s) cancelled`);
  }
}
