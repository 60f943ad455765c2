import { MESSAGE_KINDS, MessageKind, ReviewStatus } from '@sms/contracts';
import { templateVariables, templateVariableTypes, VARIABLE_TYPES } from '@sms/sms';
import { accept, type Decider, type Decision, reject } from '@sms/use-case-kit/core';
import { charCount, ReviewRejectionCode, TemplateEvent, TemplateScreening } from './events';
import { MAX_REASON } from './signature';

export interface Template {
  templateId: string;
  accountId: string;
  name: string;
  kind: MessageKind;
  content: string;
  variables: string[];
  screening: TemplateScreening;
  status: ReviewStatus;
  submittedAt: string;
  decidedAt?: string;
  reason?: string;
}

/** Null until the template is submitted. */
export type TemplateState = Template | null;
export const initialTemplateState = (): TemplateState => null;

export interface SubmitTemplate {
  type: 'SubmitTemplate';
  templateId: string;
  accountId: string;
  name: string;
  kind: string;
  content: string;
  /** Result of the automatic screening of `content`, run by the caller with the screening engine. */
  screening: TemplateScreening;
  now: Date;
}

export interface DecideTemplate {
  type: 'DecideTemplate';
  templateId: string;
  approve: boolean;
  reason?: string;
  now: Date;
}

export interface RevokeTemplate {
  type: 'RevokeTemplate';
  templateId: string;
  reason: string;
  now: Date;
}

export type TemplateCommand = SubmitTemplate | DecideTemplate | RevokeTemplate;

export const TEMPLATE_CONTENT_MAX = 500;
export const TEMPLATE_NAME_MAX = 64;

/** `${name}` or `${name:type}` (DOMAIN §2: code, name, amount, date, url — or text for anything else). */
const PLACEHOLDER = /\$\{[A-Za-z_][A-Za-z0-9_]*(?::[a-z]+)?\}/g;

export type TemplateDecision = Decision<TemplateEvent, ReviewRejectionCode>;

export function decideTemplate(command: TemplateCommand, state: TemplateState): TemplateDecision {
  switch (command.type) {
    case 'SubmitTemplate':
      return submit(command, state);
    case 'DecideTemplate':
      return decide(command, state);
    case 'RevokeTemplate':
      return revoke(command, state);
  }
}

function submit(command: SubmitTemplate, state: TemplateState): TemplateDecision {
  if (state) return reject('CONCURRENCY_CONFLICT', `template ${command.templateId} was already submitted`);
  const problem = validateSubmission(command);
  if (problem) return reject('VALIDATION_FAILED', problem);

  const submitted = {
    templateId: command.templateId,
    accountId: command.accountId,
    name: command.name.trim(),
    kind: command.kind as MessageKind,
    content: command.content,
    variables: templateVariables(command.content),
    screening: command.screening,
    submittedAt: command.now.toISOString(),
  };
  const events: TemplateEvent[] = [{ type: 'TemplateSubmitted', data: submitted }];
  // Screening decides a BLOCK on its own; PASS and REVIEW wait for a human reviewer.
  if (command.screening.outcome === 'BLOCK') {
    events.push({
      type: 'TemplateRejected',
      data: {
        templateId: submitted.templateId,
        accountId: submitted.accountId,
        name: submitted.name,
        kind: submitted.kind,
        content: submitted.content,
        reason: command.screening.category ?? 'CONTENT_BLOCKED',
        automatic: true,
        decidedAt: submitted.submittedAt,
      },
    });
  }
  return accept<TemplateEvent>(...events);
}

