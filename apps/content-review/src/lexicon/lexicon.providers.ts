import type { Provider, Type } from '@nestjs/common';
import { EVENT_STORE } from '@sms/event-store';
import { AddTermHandler } from './add-term/handler';
import { LexiconController } from './api/lexicon.controller';
import { LexiconGrpcController } from './api/lexicon.grpc.controller';
import { ContentReviewConfig } from '../content-review.config';
import { CurrentLexicon } from './application/current-lexicon';
import { createLexiconStream, LEXICON_STREAM_HANDLER } from './application/lexicon-stream';
import { LexiconFollower } from './follow-lexicon/follower';
import { ListLexiconHandler } from './list-lexicon/handler';
import { RetireTermHandler } from './retire-term/handler';

/** The runtime lexicon's part of the content-review module (ADR 0035). */
export const LEXICON_CONTROLLERS: Array<Type<unknown>> = [LexiconController, LexiconGrpcController];
export const LEXICON_PROVIDERS: Provider[] = [
  { provide: LEXICON_STREAM_HANDLER, inject: [EVENT_STORE], useFactory: createLexiconStream },
  { provide: CurrentLexicon, inject: [ContentReviewConfig], useFactory: (config: ContentReviewConfig) => new CurrentLexicon(config.screeningEngine) },
  LexiconFollower,
  AddTermHandler,
  RetireTermHandler,
  ListLexiconHandler,
];
