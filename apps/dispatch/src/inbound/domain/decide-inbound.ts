import { parsePhoneNumber } from '@sms/sms';
import { isExtensionCode } from '../../messages/domain/extension-codes';
import type { InboundRouted } from './events';
import { isOptOutReply } from './opt-out';

/** Replies are attributed to a send at most this old (configurable per deployment). */
export const DEFAULT_ROUTING_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;

/** What the operator delivered: the fields of `sms.inbound-received.v1` the decision needs. */
export interface InboundMo {
  inboundId: string;
  /** Sender address; E.164 when the operator marked it international. */
  from: string;
  /** Our address the reply was sent to: a service number, followed by an extension code when the handset saw one. */
  to?: string;
  content: string;
  receivedAt: string;
}

/** The most recent message we sent to the sender that could have reached the handset. */
export interface LastOutbound {
  accountId: string;
  signatureId: string;
  sentAt: string;
}

/** The signature whose extension code a reply was addressed to. */
export interface ExtensionOwner {
  accountId: string;
  signatureId: string;
}

export interface InboundContext {
  /** Whose extension code `to` carries (an exact match of service number + code); it decides before anything else. */
  extensionOwner?: ExtensionOwner;
  lastOutbound?: LastOutbound;
  routingWindowMs?: number;
}

/**
 * The extension code in the address a reply was sent to: what follows one of our service numbers `to` starts with
 * (the longest first), when that reads as a code (4–6 digits, no leading zero). The service number alone, another
 * number, or a longer tail carry none — the reply then goes by its last sender.
 */
export function extensionIn(to: string | undefined, serviceNumbers: readonly string[]): string | undefined {
  const address = to?.trim() ?? '';
  const bases = serviceNumbers.filter((number) => number !== '' && address.startsWith(number)).sort((a, b) => b.length - a.length);
  return bases.map((base) => address.slice(base.length)).find(isExtensionCode);
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
 * Routes a reply (DOMAIN §1, §8): to the signature whose extension code it was addressed to; failing that, to the
 * account that last sent to its sender inside the routing window; and tells whether it withdraws consent. The code
 * names the signature the handset saw, whoever wrote to the number since, so it decides first. A send after the reply
 * arrived cannot be what it answers, so it never claims the reply.
 */
export function decideInbound(mo: InboundMo, context: InboundContext): InboundRouted {
  const window = context.routingWindowMs ?? DEFAULT_ROUTING_WINDOW_MS;
  const received = Date.parse(mo.receivedAt);
  const last = context.lastOutbound;
  const age = last ? received - Date.parse(last.sentAt) : Number.NaN;
  const matched = context.extensionOwner ?? (last && age >= 0 && age <= window ? last : undefined);
  return {
    inboundId: mo.inboundId,
    ...(matched ? { accountId: matched.accountId, signatureId: matched.signatureId } : {}),
    phoneNumber: senderNumber(mo.from),
    content: mo.content,
    receivedAt: new Date(received).toISOString(),
    optOut: isOptOutReply(mo.content),
  };
}
