import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@sms/service-kit';
import { commandMetadata } from '../../event-metadata';
import { TEMPLATES } from '../../tokens';
import { existingTemplate, stateAfter, type Templates } from '../application/review-streams';
import { templateStream } from '../domain/events';
import { decideTemplate, type Template } from '../domain/template';

export interface RevokeTemplateInput {
  templateId: string;
  reason: string;
}

/**
 * A reviewer revokes an approved template after a violation or an IP complaint (DOMAIN §2, terms §5.2). The
 * published REVOKED status is what dispatch's directory learns: nothing is sent with the template from then on.
 */
@Injectable()
export class RevokeTemplateHandler {
  constructor(
    @Inject(TEMPLATES) private readonly templates: Templates,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle({ templateId, reason }: RevokeTemplateInput): Promise<Template> {
    const result = await this.templates.handle(
      templateStream(templateId),
      (state) => decideTemplate({ type: 'RevokeTemplate', templateId, reason, now: this.clock.now() }, state),
      { metadata: commandMetadata() },
    );
    return existingTemplate(stateAfter(result), templateId);
  }
}
