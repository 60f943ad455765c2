import type { LastOutbound } from '../domain/decide-inbound';

/**
 * "Who last wrote to this number?" — the question routing a reply asks (port). Answered by the message read model's
 * adapter, which already holds every send by number: the alternative, inbound projecting every send into its own
 * store, would cost a write per message on the hot path to serve a rare reply.
 */
export interface LastOutboundLookup {
  /** The newest message to `phoneNumber` accepted in [notBefore, notAfter] that could have reached the handset. */
  lastOutboundTo(phoneNumber: string, notAfter: string, notBefore: string): Promise<LastOutbound | undefined>;
}