function validateSubmission(command: SubmitTemplate): string | undefined {
  if (!command.accountId?.trim()) return 'accountId is required';
  const name = command.name?.trim() ?? '';
  if (name.length === 0 || charCount(name) > TEMPLATE_NAME_MAX) return `name must be 1 to ${TEMPLATE_NAME_MAX} characters`;
  if (!(MESSAGE_KINDS as readonly string[]).includes(command.kind)) return `kind must be one of ${MESSAGE_KINDS.join(', ')}`;
  const content = command.content ?? '';
  if (content.trim().length === 0) return 'content must not be empty';
  const length = charCount(content);
  if (length > TEMPLATE_CONTENT_MAX) return `content must be at most ${TEMPLATE_CONTENT_MAX} characters, got ${length}`;
  // The signature is added by the platform; brackets in a template could forge one.
  if (/[【】]/.test(content)) return 'content must not contain 【 or 】 (the signature is added when sending)';
  if (content.replace(PLACEHOLDER, '').includes('${')) return 'content has a malformed placeholder; write variables as ${name} with letters, digits and _';
  // Typed variables (DOMAIN §2): every variable is checked against its type again at send time, so it must have one.
  const types = templateVariableTypes(content);
  const unknown = Object.entries(types).find(([, type]) => !(VARIABLE_TYPES as readonly string[]).includes(type));
  if (unknown) return `variable "${unknown[0]}" has an unknown type "${unknown[1]}"; types are ${VARIABLE_TYPES.join(', ')}`;
  const retyped = Array.from(content.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::([a-z]+))?\}/g)).find(([, name, type]) => type !== undefined && type !== types[name]);
  if (retyped) return `variable "${retyped[1]}" is given two types`;
  return undefined;
}

function decide(command: DecideTemplate, state: TemplateState): TemplateDecision {
  if (!state) return reject('TEMPLATE_NOT_FOUND', `template ${command.templateId} does not exist`);
  if (state.status !== 'PENDING_REVIEW') return reject('ALREADY_DECIDED', `template ${state.templateId} is already ${state.status}`);
  const reason = command.reason?.trim() || undefined;
  if (!command.approve && !reason) return reject('VALIDATION_FAILED', 'a rejection needs a reason');
  if (reason && charCount(reason) > MAX_REASON) return reject('VALIDATION_FAILED', `reason must be at most ${MAX_REASON} characters`);
  const data = { ...snapshot(state), ...(reason ? { reason } : {}), automatic: false, decidedAt: command.now.toISOString() };
  return accept<TemplateEvent>(command.approve ? { type: 'TemplateApproved', data } : { type: 'TemplateRejected', data });
}

function revoke(command: RevokeTemplate, state: TemplateState): TemplateDecision {
  if (!state) return reject('TEMPLATE_NOT_FOUND', `template ${command.templateId} does not exist`);
  if (state.status !== 'APPROVED') return reject('TEMPLATE_NOT_APPROVED', `template ${state.templateId} is ${state.status}; only an approved template can be revoked`);
  const reason = command.reason?.trim();
  if (!reason) return reject('VALIDATION_FAILED', 'a revocation needs a reason');
  if (charCount(reason) > MAX_REASON) return reject('VALIDATION_FAILED', `reason must be at most ${MAX_REASON} characters`);
  return accept<TemplateEvent>({ type: 'TemplateRevoked', data: { ...snapshot(state), reason, automatic: false, decidedAt: command.now.toISOString() } });
}

function snapshot(state: Template) {
  return { templateId: state.templateId, accountId: state.accountId, name: state.name, kind: state.kind, content: state.content };
}

export function evolveTemplate(state: TemplateState, event: TemplateEvent): TemplateState {
  switch (event.type) {
    case 'TemplateSubmitted':
      return { ...event.data, variables: [...event.data.variables], status: 'PENDING_REVIEW' };
    case 'TemplateApproved':
      return state && { ...state, status: 'APPROVED', decidedAt: event.data.decidedAt, reason: event.data.reason };
    case 'TemplateRejected':
      return state && { ...state, status: 'REJECTED', decidedAt: event.data.decidedAt, reason: event.data.reason };
    case 'TemplateRevoked':
      return state && { ...state, status: 'REVOKED', decidedAt: event.data.decidedAt, reason: event.data.reason };
    default:
      return state;
  }
}

/** The template's write side: one stream per template (`templateStream`). */
export const templateDecider: Decider<TemplateCommand, TemplateEvent, TemplateState, ReviewRejectionCode> = {
  decide: decideTemplate,
  evolve: evolveTemplate,
  initialState: initialTemplateState,
};
