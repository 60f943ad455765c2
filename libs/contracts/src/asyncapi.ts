/**
 * The AsyncAPI 3.0 description of every topic and event (CONTRACTS.md asks for it next to the types). Served at
 * /docs/asyncapi.json. Payload schemas are JSON Schema; public events are described field by field because
 * customers' platforms build against them, internal events by their envelope and key fields.
 */
import { ACCOUNT_BALANCE_V1, ACCOUNT_STATUS_CHANGED_V1, FUNDS_RESERVED_V1, PRICE_CATALOGUE_V1 } from './events/account.v1';
import { DELIVERY_REPORTED_V1, INBOUND_RECEIVED_V1, MESSAGES_SUBMITTED_V1 } from './events/carrier.v1';
import { CHANNEL_CONTROL_V1, CHANNEL_HEALTH_V1, MAINTENANCE_V1, MESSAGES_RETURNED_V1 } from './events/channels.v1';
import { MESSAGE_CANCELLATIONS_REQUESTED_V1, MESSAGES_ACCEPTED_V1, MESSAGES_ROUTED_V1, MESSAGES_WITHDRAWN_V1 } from './events/dispatch.v1';
import { ACCOUNT_STATUS_V1, DELIVERY_REPORT_V1, INBOUND_MESSAGE_V1 } from './events/public.v1';
import { CREDENTIAL_V1, DATA_ERASED_V1, SECURITY_ALERT_V1, STAFF_ACTION_V1 } from './events/security.v1';
import { VIOLATION_RECORDED_V1, VIOLATION_RESOLVED_V1 } from './events/supervision.v1';
import { MESSAGE_REVIEW_DECIDED_V1, MESSAGES_SCREENED_V1, SIGNATURE_STATUS_CHANGED_V1, TEMPLATE_STATUS_CHANGED_V1 } from './events/review.v1';
import { INTERNAL_TOPICS, PUBLIC_TOPICS } from './topics';

type Schema = Record<string, unknown>;

const string = (description?: string): Schema => ({ type: 'string', ...(description ? { description } : {}) });
const time = (description: string): Schema => ({ type: 'string', format: 'date-time', description });
const object = (properties: Record<string, Schema>, required: string[]): Schema => ({ type: 'object', properties, required });

const deliveryReport = object(
  {
    messageId: string(),
    batchId: string(),
    accountId: string(),
    outId: string("The customer's own reference from the send request"),
    phoneNumber: string('E.164'),
    status: { type: 'string', enum: ['DELIVERED', 'UNDELIVERED', 'EXPIRED', 'FAILED'] },
    operator: string('CMCC, CUCC, CTCC, CBN, INTERNATIONAL or UNKNOWN'),
    operatorMessageId: string('Id the operator gave the (first) segment'),
    errorCode: string("The operator's error code when not delivered"),
    submittedAt: time('When the operator acknowledged the submission'),
    doneAt: time('When the operator reported the final state'),
    segments: { type: 'integer', minimum: 1 },
  },
  ['messageId', 'batchId', 'accountId', 'phoneNumber', 'status', 'operator', 'operatorMessageId', 'submittedAt', 'doneAt', 'segments'],
);

const inboundMessage = object(
  {
    inboundId: string(),
    accountId: string(),
    signatureId: string('Signature of the message the reply answers'),
    phoneNumber: string('E.164 of the mobile user'),
    content: string(),
    receivedAt: time('When the operator delivered the reply'),
    optOut: { type: 'boolean', description: 'The reply is an opt-out keyword (TD, 退订, STOP, …)' },
  },
  ['inboundId', 'accountId', 'phoneNumber', 'content', 'receivedAt', 'optOut'],
);

const accountStatus = object(
  {
    accountId: string(),
    status: { type: 'string', enum: ['ACTIVE', 'FROZEN', 'SUSPENDED', 'TERMINATING', 'TERMINATED'] },
    reason: string('Why: ARREARS, the suspension or termination reason, or what lifted it'),
    at: time('When the status changed'),
  },
  ['accountId', 'status', 'reason', 'at'],
);

