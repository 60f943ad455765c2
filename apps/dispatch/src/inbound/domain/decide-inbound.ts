import { parsePhoneNumber } from '@sms/sms';
import type { InboundRouted } from './events';
import { isOptOutReply } from './opt-out';

/** Replies are attributed to a send at most this old (configurable per deployment). */
export const DEFAULT_ROUTING_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;

/** What the operator delivered: the fields of `sms.inbound-received.v1` the decision needs. */
export interface InboundMo {
  inboundId: string;
  /** Sender address; E.164 when the operator marked it international. */
  from: string;
  content: string;
  receivedAt: string;
}

/** The most recent message we sent to the sender that could have reached the handset. */
export interface LastOutbound {
  accountId: string;
  signatureId: string;
  sentAt: string;
}

export interface InboundContext {
  lastOutbound?: LastOutbound;
  routingWindowMs?: number;
}

/**
 * The sender as dispatch stores recipients (E.164), so a reply finds the messages sent to it. Addresses that do
 * not parse (short codes, alphanumeric senders) stay as they are and match nothing.
 */
export function senderNumber(from: string): string {
  const parsed = parsePhoneNumber(from);
  return parsed.ok ? parsed.e164 : from.trim();
}

/**
 * Routes a reply to the account that last sent to its sender, inside the routing window, and tells whether it
 * withdraws consent. A send after the reply arrived cannot be what it answers, so it never claims the reply.
 */
export function decideInbound(mo: InboundMo, context: InboundContext): InboundRouted {
  const window = context.routingWindowMs ?? DEFAULT_ROUTING_WINDOW_MS;
  const received = Date.parse(mo.receivedAt);
  const last = context.lastOutbound;
  const age = last ? received - Date.parse(last.sentAt) : Number.NaN;
  const matched = last && age >= 0 && age <= window ? last : undefined;
  return {
    inboundId: mo.inboundId,
    ...(matched ? { accountId: matched.accountId, signatureId: matched.signatureId } : {}),
    phoneNumber: senderNumber(mo.from),
    content: mo.content,
    receivedAt: new Date(received).toISOString(),
    optOut: isOptOutReply(mo.content),
  };
}
