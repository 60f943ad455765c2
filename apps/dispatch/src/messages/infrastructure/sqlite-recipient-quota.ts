import type { BlindIndex } from '@sms/data-protection';
import type { UnitOfWork } from '@sms/use-case-kit';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { QuotaRequest, QuotaTaken, RecipientQuota } from '../application/recipient-quota';
import { batchTag, decodeSendLog, encodeSendLog, type FrequencyLimited, type FrequencyPolicy, type SendRecord } from '../domain/frequency-limits';

/**
 * One row per (signature, number) that sent anything a limit still counts, keyed by 64 bits of the blind index of the
 * pair (ADR 0016: the number is never stored, not even as its own index), with the counted sends as a short log
 * (frequency-limits.ts), the account (for its erasure) and when nothing of it counts any more. An integer key keeps
 * the rows small and the B-tree shallow: each new recipient dirties one page, the measured cost (ADR 0022).
 */
export const RECIPIENT_QUOTA_SCHEMA = `
CREATE TABLE IF NOT EXISTS recipient_quota (id INTEGER PRIMARY KEY, account_id TEXT NOT NULL, sends TEXT NOT NULL, expires INTEGER NOT NULL);
`;

/**
 * Sweeps (pruning, erasure) go through the key space in this many slices, one unit of work each, so none holds the
 * file for long and no index beyond the key is written on the hot path.
 */
export const SWEEP_SLICES = 256;
const SLICE = 2n ** 64n / BigInt(SWEEP_SLICES);
/** The first and last key of a slice. */
const sliceOf = (index: number): [bigint, bigint] => [-(2n ** 63n) + BigInt(index) * SLICE, -(2n ** 63n) + BigInt(index + 1) * SLICE - 1n];

/**
 * The harassment guard's counters in dispatch's read-model file. A take is one unit of work of two statements for the
 * whole request — read the numbers' logs, write back the changed ones — with no await between them, so no other take
 * interleaves (in this process the units take turns; across processes the unit's write lock orders them).
 */
export class SqliteRecipientQuota implements RecipientQuota {
  private readonly read: StatementSync;
  private readonly write: StatementSync;
  private readonly pruneSlice: StatementSync;
  private readonly forgetSlice: StatementSync;
  /** The slice the next prune starts with. */
  private sweep = 0;

  constructor(
    db: DatabaseSync,
    private readonly unitOfWork: UnitOfWork,
    private readonly blindIndex: BlindIndex,
    private readonly policy: FrequencyPolicy,
  ) {
    db.exec(RECIPIENT_QUOTA_SCHEMA);
    this.read = db.prepare('SELECT id, sends FROM recipient_quota WHERE id IN (SELECT CAST(value AS INTEGER) FROM json_each(?))');
    this.read.setReadBigInts(true);
    // `WHERE true` tells SQLite's parser the ON CONFLICT belongs to the INSERT, not to a join of the SELECT.
    this.write = db.prepare(
      `INSERT INTO recipient_quota (id, account_id, sends, expires)
       SELECT CAST(value ->> 0 AS INTEGER), ?, value ->> 1, value ->> 2 FROM json_each(?) WHERE true
       ON CONFLICT (id) DO UPDATE SET sends = excluded.sends, expires = excluded.expires`,
    );
    this.pruneSlice = db.prepare('DELETE FROM recipient_quota WHERE id BETWEEN ? AND ? AND expires <= ?');
    this.forgetSlice = db.prepare('DELETE FROM recipient_quota WHERE id BETWEEN ? AND ? AND account_id = ?');
  }

  async take(request: QuotaRequest): Promise<QuotaTaken> {
    if (request.phoneNumbers.length === 0 || !this.policy.counts(request.kind)) return { taken: [], limited: new Map() };
    const now = request.at.getTime();
    const batch = batchTag(request.batchId);
    return this.unitOfWork.transaction(async () => {
      const taken: string[] = [];
      const limited = new Map<string, FrequencyLimited>();
      this.update(request, (log, number) => {
        const outcome = this.policy.take(log, request.kind, now, batch);
        if (!outcome.ok) limited.set(number, outcome.limited);
        else if (outcome.counted) taken.push(number);
        return outcome.log;
      });
      return { taken, limited };
    });
  }

  async giveBack(request: QuotaRequest): Promise<void> {
    if (request.phoneNumbers.length === 0 || !this.policy.counts(request.kind)) return;
    const batch = batchTag(request.batchId);
    await this.unitOfWork.transaction(async () => this.update(request, (log) => this.policy.giveBack(log, request.kind, batch)));
  }

  /** Sweeps on slice by slice from where the last prune stopped, until `limit` counters went or it came all the way round. */
  async prune(now: Date, limit: number): Promise<number> {
    let pruned = 0;
    for (let slices = 0; slices < SWEEP_SLICES && pruned < limit; slices++) {
      const [from, to] = sliceOf(this.sweep);
      this.sweep = (this.sweep + 1) % SWEEP_SLICES;
      pruned += await this.unitOfWork.transaction(async () => Number(this.pruneSlice.run(from, to, now.getTime()).changes));
    }
    return pruned;
  }

  async forget(accountId: string): Promise<void> {
    for (let slice = 0; slice < SWEEP_SLICES; slice++) {
      const [from, to] = sliceOf(slice);
      await this.unitOfWork.transaction(async () => this.forgetSlice.run(from, to, accountId));
    }
  }

  /** Reads the logs of the request's numbers, and writes back those `change` altered: two statements, whatever the count. */
  private update(request: QuotaRequest, change: (log: SendRecord[], number: string) => SendRecord[]): void {
    const byKey = new Map(request.phoneNumbers.map((number) => [this.keyOf(request.signatureId, number), number]));
    const stored = new Map<string, string>();
    for (const row of this.read.all(JSON.stringify([...byKey.keys()])) as Array<{ id: bigint; sends: string }>) stored.set(row.id.toString(), row.sends);
    const rows: Array<[string, string, number]> = [];
    for (const [key, number] of byKey) {
      const before = stored.get(key) ?? '';
      const log = change(decodeSendLog(before), number);
      const after = encodeSendLog(log);
      if (after !== before) rows.push([key, after, this.policy.expiresAt(log)]);
    }
    if (rows.length > 0) this.write.run(request.accountId, JSON.stringify(rows));
  }

  /** 64 bits of the blind index of (signature, number), as SQLite's INTEGER in decimal. */
  private keyOf(signatureId: string, number: string): string {
    return Buffer.from(this.blindIndex.of(`${signatureId}\u0000${number}`), 'base64url').readBigInt64BE(0).toString();
  }
}
