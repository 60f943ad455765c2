import type { ChannelConnection } from '../../carrier-adapter.config';
import type { OperatorChannel } from '../application/operator-channel.port';
import { SmppChannel } from './smpp-channel';

/** One operator channel per configured connection, speaking its protocol (ADR 0042). */
export function createOperatorChannel(c: ChannelConnection): OperatorChannel {
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
        },
        { binds: c.sessions, bindMode: c.bindMode, tps: c.tps },
      );
    case 'cmpp':
      throw new Error('CMPP channels are not wired yet');
  }
}
