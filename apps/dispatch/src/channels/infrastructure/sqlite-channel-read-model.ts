import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { ChannelReadModel, ChannelRecord, MaintenanceRecord } from '../application/channel-read-model';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS channels (channel_id TEXT PRIMARY KEY, version INTEGER NOT NULL, record TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS maintenance_window (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL, record TEXT NOT NULL);
`;

/** Channels and the maintenance window in dispatch's file (ADR 0018): one row each, the newer version winning. No personal data. */
export class SqliteChannelReadModel implements ChannelReadModel {
  private readonly stmt: Record<'channels' | 'maintenance' | 'saveChannel' | 'saveMaintenance', StatementSync>;

  constructor(db: DatabaseSync) {
    db.exec(SCHEMA);
    this.stmt = {
      channels: db.prepare('SELECT record FROM channels ORDER BY channel_id'),
      maintenance: db.prepare('SELECT record FROM maintenance_window WHERE id = 1'),
      saveChannel: db.prepare(
        `INSERT INTO channels (channel_id, version, record) VALUES (?, ?, ?)
         ON CONFLICT (channel_id) DO UPDATE SET version = excluded.version, record = excluded.record WHERE excluded.version > channels.version`,
      ),
      saveMaintenance: db.prepare(
        `INSERT INTO maintenance_window (id, version, record) VALUES (1, ?, ?)
         ON CONFLICT (id) DO UPDATE SET version = excluded.version, record = excluded.record WHERE excluded.version > maintenance_window.version`,
      ),
    };
  }

  async load(): Promise<{ channels: ChannelRecord[]; maintenance?: MaintenanceRecord }> {
    const channels = (this.stmt.channels.all() as Array<{ record: string }>).map((row) => JSON.parse(row.record) as ChannelRecord);
    const maintenance = this.stmt.maintenance.get() as { record: string } | undefined;
    return { channels, ...(maintenance ? { maintenance: JSON.parse(maintenance.record) as MaintenanceRecord } : {}) };
  }

  async saveChannel(record: ChannelRecord): Promise<void> {
    this.stmt.saveChannel.run(record.channelId, record.version, JSON.stringify(record));
  }

  async saveMaintenance(record: MaintenanceRecord): Promise<void> {
    this.stmt.saveMaintenance.run(record.version, JSON.stringify(record));
  }
}
