import { DomainError } from '@sms/service-kit';
import { billedCaughtUp } from './reconciliation';
import type { BilledProjection, MessageCharge, ReconciliationStore } from './reconciliation-store';

/**
 * What the ledger charged for messages (terms §8.5: a service credit may not exceed it). Messages of another account,
 * and messages never billed, are left out of the answer.
 */
export interface MessageCharges {
  chargesOf(accountId: string, messageIds: string[]): Promise<MessageCharge[]>;
}

/** `MessageCharges`, for the service-credit handler to inject. */
export const MESSAGE_CHARGES = Symbol('MESSAGE_CHARGES');

/** Most messages one question may name (a credit names the affected messages of one incident). */
export const MAX_CHARGED_MESSAGES = 10_000;

/**
 * Answers from the reconciliation table once the captures projection has caught up with everything committed before
 * the question, so a credit never meets a charge the ledger already holds but the table does not yet.
 */
export class CaughtUpMessageCharges implements MessageCharges {
  constructor(
    private readonly projection: BilledProjection,
    private readonly store: ReconciliationStore,
  ) {}

  async chargesOf(accountId: string, messageIds: string[]): Promise<MessageCharge[]> {
    if (messageIds.length === 0) return [];
    if (messageIds.length > MAX_CHARGED_MESSAGES) throw new DomainError('VALIDATION_FAILED', `at most ${MAX_CHARGED_MESSAGES} messages at once`);
    await billedCaughtUp(this.projection);
    return this.store.charges(accountId, [...new Set(messageIds)]);
  }
}
