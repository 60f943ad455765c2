import { accountHaltCode, type AccountStatus, type MessageKind, type ReviewStatus } from '@sms/contracts';
import { operatorFor, parsePhoneNumber, renderMessage, segmentText } from '@sms/sms';
import { accept, type Decider, type Decision, reject } from '@sms/use-case-kit/core';
import { fitToBudget, type SendBudget } from './balance-estimate';
import { type BatchState, evolveBatch, initialBatchState } from './batch';
import type { AcceptedMessage, BatchEvent, RejectedRecipient, TextKey } from './events';
import type { FrequencyLimited } from './frequency-limits';
import { formatSendWindow, type SendWindow, windowOpening } from './send-window';

export interface SendMessagesCommand {
  batchId: string;
  accountId: string;
  signatureId: string;
  templateId: string;
  params: Record<string, string>;
  phoneNumbers: string[];
  kind?: MessageKind;
  outId?: string;
  /** SHA-256 of the request: a second command on the same batch with another hash reuses an Idempotency-Key. */
  requestHash?: string;
  /** Marketing only goes out with the account's attestation that its recipients agreed (DOMAIN §1). */
  consent?: Consent;
  /** RFC 3339: hold the batch until then (SCHEDULED); absent or not in the future, it goes at once. */
  scheduledAt?: string;
  /** Marketing outside the send window: wait for it to open (default), or refuse the request (OUTSIDE_SEND_WINDOW). */
  outsideWindow?: 'wait' | 'reject';
}

/** How far ahead a batch may be scheduled: a month, as the clouds our users compare us with allow. */
export const MAX_SCHEDULE_AHEAD_MS = 30 * 24 * 60 * 60 * 1000;
/** A time this little in the past is a client's clock running behind, not a mistake: the batch goes at once. */
const SCHEDULE_CLOCK_SKEW_MS = 60_000;

/** When a batch asked for `scheduledAt` goes out: undefined for at once, or a refusal for a time it cannot mean. */
export function scheduleOf(scheduledAt: string | undefined, now: Date): { at?: string } | { code: string; detail: string } {
  if (scheduledAt === undefined) return {};
  const at = Date.parse(scheduledAt);
  if (Number.isNaN(at)) return { code: 'VALIDATION_FAILED', detail: 'scheduledAt must be an RFC 3339 time' };
  if (at < now.getTime() - SCHEDULE_CLOCK_SKEW_MS) return { code: 'VALIDATION_FAILED', detail: 'scheduledAt is in the past' };
  if (at > now.getTime() + MAX_SCHEDULE_AHEAD_MS) return { code: 'VALIDATION_FAILED', detail: 'scheduledAt is more than 30 days ahead' };
  return at <= now.getTime() ? {} : { at: new Date(at).toISOString() };
}

export interface Consent {
  basis: 'opt-in' | 'written' | 'existing-customer';
  reference: string;
}

/** What dispatch knows locally (projections of other services' events) when it decides a send. */
export interface SendContext {
  account?: { status: AccountStatus };
  signature?: { accountId: string; name: string; status: ReviewStatus };
  template?: { accountId: string; kind: MessageKind; content: string; status: ReviewStatus };
  /** Numbers (E.164) that opted out of the account's marketing; consulted for marketing only. */
  optedOut?: ReadonlySet<string>;
  /** Numbers (E.164) over a frequency limit for this signature (DOMAIN §3): the quota refused them before the decision. */
  frequencyLimited?: ReadonlyMap<string, FrequencyLimited>;
  /** When marketing may reach a recipient, in the recipient's local time (DOMAIN §1); absent: at any time. */
  marketingWindow?: SendWindow;
  /**
   * Dispatch's view of what the account can still pay for (DOMAIN §4 Arrears): recipients it no longer covers are
   * rejected INSUFFICIENT_BALANCE. Absent (no balance or no price known): the reservation alone decides.
   */
  budget?: SendBudget;
  now: Date;
  newMessageId: () => string;
}

export type SendDecision = Decision<BatchEvent>;