/** Internal events: the fields are listed in the description; the TypeScript types in libs/contracts are exact. */
const keyed = (fields: string): Schema => ({ type: 'object', description: `Fields: ${fields}`, properties: { accountId: string() }, required: ['accountId'] });

/** Every event type: its topic, who produces it, and its payload schema. */
export const EVENT_CATALOGUE: Array<{ type: string; topic: string; producer: string; summary: string; payload: Schema }> = [
  { type: DELIVERY_REPORT_V1, topic: PUBLIC_TOPICS.deliveryReceipts, producer: 'dispatch', summary: 'Final delivery state of one message', payload: deliveryReport },
  { type: INBOUND_MESSAGE_V1, topic: PUBLIC_TOPICS.inbound, producer: 'dispatch', summary: 'A reply from a mobile user, routed to the account', payload: inboundMessage },
  { type: ACCOUNT_STATUS_V1, topic: PUBLIC_TOPICS.accountEvents, producer: 'account-billing', summary: 'An account status change (frozen for arrears, suspended, terminating, terminated, active again)', payload: accountStatus },
  { type: ACCOUNT_BALANCE_V1, topic: INTERNAL_TOPICS.accounts, producer: 'account-billing', summary: "The account's balance and available funds after a ledger event", payload: keyed('accountId, balanceMinor, availableMinor, revision, at') },
  { type: PRICE_CATALOGUE_V1, topic: INTERNAL_TOPICS.prices, producer: 'account-billing', summary: 'A published price catalogue version (key: version)', payload: { type: 'object', required: ['version', 'currency', 'effectiveAt', 'prices'] } },
  { type: ACCOUNT_STATUS_CHANGED_V1, topic: INTERNAL_TOPICS.accounts, producer: 'account-billing', summary: 'Account opened or its status changed', payload: keyed('accountId, status, currency, reason?, changedAt') },
  { type: SIGNATURE_STATUS_CHANGED_V1, topic: INTERNAL_TOPICS.review, producer: 'content-review', summary: 'A signature was submitted or decided', payload: keyed('signatureId, accountId, name, status, reason?, changedAt') },
  { type: TEMPLATE_STATUS_CHANGED_V1, topic: INTERNAL_TOPICS.review, producer: 'content-review', summary: 'A template was submitted or decided (carries kind and content)', payload: keyed('templateId, accountId, name, kind, content, status, reason?, changedAt') },
  { type: MESSAGES_ACCEPTED_V1, topic: INTERNAL_TOPICS.messagesAccepted, producer: 'dispatch', summary: 'A send request accepted: ≤ 1,000 rendered messages', payload: keyed('batchId, accountId, kind, signatureId, templateId, acceptedAt, messages[]') },
  { type: MESSAGES_SCREENED_V1, topic: INTERNAL_TOPICS.messagesScreened, producer: 'content-review', summary: 'Screening outcome of every message of a batch', payload: keyed('batchId, accountId, kind, screenedAt, cleared[], blocked[], held[]') },
  { type: MESSAGE_REVIEW_DECIDED_V1, topic: INTERNAL_TOPICS.messagesScreened, producer: 'content-review', summary: 'A reviewer released or blocked one message screening held', payload: keyed('batchId, accountId, kind, messageId, released, category, decidedAt, segments, countryCode, operator') },
  { type: FUNDS_RESERVED_V1, topic: INTERNAL_TOPICS.fundsReserved, producer: 'account-billing', summary: 'Funds reserved or refused for every cleared message', payload: keyed('batchId, accountId, reservedAt, reserved[], rejected[]') },
  { type: MESSAGES_ROUTED_V1, topic: INTERNAL_TOPICS.messagesRouted, producer: 'dispatch', summary: 'Messages with funds reserved, assigned to a channel', payload: keyed('batchId, accountId, channelId, routedAt, sourceExtension?, messages[]') },
  { type: MESSAGES_WITHDRAWN_V1, topic: INTERNAL_TOPICS.messagesWithdrawn, producer: 'dispatch', summary: 'Reserved messages that will never be submitted (cancelled, unroutable): their reservations are released', payload: keyed('batchId, accountId, code, messageIds[], withdrawnAt') },
  {
    type: MESSAGE_CANCELLATIONS_REQUESTED_V1,
    topic: INTERNAL_TOPICS.messageCancellations,
    producer: 'dispatch',
    summary: 'Queued messages a customer cancelled: the carrier adapter answers each it still holds unsubmitted FAILED/CANCELLED on sms.internal.submissions',
    payload: keyed('accountId, requestedAt, messages[{messageId, batchId}]'),
  },
  { type: MESSAGES_SUBMITTED_V1, topic: INTERNAL_TOPICS.submissions, producer: 'carrier-adapter', summary: 'Operator submit acknowledgements, per message and segment', payload: keyed('accountId, channelId, results[]') },
  { type: DELIVERY_REPORTED_V1, topic: INTERNAL_TOPICS.deliveryReports, producer: 'carrier-adapter', summary: 'Operator delivery receipts, one per message', payload: keyed('accountId, channelId, reports[]') },
  { type: INBOUND_RECEIVED_V1, topic: INTERNAL_TOPICS.inboundReceived, producer: 'carrier-adapter', summary: 'A mobile-originated message from an operator (key: our address)', payload: { type: 'object', required: ['inboundId', 'from', 'to', 'content', 'receivedAt'] } },
  {
    type: MESSAGES_RETURNED_V1,
    topic: INTERNAL_TOPICS.submissions,
    producer: 'carrier-adapter',
    summary: 'Queued messages handed back unsubmitted (channel down past its grace period, paused or disabled): dispatch routes them again',
    payload: keyed('accountId, channelId, reason (CHANNEL_DOWN | CHANNEL_PAUSED | CHANNEL_DISABLED), returnedAt, messages[{messageId, batchId}]'),
  },
  {
    type: CHANNEL_HEALTH_V1,
    topic: INTERNAL_TOPICS.channelHealth,
    producer: 'carrier-adapter',
    summary: "A channel's state (UP, DOWN, THROTTLING) and figures, on change and every few seconds (key: channelId)",
    payload: {
      type: 'object',
      description: 'Fields: channelId, state, since, sessions, sessionsBound, windowSize, windowInUse, queued, submitsPerSecond, p50SubmitLatencyMs, errorRate, throttleRate, paused, reportedAt, unmatchedReceipts?',
      required: ['channelId', 'state', 'since', 'reportedAt'],
    },
  },
  {
    type: CHANNEL_CONTROL_V1,
    topic: INTERNAL_TOPICS.channelControl,
    producer: 'dispatch',
    summary: "A channel's pause, enablement and TPS cap as dispatch recorded them (key: channelId); a lower version changes nothing",
    payload: { type: 'object', description: 'Fields: channelId, enabled, paused, tps, version, changedAt', required: ['channelId', 'enabled', 'paused', 'tps', 'version', 'changedAt'] },
  },
  {
    type: MAINTENANCE_V1,
    topic: INTERNAL_TOPICS.channelControl,
    producer: 'dispatch',
    summary: 'The maintenance window (key: maintenance): while active, sends answer 503 and nothing is submitted',
    payload: { type: 'object', description: 'Fields: active, until?, reason?, version, changedAt', required: ['active', 'version', 'changedAt'] },
  },
  { type: CREDENTIAL_V1, topic: INTERNAL_TOPICS.credentials, producer: 'account-billing', summary: 'An API key issued or revoked, its whole state (key: keyId; compactable)', payload: { type: 'object', description: 'Fields: keyId, accountId?, roles[], verifier, status, label?, createdAt, revokedAt?', required: ['keyId', 'roles', 'verifier', 'status', 'createdAt'] } },
  { type: SECURITY_ALERT_V1, topic: INTERNAL_TOPICS.securityAlerts, producer: 'api-services', summary: 'An attack pattern from a customer key; the account is suspended for security', payload: keyed('accountId, keyId, pattern, detail, detectedAt') },
  { type: STAFF_ACTION_V1, topic: INTERNAL_TOPICS.audit, producer: 'api-services', summary: 'A staff action for the audit log (key: actor key id)', payload: { type: 'object', description: 'Fields: actionId, actorKeyId, actorRoles[], action, target{}, accountId?, reason?, outcome, at', required: ['actionId', 'actorKeyId', 'action', 'at'] } },
  {
    type: DATA_ERASED_V1,
    topic: INTERNAL_TOPICS.dataErasure,
    producer: 'account-billing',
    summary: "An account's personal data to destroy: all of it (scope account) or what is older than `before` (scope retention); every process destroys the keys and purges its rows",
    payload: {
      type: 'object',
      description: 'Fields: accountId, scope (account | retention), before? (retention: an epoch boundary), reason, erasedBy, erasedAt',
      properties: { accountId: string(), scope: { type: 'string', enum: ['account', 'retention'] }, before: time('retention: what is older than this goes') },
      required: ['accountId', 'scope', 'reason', 'erasedBy', 'erasedAt'],
    },
  },
  { type: VIOLATION_RECORDED_V1, topic: INTERNAL_TOPICS.violations, producer: 'content-review', summary: 'A confirmed violation; account-billing suspends the account for breach (ADR 0034)', payload: keyed('violationId, accountId, category, origin, rectifyBy, recordedBy, recordedAt') },
  { type: VIOLATION_RESOLVED_V1, topic: INTERNAL_TOPICS.violations, producer: 'content-review', summary: 'A violation resolved: reinstate lifts the suspension, terminate requests termination by notice', payload: keyed('violationId, accountId, outcome, reason, resolvedBy, resolvedAt') },
];

