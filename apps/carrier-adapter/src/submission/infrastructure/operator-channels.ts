import { canonicalOperatorId } from '@sms/carrier-protocols';
import type { ChannelConnection, SessionTiming } from '../../carrier-adapter.config';
import type { OperatorChannel } from '../application/operator-channel.port';
import { CmppChannel } from './cmpp-channel';
import { SmppChannel } from './smpp-channel';

/** One operator channel per configured connection, speaking its protocol (ADR 0042). */
export function createOperatorChannel(c: ChannelConnection, timing: SessionTiming): OperatorChannel {
  // What every session of every protocol shares: how it keeps its link, and what it does when the operator says no.
  const common = {
    host: c.host,
    port: c.port,
    window: c.window,
    responseTimeoutMs: timing.responseTimeoutMs,
    reconnectBackoffMs: timing.reconnectBackoffMs,
    // "Slow down" is not "no": a throttled part waits and goes again however long the storm lasts; the channel
    // reports THROTTLING meanwhile, and dispatch may route around it (ADR 0018).
    throttleRetries: Number.POSITIVE_INFINITY,
  };
  // Operator ids are kept and matched in one form (ADR 0039): the bases the operator declares for each direction.
  const ids = {
    submitId: (id: string) => canonicalOperatorId(id, c.submitIdBase),
    receiptId: (id: string) => canonicalOperatorId(id, c.receiptIdBase),
  };
  switch (c.protocol) {
    case 'smpp':
      return new SmppChannel(
        c.id,
        {
          ...common,
          systemId: c.systemId,
          password: c.password,
          systemType: c.systemType || undefined,
          sourceAddr: c.sourceAddr,
          concatenation: c.concatenation,
          enquireLinkMs: timing.keepAliveMs,
          // An operator may fix the account on its side: keep trying, and say why each time (ADR 0042).
          retryRefusedBind: true,
        },
        { binds: c.sessions, bindMode: c.bindMode, tps: c.tps, ...ids },
      );
    case 'cmpp':
      return new CmppChannel(
        c.id,
        {
          ...common,
          spId: c.systemId,
          sharedSecret: c.password,
          version: c.cmppVersion === '2.0' ? 0x20 : 0x30,
          serviceId: c.serviceId,
          srcId: c.sourceAddr,
          activeTestMs: timing.keepAliveMs,
          retryRefusedConnect: true,
        },
        { sessions: c.sessions, tps: c.tps, ...ids },
      );
  }
}
