import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock, DomainError } from '@sms/service-kit';
import { ChannelRegistry, type MaintenanceView } from '../application/channel-registry';
import { maintenanceRecordOf, type MaintenanceStreams } from '../application/channel-streams';
import { MAINTENANCE_STREAM_HANDLER } from '../application/tokens';
import { MAINTENANCE_STREAM } from '../domain/events';
import { maintenanceDecider } from '../domain/maintenance';

/**
 * PUT /v1/maintenance (DOMAIN §7, ADR 0018): from the moment it is durable, sends answer 503 MAINTENANCE here; the
 * carrier adapter, told by the control outbox, submits nothing until it ends (`until`, or PUT active=false), and what
 * was accepted goes out after.
 */
@Injectable()
export class SetMaintenanceHandler {
  constructor(
    @Inject(MAINTENANCE_STREAM_HANDLER) private readonly streams: MaintenanceStreams,
    private readonly registry: ChannelRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(request: { active: boolean; until?: string; reason?: string }): Promise<MaintenanceView> {
    const at = this.clock.now().toISOString();
    const result = await this.streams.handle(MAINTENANCE_STREAM, (state) => maintenanceDecider.decide({ type: 'SetMaintenance', ...request, at }, state));
    if (!result.ok) throw new DomainError(result.rejection.code, result.rejection.detail);
    if (result.revision >= 0n) this.registry.applyMaintenance(maintenanceRecordOf(result.state, result.revision));
    return this.registry.maintenanceNow();
  }

  current(): MaintenanceView {
    return this.registry.maintenanceNow();
  }
}
