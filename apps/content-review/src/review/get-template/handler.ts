import { Inject, Injectable } from '@nestjs/common';
import { TEMPLATES } from '../../tokens';
import { existingTemplate, type Templates } from '../application/review-streams';
import { templateStream } from '../domain/events';
import type { Template } from '../domain/template';

/** A template, its screening result and review status, from its stream (what another instance appended included). */
@Injectable()
export class GetTemplateHandler {
  constructor(@Inject(TEMPLATES) private readonly templates: Templates) {}

  async handle(templateId: string): Promise<Template> {
    const { state } = await this.templates.load(templateStream(templateId));
    return existingTemplate(state, templateId);
  }
}
