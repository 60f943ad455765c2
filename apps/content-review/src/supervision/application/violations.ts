import type { EventStore } from '@sms/event-store';
import { DomainError } from '@sms/service-kit';
import { CommandHandler, type HandleResult } from '@sms/use-case-kit';
import type { PersonalDataSealer } from '@sms/use-case-kit/core';
import type { ViolationEvent } from '../domain/events';
import { type Violation, violationDecider, type ViolationState } from '../domain/violation';
import { supervisionCodec } from '../supervision.codec';

/** The violation streams' write path (one state cache), shared by the violation use cases. */
export type Violations = CommandHandler<ViolationEvent, ViolationState>;

export const createViolations = (store: EventStore, sealer: PersonalDataSealer): Violations =>
  new CommandHandler({ store, codec: supervisionCodec.protectedBy(sealer), evolve: violationDecider.evolve, initialState: violationDecider.initialState });

/** The violation after a command, or its rejection as a DomainError (problem+json or a gRPC status at the edge). */
export function violationAfter(result: HandleResult<ViolationEvent, ViolationState>, violationId: string): Violation {
  if (!result.ok) throw new DomainError(result.rejection.code, result.rejection.detail);
  if (!result.state) throw new DomainError('VIOLATION_NOT_FOUND', `violation ${violationId} does not exist`);
  return result.state;
}

/** A violation as the list shows it: the evidence opened (or `[destroyed]` once the account's data was erased). */
export interface ViolationSummary {
  violationId: string;
  accountId: string;
  category: string;
  origin: string;
  evidence: string;
  rectifyBy: string;
  recordedBy: string;
  recordedAt: string;
  status: 'OPEN' | 'REINSTATED' | 'TERMINATED';
  resolution?: { outcome: string; reason: string; resolvedBy: string; resolvedAt: string };
}

/** The violations read model (one row per violation), kept by the supervision projection. */
export interface ViolationRepository {
  recorded(violation: Omit<ViolationSummary, 'status' | 'resolution'>, revision: bigint): Promise<void>;
  resolved(violationId: string, resolution: NonNullable<ViolationSummary['resolution']>, revision: bigint): Promise<void>;
  /** Newest first; every account when `accountId` is undefined. */
  list(filter: { accountId?: string; limit: number }): Promise<ViolationSummary[]>;
}
