import { Inject, Injectable } from '@nestjs/common';
import type { MessageKind } from '@sms/contracts';
import { CLOCK, type Clock, newId } from '@sms/service-kit';
import { commandMetadata } from '../../event-metadata';
import { CurrentLexicon } from '../../lexicon/application/current-lexicon';
import { screenTemplate } from '../../screening/domain/screen';
import { TEMPLATES } from '../../tokens';
import { existingTemplate, stateAfter, type Templates } from '../application/review-streams';
import { type TemplateScreening, templateStream } from '../domain/events';
import { decideTemplate, type Template } from '../domain/template';

export interface SubmitTemplateInput {
  accountId: string;
  name: string;
  kind: string;
  content: string;
}

/**
 * Submits a template: screened at once with the runtime lexicon (ADR 0035: a term a reviewer added screens new
 * templates too) — a BLOCK rejects it on the spot, otherwise a reviewer decides.
 */
@Injectable()
export class SubmitTemplateHandler {
  constructor(
    @Inject(TEMPLATES) private readonly templates: Templates,
    @Inject(CLOCK) private readonly clock: Clock,
    /** Defaults to the built-in lexicon for callers outside Nest (tests). */
    private readonly lexicon: CurrentLexicon = new CurrentLexicon(),
  ) {}

  async handle(input: SubmitTemplateInput): Promise<Template> {
    const templateId = newId();
    const result = screenTemplate(input.content, input.kind as MessageKind, this.lexicon.snapshot().engine);
    const screening: TemplateScreening = { outcome: result.outcome, ...(result.category ? { category: result.category } : {}), matches: result.matches };
    const handled = await this.templates.handle(
      templateStream(templateId),
      (state) => decideTemplate({ type: 'SubmitTemplate', templateId, ...input, screening, now: this.clock.now() }, state),
      { metadata: commandMetadata() },
    );
    return existingTemplate(stateAfter(handled), templateId);
  }
}
