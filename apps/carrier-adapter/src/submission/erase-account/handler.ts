import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { type DataErasure, ERASURE_REGISTRY, type ErasureRegistry } from '@sms/service-kit';
import type { CarrierState } from '../application/carrier-state.port';
import { CARRIER_STATE } from '../application/tokens';

/** Routed batches forgotten per call: each up to 1,000 messages, so no call holds the file long. */
const PURGE_CHUNK = 100;

/**
 * The carrier adapter's part of an erasure (ADR 0017), on its own thread or process, after its key ring destroyed the
 * keys: the numbers and texts of the account's routed batches (before the boundary, or all) go from its file and from
 * memory, with the rows of the messages the operator answered. Idempotent: a redelivery finds nothing left.
 */
@Injectable()
export class EraseAccountDataHandler implements OnModuleInit {
  constructor(
    @Inject(ERASURE_REGISTRY) private readonly registry: ErasureRegistry,
    @Inject(CARRIER_STATE) private readonly state: CarrierState,
  ) {}

  onModuleInit(): void {
    this.registry.register({ name: 'carrier-adapter', erase: (erasure) => this.handle(erasure) });
  }

  async handle({ accountId, before }: DataErasure): Promise<void> {
    while ((await this.state.purge(accountId, before, PURGE_CHUNK)) > 0) {
      // the next chunk
    }
  }
}