const cloudEventHeaders: Schema = object(
  {
    ce_specversion: { const: '1.0' },
    ce_id: string('Unique per event; deduplicate on it'),
    ce_type: string('Versioned event type'),
    ce_source: string('Producing service, e.g. /sms/dispatch'),
    ce_time: time('When the event happened'),
    'content-type': { const: 'application/json' },
    traceparent: string('W3C trace context'),
  },
  ['ce_specversion', 'ce_id', 'ce_type', 'ce_source', 'ce_time'],
);

const messageName = (type: string) => type.replace(/[^a-zA-Z0-9]+/g, '_');

export function asyncApiDocument(): Record<string, unknown> {
  const topics = [...new Set(EVENT_CATALOGUE.map((e) => e.topic))];
  const messages = Object.fromEntries(
    EVENT_CATALOGUE.map((e) => [
      messageName(e.type),
      { name: e.type, title: e.type, summary: e.summary, contentType: 'application/json', headers: cloudEventHeaders, payload: e.payload },
    ]),
  );
  const channels = Object.fromEntries(
    topics.map((topic) => [
      messageName(topic),
      {
        address: topic,
        description: `${Object.values(PUBLIC_TOPICS).includes(topic as never) ? 'Public' : 'Internal'} topic; record key = accountId unless stated; dead letters go to ${topic}.dlt`,
        messages: Object.fromEntries(EVENT_CATALOGUE.filter((e) => e.topic === topic).map((e) => [messageName(e.type), { $ref: `#/components/messages/${messageName(e.type)}` }])),
      },
    ]),
  );
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'SMS platform events',
      version: '1.0.0',
      description: 'CloudEvents 1.0 in the Kafka protocol binding, binary mode: ce_* headers, JSON body = data. Money in internal events is integer minor units (1/10000).',
    },
    defaultContentType: 'application/json',
    channels,
    operations: Object.fromEntries(
      EVENT_CATALOGUE.map((e) => [
        `${e.producer}_sends_${messageName(e.type)}`,
        { action: 'send', channel: { $ref: `#/channels/${messageName(e.topic)}` }, messages: [{ $ref: `#/channels/${messageName(e.topic)}/messages/${messageName(e.type)}` }] },
      ]),
    ),
    components: { messages },
  };
}
