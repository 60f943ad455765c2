import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock, DomainError } from '@sms/service-kit';
import { PriceCatalogueService } from '../application/price-catalogue.service';
import { isCatalogueTime, type PublishedVersion } from '../domain/price-catalogue';

/** The price catalogue version in force at a time, now by default (GET /v1/prices[?at]). */
@Injectable()
export class GetPriceCatalogueHandler {
  constructor(
    private readonly catalogue: PriceCatalogueService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(at: Date = this.clock.now()): Promise<PublishedVersion> {
    if (!isCatalogueTime(at.getTime())) throw new DomainError('VALIDATION_FAILED', 'at: must be an RFC 3339 time with a four-digit year');
    const version = await this.catalogue.inForce(at);
    if (!version) throw new DomainError('NOT_FOUND', `No price catalogue is in force at ${at.toISOString()}.`);
    return version;
  }
}
