import type { EventStore } from '@sms/event-store';
import { DomainError } from '@sms/service-kit';
import { CommandHandler, type HandleResult } from '@sms/use-case-kit';
import { signatureCodec, templateCodec } from '../../event-codec';
import type { SignatureEvent, TemplateEvent } from '../domain/events';
import { type Signature, signatureDecider, type SignatureState } from '../domain/signature';
import { type Template, templateDecider, type TemplateState } from '../domain/template';

/** The signature streams' write path, shared by the signature use cases (one state cache). */
export type Signatures = CommandHandler<SignatureEvent, SignatureState>;
/** The template streams' write path, shared by the template use cases and send-time screening. */
export type Templates = CommandHandler<TemplateEvent, TemplateState>;

export const createSignatures = (store: EventStore): Signatures =>
  new CommandHandler({ store, codec: signatureCodec, evolve: signatureDecider.evolve, initialState: signatureDecider.initialState });

export const createTemplates = (store: EventStore): Templates =>
  new CommandHandler({ store, codec: templateCodec, evolve: templateDecider.evolve, initialState: templateDecider.initialState });

/** The state after a command, or its rejection as a DomainError (mapped to problem+json or a gRPC status at the edge). */
export function stateAfter<Event, State>(result: HandleResult<Event, State>): State {
  if (!result.ok) throw new DomainError(result.rejection.code, result.rejection.detail);
  return result.state;
}

export function existingSignature(state: SignatureState, signatureId: string): Signature {
  if (!state) throw new DomainError('SIGNATURE_NOT_FOUND', `signature ${signatureId} does not exist`);
  return state;
}

export function existingTemplate(state: TemplateState, templateId: string): Template {
  if (!state) throw new DomainError('TEMPLATE_NOT_FOUND', `template ${templateId} does not exist`);
  return state;
}