/**
 * Decides a send request on its batch stream. A batch already accepted answers a retry with nothing new (the
 * caller replies from the state), or refuses a different request under the same Idempotency-Key. Otherwise the
 * whole request is refused when the account, signature or template forbid it, and each recipient is accepted
 * (rendered, segmented, its operator known) or rejected on its own — never silently dropped (DOMAIN.md §8).
 */
export function decideSendMessages(command: SendMessagesCommand, context: SendContext, state: BatchState = initialBatchState()): SendDecision {
  if (state.accepted) {
    const earlier = state.accepted.requestHash;
    // Batches stored as v1 kept the hash in metadata only: a retry of one is answered as a retry.
    if (earlier !== undefined && command.requestHash !== undefined && earlier !== command.requestHash) {
      return reject('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used with a different request body');
    }
    return accept();
  }

  const { account, signature, template } = context;
  if (!account) return reject('ACCOUNT_NOT_FOUND', `Account ${command.accountId} is not known`);
  const accountRefusal = accountHaltCode(account.status);
  if (accountRefusal) return reject(accountRefusal, `Account ${command.accountId} is ${account.status.toLowerCase()}`);
  if (!signature || signature.accountId !== command.accountId) return reject('SIGNATURE_NOT_FOUND', `Signature ${command.signatureId} not found for this account`);
  if (signature.status !== 'APPROVED') return reject('SIGNATURE_NOT_APPROVED', `Signature ${command.signatureId} is ${signature.status}`);
  if (!template || template.accountId !== command.accountId) return reject('TEMPLATE_NOT_FOUND', `Template ${command.templateId} not found for this account`);
  if (template.status !== 'APPROVED') return reject('TEMPLATE_NOT_APPROVED', `Template ${command.templateId} is ${template.status}`);
  if (command.kind && command.kind !== template.kind) {
    return reject('VALIDATION_FAILED', `kind ${command.kind} does not match the template's kind ${template.kind}`);
  }
  if (template.kind === 'marketing' && !command.consent) {
    return reject('CONSENT_REQUIRED', 'Marketing needs the account’s attestation that its recipients agreed: consent {basis, reference}');
  }
  const schedule = scheduleOf(command.scheduledAt, context.now);
  if ('code' in schedule) return reject(schedule.code, schedule.detail);

  // The text differs only between domestic (with 【signature】) and international recipients: each is rendered,
  // segmented and stored once per batch.
  const texts: Partial<Record<TextKey, string>> = {};
  const segmentation = new Map<TextKey, ReturnType<typeof segmentText>>();
  const messages: AcceptedMessage[] = [];
  // What the client wrote for each accepted message: a refusal after the walk names the number as it was sent.
  const inputs: string[] = [];
  const rejected: RejectedRecipient[] = [];
  const seen = new Set<string>();
  for (const input of command.phoneNumbers) {
    const parsed = parsePhoneNumber(input);
    if (!parsed.ok) {
      rejected.push({ phoneNumber: input, code: parsed.code, detail: parsed.detail });
      continue;
    }
    if (seen.has(parsed.e164)) {
      rejected.push({ phoneNumber: input, code: 'DUPLICATE_PHONE_NUMBER', detail: 'The number appears more than once in this request' });
      continue;
    }
    seen.add(parsed.e164);
    // A domestic product priced per domestic segment must not go abroad at the international price unasked (DOMAIN §1).
    if (!parsed.isDomestic && template.kind !== 'international') {
      rejected.push({ phoneNumber: input, code: 'INTERNATIONAL_TEMPLATE_REQUIRED', detail: `A ${template.kind} template is for numbers in China; send to ${parsed.countryCode} with an international template` });
      continue;
    }
    // Replying an opt-out keyword withdraws consent to marketing (DOMAIN §1); codes and notices still reach them.
    if (template.kind === 'marketing' && context.optedOut?.has(parsed.e164)) {
      rejected.push({ phoneNumber: input, code: 'OPTED_OUT', detail: 'The recipient opted out of marketing from this account' });
      continue;
    }
    const limited = context.frequencyLimited?.get(parsed.e164);
    if (limited) {
      rejected.push({ phoneNumber: input, code: 'FREQUENCY_LIMITED', detail: `Frequency limit ${limited.limit} for this number and signature reached; it frees up at ${limited.freeAt}` });
      continue;
    }
    const key: TextKey = parsed.isDomestic ? 'domestic' : 'international';
    let segments = segmentation.get(key);
    if (!segments) {
      const rendered = renderMessage({ signature: signature.name, template: template.content, params: command.params, domestic: parsed.isDomestic });
      if (!rendered.ok) return reject(rendered.code, rendered.detail);
      texts[key] = rendered.text;
      segments = segmentText(rendered.text);
      segmentation.set(key, segments);
    }
    messages.push({
      messageId: context.newMessageId(),
      phoneNumber: parsed.e164,
      countryCode: parsed.countryCode,
      operator: operatorFor(parsed.e164).operator,
      segments: segments.count,
      encoding: segments.encoding,
      text: key,
    });
    inputs.push(input);
  }
  if (messages.length === 0) return noRecipient(rejected);
  // Marketing reaches recipients only inside the send window of their local time (DOMAIN §1): it waits for it, or is refused.
  const window = template.kind === 'marketing' ? context.marketingWindow : undefined;
  const opening = window && windowOpening(window, new Date(schedule.at ?? context.now), messages.map((m) => m.countryCode));
  if (window && opening && command.outsideWindow === 'reject') {
    return reject('OUTSIDE_SEND_WINDOW', `Marketing goes out ${formatSendWindow(window)} recipient local time; the window opens at ${opening.toISOString()}`);
  }
  const scheduledAt = opening?.toISOString() ?? schedule.at;
  // A batch that goes out later is reserved when it is released, against the balance of then: only one going now is
  // held against the balance of now.
  if (scheduledAt === undefined && context.budget) {
    const { over } = fitToBudget(messages, context.budget);
    if (over.length > 0) {
      for (const i of over) rejected.push({ phoneNumber: inputs[i], code: 'INSUFFICIENT_BALANCE', detail: 'The available balance does not cover this message' });
      // Compacted in place, in one pass: the covered messages keep their order.
      let kept = 0;
      for (let i = 0, k = 0; i < messages.length; i++) {
        if (k < over.length && over[k] === i) k++;
        else messages[kept++] = messages[i];
      }
      messages.length = kept;
      if (kept === 0) return noRecipient(rejected);
      // A text none of the covered messages carries is not stored.
      for (const key of Object.keys(texts) as TextKey[]) if (!messages.some((m) => m.text === key)) delete texts[key];
    }
  }

  return accept<BatchEvent>({
    type: 'BatchAccepted',
    data: {
      batchId: command.batchId,
      accountId: command.accountId,
      kind: template.kind,
      signatureId: command.signatureId,
      templateId: command.templateId,
      outId: command.outId,
      acceptedAt: context.now.toISOString(),
      ...(scheduledAt !== undefined ? { scheduledAt } : {}),
      ...(command.requestHash !== undefined ? { requestHash: command.requestHash } : {}),
      ...(command.consent ? { consent: { basis: command.consent.basis, reference: command.consent.reference } } : {}),
      texts,
      messages,
      rejected,
    },
  });
}

/** Every recipient refused: for one reason a client can act on, that reason is the answer. */
function noRecipient(rejected: RejectedRecipient[]): SendDecision {
  const reasons = new Set(rejected.map((r) => r.code));
  const [only] = reasons;
  const actionable = only === 'OPTED_OUT' || only === 'INTERNATIONAL_TEMPLATE_REQUIRED' || only === 'FREQUENCY_LIMITED' || only === 'INSUFFICIENT_BALANCE';
  return reject(reasons.size === 1 && actionable ? only : 'INVALID_PHONE_NUMBER', `No valid recipient: ${rejected.map((r) => r.detail).join('; ')}`);
}

/** The batch stream as a decider over one context (for given/when/then specs and the command kit alike). */
export const sendMessagesDecider = (context: SendContext): Decider<SendMessagesCommand, BatchEvent, BatchState> => ({
  initialState: initialBatchState,
  evolve: evolveBatch,
  decide: (command, state) => decideSendMessages(command, context, state),
});
