import { Throttle } from '@sms/carrier-protocols';
import { SESSION_DEFAULTS } from '../../session/windowed-session';
import { SmppSession, type SmppSessionOptions } from '../../smpp/smpp-session';
import { SessionPoolChannel } from './session-pool-channel';

export { sourceAddressOf } from './session-pool-channel';

/** SMPP 3.4 limits source_addr to 20 characters (21 octets with the terminating NUL). */
const MAX_SOURCE_ADDR = 20;

export interface SmppChannelOptions {
  /** Binds: each a transceiver, or a transmitter and a receiver. Default 1. */
  binds?: number;
  bindMode?: 'transceiver' | 'transmitter-receiver';
  /** The operator's submit_sm per second for the channel, every bind together; 0 = no cap. */
  tps?: number;
  /** The one form operator ids are kept in (ADR 0039), for submit answers and for receipts. */
  submitId?: (id: string) => string;
  receiptId?: (id: string) => string;
}

/**
 * An SMPP 3.4 channel: `binds` binds to one SMSC, used round-robin; receipts and MO from any bind are the channel's.
 * One throttle for all of them, so the operator's TPS cap and its "slow down" hold for the channel as a whole.
 */
export class SmppChannel extends SessionPoolChannel {
  constructor(id: string, session: SmppSessionOptions, channel: SmppChannelOptions = {}) {
    const binds = channel.binds ?? 1;
    const throttle = session.throttle ?? new Throttle({ tps: channel.tps || undefined, backoffMs: session.throttleBackoffMs ?? SESSION_DEFAULTS.throttleBackoffMs });
    const split = channel.bindMode === 'transmitter-receiver';
    const make = (bindType: SmppSessionOptions['bindType']) => Array.from({ length: binds }, () => new SmppSession({ ...session, bindType, throttle }));
    super(id, {
      transmitters: make(split ? 'transmitter' : 'transceiver'),
      receivers: split ? make('receiver') : [],
      window: session.window ?? SESSION_DEFAULTS.window,
      sourceAddr: session.sourceAddr,
      maxSourceAddr: MAX_SOURCE_ADDR,
      submitId: channel.submitId,
      receiptId: channel.receiptId,
    });
  }
}
