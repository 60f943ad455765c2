import { Throttle } from '@sms/carrier-protocols';
import { SESSION_DEFAULTS } from '../../session/windowed-session';
import { CmppSession, type CmppSessionOptions } from '../../cmpp/cmpp-session';
import { SessionPoolChannel } from './session-pool-channel';

/** CMPP's Src_Id is 21 octets (no terminating NUL in a fixed-width field). */
const MAX_SRC_ID = 21;

export interface CmppChannelOptions {
  /** Connections to the ISMG, used round-robin. Default 1. */
  sessions?: number;
  /** The operator's SUBMITs per second for the channel, every connection together; 0 = no cap. */
  tps?: number;
  /** The one form operator ids are kept in (ADR 0039), for submit answers and for receipts. */
  submitId?: (id: string) => string;
  receiptId?: (id: string) => string;
}

/**
 * A CMPP 3.0/2.0 channel to China Mobile's gateway: `sessions` connections used round-robin, each submitting and
 * receiving (CMPP has no transmitter/receiver split); receipts and MO from any of them are the channel's. One throttle
 * for all of them, so the operator's TPS cap and its flow control (Result 8) hold for the channel as a whole.
 */
export class CmppChannel extends SessionPoolChannel {
  constructor(id: string, session: CmppSessionOptions, channel: CmppChannelOptions = {}) {
    const throttle = session.throttle ?? new Throttle({ tps: channel.tps || undefined, backoffMs: session.throttleBackoffMs ?? SESSION_DEFAULTS.throttleBackoffMs });
    super(id, {
      transmitters: Array.from({ length: channel.sessions ?? 1 }, () => new CmppSession({ ...session, throttle })),
      window: session.window ?? SESSION_DEFAULTS.window,
      sourceAddr: session.srcId,
      maxSourceAddr: MAX_SRC_ID,
      submitId: channel.submitId,
      receiptId: channel.receiptId,
    });
  }
}
