import { Module } from '@nestjs/common';
import { SUBMISSION_PROVIDERS } from './submission';

@Module({ providers: SUBMISSION_PROVIDERS })
export class CarrierAdapterModule {}
