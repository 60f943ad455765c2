import { protoFile } from '@sms/contracts';
import type { ServiceDefinition } from '@sms/service-kit';
import { ContentReviewConfig } from './content-review.config';
import { ContentReviewModule } from './content-review.module';

export { ContentReviewConfig } from './content-review.config';
export { ContentReviewModule } from './content-review.module';
export { ContentReviewPipelines } from './integration/content-review-pipelines';

export const CONTENT_REVIEW_SERVICE: ServiceDefinition = {
  name: 'content-review',
  module: ContentReviewModule,
  grpc: [{ package: 'sms.review.v1', protoPath: protoFile('review.proto') }],
  settings: [ContentReviewConfig],
};
