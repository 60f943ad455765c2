import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';

/** One row of a service's `event-store.db`, its data and metadata parsed. */
export interface StoredEvent {
  position: number;
  revision: number;
  id: string;
  type: string;
  data: any;
  metadata: Record<string, string>;
}

/**
 * A read-only look into the SQLite event store of a service running (or killed) in another process: what was
 * committed, whatever that process says about it. WAL lets it read while the service writes; a read-only handle
 * never takes the write lock, so it cannot slow the service's appends down.
 */
export class EventStoreFile {
  private db?: DatabaseSync;
  private counting?: StatementSync;

  constructor(readonly path: string) {}

  static inDataDir(dataDir: string): EventStoreFile {
    return new EventStoreFile(join(dataDir, 'event-store.db'));
  }

  /** Events of `stream` whose type is one of `types` (all types when empty); 0 before the service created the file. */
  count(stream: string, types: readonly string[] = []): number {
    const db = this.open();
    if (!db) return 0;
    if (types.length === 0) return Number((db.prepare('SELECT count(*) AS n FROM events WHERE stream = ?').get(stream) as { n: number }).n);
    this.counting ??= db.prepare(`SELECT count(*) AS n FROM events WHERE stream = ? AND type IN (SELECT value FROM json_each(?))`);
    return Number((this.counting.get(stream, JSON.stringify(types)) as { n: number }).n);
  }

  /** Every event of `stream`, oldest first. */
  read(stream: string): StoredEvent[] {
    const db = this.open();
    if (!db) return [];
    const rows = db.prepare('SELECT position, revision, id, type, data, metadata FROM events WHERE stream = ? ORDER BY revision').all(stream) as Array<Record<string, any>>;
    return rows.map((r) => ({
      position: Number(r.position),
      revision: Number(r.revision),
      id: String(r.id),
      type: String(r.type),
      data: JSON.parse(String(r.data)),
      metadata: JSON.parse(String(r.metadata)),
    }));
  }

  close(): void {
    this.db?.close();
    this.db = undefined;
    this.counting = undefined;
  }

  private open(): DatabaseSync | undefined {
    if (this.db) return this.db;
    if (!existsSync(this.path)) return undefined;
    try {
      this.db = new DatabaseSync(this.path, { readOnly: true, timeout: 5000 });
      // The service creates the table right after the file; until then there is nothing to read.
      this.db.prepare('SELECT 1 FROM events LIMIT 1').get();
      return this.db;
    } catch {
      this.close();
      return undefined;
    }
  }
}
