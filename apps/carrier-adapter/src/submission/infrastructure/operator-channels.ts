import type { ChannelConnection, SessionTiming } from '../../carrier-adapter.config';
import type { OperatorChannel } from '../application/operator-channel.port';
import { SmppChannel } from './smpp-channel';

/** One operator channel per configured connection, speaking its protocol (ADR 0042). */
export function createOperatorChannel(c: ChannelConnection, timing: SessionTiming): OperatorChannel {
  switch (c.protocol) {
    case 'smpp':
      return new SmppChannel(
        c.id,
        {
          host: c.host,
          port: c.port,
          systemId: c.systemId,
          password: c.password,
          systemType: c.systemType || undefined,
          window: c.window,
          sourceAddr: c.sourceAddr,
          concatenation: c.concatenation,
          responseTimeoutMs: timing.responseTimeoutMs,
          enquireLinkMs: timing.keepAliveMs,
          reconnectBackoffMs: timing.reconnectBackoffMs,
          // An operator may fix the account on its side: keep trying, and say why each time (ADR 0042).
          retryRefusedBind: true,
          // "Slow down" is not "no": a throttled part waits and goes again however long the storm lasts; the channel
          // reports THROTTLING meanwhile, and dispatch may route around it (ADR 0018).
          throttleRetries: Number.POSITIVE_INFINITY,
        },
        { binds: c.sessions, bindMode: c.bindMode, tps: c.tps },
      );
    case 'cmpp':
      throw new Error('CMPP channels are not wired yet');
  }
}
