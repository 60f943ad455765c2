import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@sms/service-kit';
import { commandMetadata } from '../../event-metadata';
import { TEMPLATES } from '../../tokens';
import { existingTemplate, type Templates, stateAfter } from '../application/review-streams';
import { templateStream } from '../domain/events';
import { decideTemplate, type Template } from '../domain/template';

export interface DecideTemplateInput {
  templateId: string;
  approve: boolean;
  /** Required to reject. */
  reason?: string;
}

/** A reviewer approves or rejects a pending template; a concurrent decision makes the later one ALREADY_DECIDED. */
@Injectable()
export class DecideTemplateHandler {
  constructor(
    @Inject(TEMPLATES) private readonly templates: Templates,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle({ templateId, approve, reason }: DecideTemplateInput): Promise<Template> {
    const result = await this.templates.handle(
      templateStream(templateId),
      (state) => decideTemplate({ type: 'DecideTemplate', templateId, approve, reason, now: this.clock.now() }, state),
      { metadata: commandMetadata() },
    );
    return existingTemplate(stateAfter(result), templateId);
  }
}
