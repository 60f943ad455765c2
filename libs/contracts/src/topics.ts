/**
 * Kafka topics. Public topics are subscribed to by customers' platforms (CONTRACTS.md); internal topics carry
 * integration events between our services. Every topic has a dead-letter twin `<topic>.dlt`.
 */
export const PUBLIC_TOPICS = {
  deliveryReceipts: 'sms.delivery-receipts',
  inbound: 'sms.inbound',
  /** Every account status change (frozen, suspended, terminating, terminated, active again): `sms.account-status.v1`. */
  accountEvents: 'sms.account-events',
} as const;

export const INTERNAL_TOPICS = {
  /** account-billing → dispatch: account opened, status changes and available balance after every money movement. */
  accounts: 'sms.internal.accounts',
  /** account-billing → dispatch: every published price catalogue version (key: version), to estimate a send's cost. */
  prices: 'sms.internal.prices',
  /** content-review → approved signatures/templates projection in dispatch. */
  review: 'sms.internal.review',
  /** dispatch → content-review: rendered messages to screen. */
  messagesAccepted: 'sms.internal.messages-accepted',
  /** content-review → account-billing and dispatch: screening outcome per message. */
  messagesScreened: 'sms.internal.messages-screened',
  /** account-billing → dispatch: reservation outcome per message. */
  fundsReserved: 'sms.internal.funds-reserved',
  /** dispatch → account-billing: reserved messages that will never be submitted (cancelled, unroutable): release. */
  messagesWithdrawn: 'sms.internal.messages-withdrawn',
  /** dispatch → carrier-adapter: messages routed to a channel. */
  messagesRouted: 'sms.internal.messages-routed',
  /** dispatch → carrier-adapter: queued messages a customer cancelled; what the carrier still holds unsubmitted is answered CANCELLED. */
  messageCancellations: 'sms.internal.message-cancellations',
  /** carrier-adapter → account-billing and dispatch: operator submit acknowledgements. */
  submissions: 'sms.internal.submissions',
  /** carrier-adapter → dispatch: operator delivery receipts, one per message. */
  deliveryReports: 'sms.internal.delivery-reports',
  /** carrier-adapter → dispatch: mobile-originated messages. */
  inboundReceived: 'sms.internal.inbound-received',
  /** carrier-adapter → dispatch: each channel's state and figures, on change and every few seconds (key: channelId). */
  channelHealth: 'sms.internal.channel-health',
  /** dispatch → carrier-adapter: a channel's pause, enablement and TPS cap, and the maintenance window (ADR 0018). */
  channelControl: 'sms.internal.channel-control',
  /** account-billing → every process with an API: API keys issued and revoked (key: keyId). */
  credentials: 'sms.internal.credentials',
  /** any process with an API → account-billing: attack patterns from a customer key. */
  securityAlerts: 'sms.internal.security-alerts',
  /** any process with an API → account-billing: staff actions for the audit log. */
  audit: 'sms.internal.audit',
  /** account-billing → every process (each its own group): an account's personal data to destroy (ADR 0017). */
  dataErasure: 'sms.internal.data-erasure',
  /** content-review → account-billing: violations recorded and resolved (suspend, reinstate, terminate; ADR 0034). */
  violations: 'sms.internal.violations',
} as const;

export const deadLetterTopic = (topic: string): string => `${topic}.dlt`;

const base = [...Object.values(PUBLIC_TOPICS), ...Object.values(INTERNAL_TOPICS)];

/** Every topic the platform uses, dead-letter twins included (the Kafka mock pre-creates these). */
export const ALL_TOPICS: string[] = [...base, ...base.map(deadLetterTopic)];
