import { transaction } from '@sms/service-kit';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { SignatureExtension, SignatureExtensions } from '../application/signature-extensions';
import { EXTENSION_CODE_CAPACITY, extensionCode } from '../domain/extension-codes';

/*
 * The codes live in dispatch's file beside the send directory. `extension_allocations` counts every code ever handed
 * out and only goes up, so a code is never handed out twice — whatever becomes of the rows (erasure retires them,
 * it does not delete them). No personal data: signature, account, code, times.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS signature_extensions (
  signature_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, extension TEXT NOT NULL UNIQUE, allocated_at TEXT NOT NULL, retired_at TEXT
);
CREATE INDEX IF NOT EXISTS signature_extensions_by_account ON signature_extensions (account_id);
CREATE TABLE IF NOT EXISTS extension_allocations (id INTEGER PRIMARY KEY CHECK (id = 1), allocated INTEGER NOT NULL);
INSERT OR IGNORE INTO extension_allocations (id, allocated) VALUES (1, 0);
`;

/** Extension codes of approved signatures in dispatch's SQLite file. */
export class SqliteSignatureExtensions implements SignatureExtensions {
  private readonly stmt: Record<'get' | 'next' | 'insert' | 'many' | 'owner' | 'retire', StatementSync>;

  constructor(private readonly db: DatabaseSync) {
    db.exec(SCHEMA);
    this.stmt = {
      get: db.prepare('SELECT extension FROM signature_extensions WHERE signature_id = ?'),
      next: db.prepare(`UPDATE extension_allocations SET allocated = allocated + 1 WHERE id = 1 AND allocated < ${EXTENSION_CODE_CAPACITY} RETURNING allocated`),
      insert: db.prepare('INSERT INTO signature_extensions (signature_id, account_id, extension, allocated_at) VALUES (?, ?, ?, ?)'),
      many: db.prepare('SELECT signature_id, extension FROM signature_extensions WHERE signature_id IN (SELECT value FROM json_each(?))'),
      owner: db.prepare('SELECT signature_id AS signatureId, account_id AS accountId, extension FROM signature_extensions WHERE extension = ? AND retired_at IS NULL'),
      retire: db.prepare("UPDATE signature_extensions SET retired_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE account_id = ? AND retired_at IS NULL"),
    };
    allocateForApprovedSignatures(db, this);
  }

  async allocate(signature: { signatureId: string; accountId: string; at: string }): Promise<string | undefined> {
    return this.allocateNow(signature);
  }

  async extensionOf(signatureId: string): Promise<string | undefined> {
    return (this.stmt.get.get(signatureId) as { extension: string } | undefined)?.extension;
  }

  async extensionsOf(signatureIds: string[]): Promise<Map<string, string>> {
    if (signatureIds.length === 0) return new Map();
    const rows = this.stmt.many.all(JSON.stringify([...new Set(signatureIds)])) as Array<{ signature_id: string; extension: string }>;
    return new Map(rows.map((row) => [row.signature_id, row.extension]));
  }

  async ownerOf(extension: string): Promise<SignatureExtension | undefined> {
    const row = this.stmt.owner.get(extension) as SignatureExtension | undefined;
    return row && { signatureId: row.signatureId, accountId: row.accountId, extension: row.extension };
  }

  async retire(accountId: string): Promise<number> {
    return Number(this.stmt.retire.run(accountId).changes);
  }

  /** Synchronous, so the read of the counter and the insert cannot interleave with another allocation. */
  allocateNow({ signatureId, accountId, at }: { signatureId: string; accountId: string; at: string }): string | undefined {
    const existing = this.stmt.get.get(signatureId) as { extension: string } | undefined;
    if (existing) return existing.extension;
    const counted = this.stmt.next.get() as { allocated: number } | undefined;
    const extension = counted && extensionCode(counted.allocated);
    if (!extension) return undefined;
    this.stmt.insert.run(signatureId, accountId, extension, at);
    return extension;
  }
}

/**
 * Files written before extension codes: the signatures the send directory already holds as APPROVED get theirs, in the
 * order they were approved, once (a second start finds none without one).
 */
function allocateForApprovedSignatures(db: DatabaseSync, extensions: SqliteSignatureExtensions): void {
  if (!db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'signatures'").get()) return;
  const missing = db
    .prepare(
      `SELECT signature_id AS signatureId, account_id AS accountId, changed_at AS at FROM signatures
       WHERE status = 'APPROVED' AND signature_id NOT IN (SELECT signature_id FROM signature_extensions) ORDER BY changed_at, signature_id`,
    )
    .all() as Array<{ signatureId: string; accountId: string; at: string }>;
  if (missing.length === 0) return;
  transaction(db, () => {
    for (const signature of missing) extensions.allocateNow(signature);
  });
}
