import { Module } from '@nestjs/common';
import { EVENT_STORE } from '@sms/event-store';
import { PLATFORM_CONFIG, type PlatformConfig } from '@sms/service-kit';
import { ContentReviewConfig } from './content-review.config';
import { CONTENT_REVIEW_INFRASTRUCTURE } from './infrastructure/content-review.providers';
import { ContentReviewPipelines } from './integration/content-review-pipelines';
import { ReviewQueueController, SignaturesController, TemplatesController } from './review/api/review.controller';
import { ReviewGrpcController } from './review/api/review.grpc.controller';
import { createSignatures, createTemplates } from './review/application/review-streams';
import { DecideSignatureHandler } from './review/decide-signature/handler';
import { DecideTemplateHandler } from './review/decide-template/handler';
import { ContentReviewExportSections } from './review/export-account/export-sections';
import { GetSignatureHandler } from './review/get-signature/handler';
import { GetTemplateHandler } from './review/get-template/handler';
import { ListReviewQueueHandler } from './review/list-review-queue/handler';
import { ListSignaturesHandler } from './review/list-signatures/handler';
import { ListTemplatesHandler } from './review/list-templates/handler';
import { RevokeSignatureHandler } from './review/revoke-signature/handler';
import { RevokeTemplateHandler } from './review/revoke-template/handler';
import { SubmitSignatureHandler } from './review/submit-signature/handler';
import { SubmitTemplateHandler } from './review/submit-template/handler';
import { ScreeningConsumer } from './screening/api/screening.consumer';
import { ScreeningsController } from './screening/api/screenings.controller';
import { ScreenBatchHandler } from './screening/screen-batch/handler';
import { SIGNATURES, TEMPLATES } from './tokens';
import { LEXICON_CONTROLLERS, LEXICON_PROVIDERS } from './lexicon/lexicon.providers';
import { SUPERVISION_CONTROLLERS, SUPERVISION_PROVIDERS } from './supervision/infrastructure/supervision.providers';
import { HELD_MESSAGE_CONTROLLERS, HELD_MESSAGE_PROVIDERS } from './review/infrastructure/held-message.providers';

/**
 * content-review: signatures and templates (event-sourced, reviewed by people after automatic screening), the
 * screening engine at send time, the review queue read model, and the outbox to the bus.
 */
@Module({
  controllers: [SignaturesController, TemplatesController, ReviewQueueController, ScreeningsController, ReviewGrpcController, ...LEXICON_CONTROLLERS, ...SUPERVISION_CONTROLLERS, ...HELD_MESSAGE_CONTROLLERS],
  providers: [
    { provide: ContentReviewConfig, inject: [PLATFORM_CONFIG], useFactory: (platform: PlatformConfig) => platform.settings(ContentReviewConfig) },
    ...CONTENT_REVIEW_INFRASTRUCTURE,
    { provide: SIGNATURES, inject: [EVENT_STORE], useFactory: createSignatures },
    { provide: TEMPLATES, inject: [EVENT_STORE], useFactory: createTemplates },
    SubmitSignatureHandler,
    DecideSignatureHandler,
    GetSignatureHandler,
    SubmitTemplateHandler,
    DecideTemplateHandler,
    GetTemplateHandler,
    ListReviewQueueHandler,
    ListSignaturesHandler,
    ListTemplatesHandler,
    RevokeSignatureHandler,
    RevokeTemplateHandler,
    ScreenBatchHandler,
    ScreeningConsumer,
    ContentReviewPipelines,
    ContentReviewExportSections,
    ...LEXICON_PROVIDERS,
    ...SUPERVISION_PROVIDERS,
    ...HELD_MESSAGE_PROVIDERS,
  ],
  exports: [ContentReviewPipelines],
})
export class ContentReviewModule {}
