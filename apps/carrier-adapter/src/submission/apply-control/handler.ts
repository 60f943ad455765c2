import { Inject, Injectable, Logger } from '@nestjs/common';
import { CHANNEL_CONTROL_V1, MAINTENANCE_V1 } from '@sms/contracts';
import type { IntegrationEvent } from '@sms/messaging';
import { CHANNEL_CONTROLS, type ChannelControlStore } from '../application/channel-controls.port';
import { ChannelSupervisor } from '../application/channel-supervisor';
import { parseChannelControl, parseMaintenance } from './controls.payload';

/**
 * What dispatch decided about a channel (pause, enablement, TPS cap) or about the platform (maintenance), ADR 0018:
 * kept in the carrier's file first — so a restart applies it before the submit loop takes anything — then applied to
 * the supervisor, which wakes the loop. Versioned: a redelivered or older event changes nothing.
 */
@Injectable()
export class ApplyControlHandler {
  private readonly logger = new Logger('ApplyControlHandler');

  constructor(
    @Inject(CHANNEL_CONTROLS) private readonly store: ChannelControlStore,
    @Inject(ChannelSupervisor) private readonly supervisor: Pick<ChannelSupervisor, 'applyChannel' | 'applyMaintenance'>,
  ) {}

  async handle(event: IntegrationEvent): Promise<void> {
    if (event.type === CHANNEL_CONTROL_V1) {
      const control = parseChannelControl(event.data);
      if (!(await this.store.saveChannel(control))) return;
      this.supervisor.applyChannel(control);
      this.logger.log(`channel ${control.channelId}: ${control.enabled ? (control.paused ? 'paused' : 'open') : 'disabled'}${control.tps > 0 ? `, at most ${control.tps} submit_sm/s` : ''}`);
    } else if (event.type === MAINTENANCE_V1) {
      const maintenance = parseMaintenance(event.data);
      if (!(await this.store.saveMaintenance(maintenance))) return;
      this.supervisor.applyMaintenance(maintenance);
      this.logger.log(maintenance.active ? `maintenance: nothing is submitted${maintenance.untilMs ? ` until ${new Date(maintenance.untilMs).toISOString()}` : ''}` : 'maintenance ended');
    }
  }
}
