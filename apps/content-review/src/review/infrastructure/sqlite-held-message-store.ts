import type { MessageKind } from '@sms/contracts';
import { DataKeyDestroyedError } from '@sms/data-protection';
import { SqliteReadModelDatabase, type UnitOfWork } from '@sms/use-case-kit';
import { PERSONAL_DATA_DESTROYED, type PersonalDataSealer } from '@sms/use-case-kit/core';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { HeldMessage } from '../domain/held-message';
import type { HeldMessageStore, HeldMessageWithText } from '../application/held-messages';

interface HeldRow {
  message_id: string;
  batch_id: string;
  account_id: string;
  kind: string;
  category: string;
  terms: string;
  segments: number;
  country_code: string;
  operator: string;
  held_at: string;
  text: string | null;
}

/**
 * Table `held_messages` in content-review's SQLite file (ADR 0036): one row per message screening held, the text
 * sealed with the account's data key (ADR 0016) — erasing the account's data makes it read `[destroyed]`; a row
 * recorded after the key was destroyed keeps no text at all. `decided_at` takes it out of the review queue.
 */
export class SqliteHeldMessageStore implements HeldMessageStore {
  private readonly insert: StatementSync;
  private readonly byId: StatementSync;
  private readonly page: StatementSync;
  private readonly pageAfter: StatementSync;
  private readonly markDecided: StatementSync;

  /** Writes run as units of work of the file's read-model database (they take turns with the projections'). */
  constructor(
    db: DatabaseSync,
    private readonly sealer: PersonalDataSealer,
    private readonly units: UnitOfWork,
  ) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS held_messages (
        message_id TEXT PRIMARY KEY,
        batch_id TEXT NOT NULL,
        account_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        category TEXT NOT NULL,
        terms TEXT NOT NULL,
        segments INTEGER NOT NULL,
        country_code TEXT NOT NULL,
        operator TEXT NOT NULL,
        held_at TEXT NOT NULL,
        text TEXT,
        decided_at TEXT
      );
      CREATE INDEX IF NOT EXISTS held_messages_pending ON held_messages (held_at, message_id) WHERE decided_at IS NULL;
    `);
    this.insert = db.prepare(
      `INSERT INTO held_messages (message_id, batch_id, account_id, kind, category, terms, segments, country_code, operator, held_at, text)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (message_id) DO NOTHING`,
    );
    this.byId = db.prepare('SELECT * FROM held_messages WHERE message_id = ?');
    this.page = db.prepare('SELECT * FROM held_messages WHERE decided_at IS NULL ORDER BY held_at, message_id LIMIT ?');
    this.pageAfter = db.prepare(
      'SELECT * FROM held_messages WHERE decided_at IS NULL AND (held_at > ? OR (held_at = ? AND message_id > ?)) ORDER BY held_at, message_id LIMIT ?',
    );
    this.markDecided = db.prepare('UPDATE held_messages SET decided_at = ? WHERE message_id = ? AND decided_at IS NULL');
  }

  /** A store on its own in-memory database (unit tests of the use cases that write or read it). */
  static inMemory(sealer: PersonalDataSealer): { store: SqliteHeldMessageStore; close(): void } {
    const db = new DatabaseSync(':memory:');
    return { store: new SqliteHeldMessageStore(db, sealer, new SqliteReadModelDatabase(db)), close: () => db.close() };
  }

  async record(messages: HeldMessageWithText[]): Promise<void> {
    if (messages.length === 0) return;
    await this.units.transaction(async () => {
      for (const m of messages) {
        this.insert.run(
          m.messageId,
          m.batchId,
          m.accountId,
          m.kind,
          m.category,
          JSON.stringify(m.terms),
          m.segments,
          m.countryCode,
          m.operator,
          m.heldAt,
          this.seal(m.accountId, m.text),
        );
      }
    });
  }

  async find(messageId: string): Promise<HeldMessage | undefined> {
    const row = this.byId.get(messageId) as HeldRow | undefined;
    return row ? toHeld(row) : undefined;
  }

  async pending(query: { after?: { heldAt: string; messageId: string }; limit: number }): Promise<HeldMessageWithText[]> {
    const { after, limit } = query;
    const rows = (after ? this.pageAfter.all(after.heldAt, after.heldAt, after.messageId, limit) : this.page.all(limit)) as unknown as HeldRow[];
    return rows.map((row) => ({ ...toHeld(row), text: (row.text !== null && this.sealer.open(row.account_id, row.text)) || PERSONAL_DATA_DESTROYED }));
  }

  async decided(messageId: string, decidedAt: string): Promise<void> {
    await this.units.transaction(async () => {
      this.markDecided.run(decidedAt, messageId);
    });
  }

  /** Null when the account's key is already destroyed (an erased account's batch redelivered): nothing to keep. */
  private seal(accountId: string, text: string): string | null {
    try {
      return this.sealer.seal(accountId, text);
    } catch (error) {
      if (error instanceof DataKeyDestroyedError) return null;
      throw error;
    }
  }
}

function toHeld(row: HeldRow): HeldMessage {
  return {
    messageId: row.message_id,
    batchId: row.batch_id,
    accountId: row.account_id,
    kind: row.kind as MessageKind,
    category: row.category,
    terms: JSON.parse(row.terms) as string[],
    segments: Number(row.segments),
    countryCode: row.country_code,
    operator: row.operator,
    heldAt: row.held_at,
  };
}
