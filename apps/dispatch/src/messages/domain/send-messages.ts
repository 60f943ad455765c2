import type { AccountStatus, MessageKind, ReviewStatus } from '@sms/contracts';
import { operatorFor, parsePhoneNumber, renderMessage, segmentText } from '@sms/sms';
import type { AcceptedMessage, BatchAccepted, RejectedRecipient } from './events';

export interface SendMessagesCommand {
  batchId: string;
  accountId: string;
  signatureId: string;
  templateId: string;
  params: Record<string, string>;
  phoneNumbers: string[];
  kind?: MessageKind;
  outId?: string;
}

/** What dispatch knows locally (projections of other services' events) when it decides a send. */
export interface SendContext {
  account?: { status: AccountStatus };
  signature?: { accountId: string; name: string; status: ReviewStatus };
  template?: { accountId: string; kind: MessageKind; content: string; status: ReviewStatus };
  now: Date;
  newMessageId: () => string;
}

export type SendRejection = { ok: false; code: string; detail: string };
export type SendDecision = { ok: true; event: BatchAccepted } | SendRejection;

const refuse = (code: string, detail: string): SendRejection => ({ ok: false, code, detail });

const ACCOUNT_REFUSALS: Partial<Record<AccountStatus, string>> = {
  FROZEN: 'ACCOUNT_FROZEN',
  SUSPENDED: 'ACCOUNT_SUSPENDED',
  TERMINATING: 'ACCOUNT_TERMINATED',
  TERMINATED: 'ACCOUNT_TERMINATED',
};

/**
 * Decides a send request: the whole request is refused when the account, signature or template forbid it;
 * otherwise each recipient is accepted (rendered, segmented, its operator known) or rejected on its own —
 * never silently dropped (DOMAIN.md §8).
 */
export function decideSendMessages(command: SendMessagesCommand, context: SendContext): SendDecision {
  const { account, signature, template } = context;
  if (!account) return refuse('ACCOUNT_NOT_FOUND', `Account ${command.accountId} is not known`);
  const accountRefusal = ACCOUNT_REFUSALS[account.status];
  if (accountRefusal) return refuse(accountRefusal, `Account ${command.accountId} is ${account.status.toLowerCase()}`);
  if (!signature || signature.accountId !== command.accountId) return refuse('SIGNATURE_NOT_FOUND', `Signature ${command.signatureId} not found for this account`);
  if (signature.status !== 'APPROVED') return refuse('SIGNATURE_NOT_APPROVED', `Signature ${command.signatureId} is ${signature.status}`);
  if (!template || template.accountId !== command.accountId) return refuse('TEMPLATE_NOT_FOUND', `Template ${command.templateId} not found for this account`);
  if (template.status !== 'APPROVED') return refuse('TEMPLATE_NOT_APPROVED', `Template ${command.templateId} is ${template.status}`);
  if (command.kind && command.kind !== template.kind) {
    return refuse('VALIDATION_FAILED', `kind ${command.kind} does not match the template's kind ${template.kind}`);
  }

  // The text differs only between domestic (with 【signature】) and international recipients: render each once.
  const rendered = new Map<boolean, ReturnType<typeof renderMessage>>();
  const render = (domestic: boolean) => {
    let result = rendered.get(domestic);
    if (!result) {
      result = renderMessage({ signature: signature.name, template: template.content, params: command.params, domestic });
      rendered.set(domestic, result);
    }
    return result;
  };

  const messages: AcceptedMessage[] = [];
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
    const text = render(parsed.isDomestic);
    if (!text.ok) return refuse(text.code, text.detail);
    const segmentation = segmentText(text.text);
    messages.push({
      messageId: context.newMessageId(),
      phoneNumber: parsed.e164,
      countryCode: parsed.countryCode,
      operator: operatorFor(parsed.e164).operator,
      segments: segmentation.count,
      encoding: segmentation.encoding,
      text: text.text,
    });
  }
  if (messages.length === 0) {
    return refuse('INVALID_PHONE_NUMBER', `No valid recipient: ${rejected.map((r) => r.detail).join('; ')}`);
  }

  return {
    ok: true,
    event: {
      batchId: command.batchId,
      accountId: command.accountId,
      kind: template.kind,
      signatureId: command.signatureId,
      templateId: command.templateId,
      outId: command.outId,
      acceptedAt: context.now.toISOString(),
      messages,
      rejected,
    },
  };
}
