import { DATA_ERASED_V1, type DataErasedV1 } from '@sms/contracts';
import { type DataKeyRing, RESERVED_PREFIX, UNATTRIBUTED } from '@sms/data-protection';

/**
 * What a process is told to destroy of an account (ADR 0017): everything (`before` absent — erasure on request, later
 * termination), or what is older than `before` (retention; an epoch boundary, RFC 3339).
 */
export interface DataErasure {
  accountId: string;
  before?: string;
}

/**
 * A service's part of an erasure: it drops what it holds of the account — read-model rows and their blind indexes,
 * cleartext kept in memory — through its own ports. Called after this process's key ring destroyed the keys, for
 * every erasure event, redeliveries included: it must be idempotent.
 */
export interface ErasureParticipant {
  /** For logs: `dispatch.messages`, `carrier-adapter.queue`, … */
  name: string;
  erase(erasure: DataErasure): Promise<void>;
}

/** The participants of this process; services add theirs when their module starts. */
export class ErasureRegistry {
  private readonly participants: ErasureParticipant[] = [];

  register(participant: ErasureParticipant): void {
    if (this.participants.some((p) => p.name === participant.name)) throw new Error(`Erasure participant ${participant.name} registered twice`);
    this.participants.push(participant);
  }

  all(): readonly ErasureParticipant[] {
    return [...this.participants];
  }
}

export const ERASURE_REGISTRY = Symbol('ERASURE_REGISTRY');

export class InvalidErasureError extends Error {
  constructor(problem: string) {
    super(`Invalid ${DATA_ERASED_V1} payload: ${problem}`);
    this.name = 'InvalidErasureError';
  }
}

const isText = (value: unknown, max = 500): value is string => typeof value === 'string' && value.length > 0 && value.length <= max;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** Validation of a consumed `sms.data-erased.v1` at the edge: a malformed one ends on the dead-letter topic. */
export function parseDataErased(data: unknown): DataErasedV1 {
  const fail = (problem: string): never => {
    throw new InvalidErasureError(problem);
  };
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return fail('not an object');
  const d = data as Record<string, unknown>;
  if (!isText(d.accountId, 200)) fail('accountId');
  if (d.scope !== 'account' && d.scope !== 'retention') fail('scope');
  // Platform keys are never an account's: only the unattributed replies may have a retention.
  if ((d.accountId as string).startsWith(RESERVED_PREFIX) && (d.scope !== 'retention' || d.accountId !== UNATTRIBUTED)) fail('accountId is reserved');
  if (d.scope === 'retention' && !(typeof d.before === 'string' && ISO_TIME.test(d.before) && Number.isFinite(Date.parse(d.before)))) fail('before');
  if (d.scope === 'account' && d.before !== undefined) fail('before (an account erasure takes everything)');
  if (!isText(d.reason)) fail('reason');
  if (!isText(d.erasedBy, 200)) fail('erasedBy');
  if (!isText(d.erasedAt, 40)) fail('erasedAt');
  return d as unknown as DataErasedV1;
}

/**
 * What every process does with an erasure: destroys the keys in its own key ring (processes on one DATA_DIR share
 * keyring.db, so the second does nothing new), then has every participant purge. Keys first: from then on nothing of
 * it opens, whatever a participant still holds; a participant that fails is retried with the whole erasure.
 */
export async function applyErasure(erasure: DataErasedV1, ring: DataKeyRing, participants: readonly ErasureParticipant[]): Promise<void> {
  if (erasure.scope === 'account') ring.destroy(erasure.accountId);
  else ring.destroyBefore(erasure.accountId, Date.parse(erasure.before as string));
  const scope: DataErasure = { accountId: erasure.accountId, ...(erasure.scope === 'retention' ? { before: erasure.before } : {}) };
  for (const participant of participants) await participant.erase(scope);
}
