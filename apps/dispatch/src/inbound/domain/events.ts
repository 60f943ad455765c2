/** Stored type strings of dispatch's inbound (MO) streams. */
export const INBOUND_EVENT_TYPES = {
  inboundRouted: 'dispatch.InboundRouted.v1',
} as const;

/** Stream per customer account; replies no account claims share one stream. */
export const inboundStream = (accountId: string | undefined): string => `dispatch-inbound-${accountId ?? 'unmatched'}`;

/** A mobile-originated message, attributed to the account that last sent to the number (if any). */
export interface InboundRouted {
  inboundId: string;
  /** Absent when no account sent to this number within the routing window: recorded, never published. */
  accountId?: string;
  signatureId?: string;
  /** E.164 when the sender address parses as a phone number, otherwise the address as the operator gave it. */
  phoneNumber: string;
  content: string;
  receivedAt: string;
  optOut: boolean;
}

export type InboundEvent = { type: 'InboundRouted'; data: InboundRouted };

/** An inbound stream keeps nothing a decision needs (the read model answers "seen before?"): it only counts. */
export interface InboundStreamState {
  replies: number;
}

export const initialInboundState = (): InboundStreamState => ({ replies: 0 });

export function evolveInbound(state: InboundStreamState, event: InboundEvent): InboundStreamState {
  if (event.type === 'InboundRouted') state.replies += 1;
  return state;
}
