import { Inject, Injectable } from '@nestjs/common';
import type { MessageKind } from '@sms/contracts';
import { CLOCK, Clock, DomainError, newId } from '@sms/service-kit';
import { screenTemplate } from '../../screening/domain/screen';
import { TEMPLATE_REPOSITORY } from '../../tokens';
import { TemplateScreening, templateStream } from '../domain/events';
import { decideTemplate, evolveTemplate, Template } from '../domain/template';
import { execute } from './execute';
import type { TemplateRepository } from './repositories';

export interface SubmitTemplateInput {
  accountId: string;
  name: string;
  kind: string;
  content: string;
}

/** Use cases of templates: submit (screened automatically), decide, read. REST and gRPC both call these. */
@Injectable()
export class TemplateHandlers {
  constructor(
    @Inject(TEMPLATE_REPOSITORY) private readonly templates: TemplateRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async submit(input: SubmitTemplateInput): Promise<Template> {
    const templateId = newId();
    const result = screenTemplate(input.content, input.kind as MessageKind);
    const screening: TemplateScreening = { outcome: result.outcome, ...(result.category ? { category: result.category } : {}), matches: result.matches };
    const state = await execute(
      this.templates,
      templateStream(templateId),
      (s) => decideTemplate({ type: 'SubmitTemplate', templateId, ...input, screening, now: this.clock.now() }, s),
      evolveTemplate,
    );
    return required(state, templateId);
  }

  async decide(templateId: string, approve: boolean, reason?: string): Promise<Template> {
    const state = await execute(
      this.templates,
      templateStream(templateId),
      (s) => decideTemplate({ type: 'DecideTemplate', templateId, approve, reason, now: this.clock.now() }, s),
      evolveTemplate,
    );
    return required(state, templateId);
  }

  async get(templateId: string): Promise<Template> {
    const { state } = await this.templates.load(templateStream(templateId));
    return required(state, templateId);
  }
}

function required(state: Template | null, templateId: string): Template {
  if (!state) throw new DomainError('TEMPLATE_NOT_FOUND', `template ${templateId} does not exist`);
  return state;
}
