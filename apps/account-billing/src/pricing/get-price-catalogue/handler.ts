import { Injectable } from '@nestjs/common';
import { DomainError } from '@sms/service-kit';
import { PriceCatalogueService } from '../application/price-catalogue.service';
import type { CatalogueVersion } from '../domain/price-catalogue';

/** The price catalogue version in force now (GET /v1/prices). */
@Injectable()
export class GetPriceCatalogueHandler {
  constructor(private readonly catalogue: PriceCatalogueService) {}

  async handle(): Promise<CatalogueVersion> {
    const version = await this.catalogue.inForce();
    if (!version) throw new DomainError('NOT_FOUND', 'No price catalogue is in force.');
    return version;
  }
}
