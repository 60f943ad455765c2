/** Domain events of dispatch's inbound (MO) context, with stable type strings. */
export const INBOUND_EVENTS = {
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
