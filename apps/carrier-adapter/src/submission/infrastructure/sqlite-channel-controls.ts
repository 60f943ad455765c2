import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { ChannelControlStore, StoredControls } from '../application/channel-controls.port';
import type { ChannelControl, Maintenance } from '../domain/failover';

const MAINTENANCE_KEY = 'maintenance';
const channelKey = (channelId: string) => `channel:${channelId}`;

/** The channel controls and the maintenance window in the carrier's file, one row each, the newer version winning. */
export class SqliteChannelControls implements ChannelControlStore {
  private readonly all: StatementSync;
  private readonly save: StatementSync;

  constructor(db: DatabaseSync) {
    db.exec('CREATE TABLE IF NOT EXISTS channel_controls (key TEXT PRIMARY KEY, version INTEGER NOT NULL, body TEXT NOT NULL) WITHOUT ROWID');
    this.all = db.prepare('SELECT key, body FROM channel_controls');
    // One statement: the row is written only when it is new or older than this version.
    this.save = db.prepare(
      `INSERT INTO channel_controls (key, version, body) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET version = excluded.version, body = excluded.body WHERE excluded.version > channel_controls.version`,
    );
  }

  async load(): Promise<StoredControls> {
    const stored: StoredControls = { channels: [] };
    for (const row of this.all.all() as Array<{ key: string; body: string }>) {
      if (row.key === MAINTENANCE_KEY) stored.maintenance = JSON.parse(row.body) as Maintenance;
      else stored.channels.push(JSON.parse(row.body) as ChannelControl);
    }
    return stored;
  }

  async saveChannel(control: ChannelControl): Promise<boolean> {
    return Number(this.save.run(channelKey(control.channelId), control.version, JSON.stringify(control)).changes) > 0;
  }

  async saveMaintenance(maintenance: Maintenance): Promise<boolean> {
    return Number(this.save.run(MAINTENANCE_KEY, maintenance.version, JSON.stringify(maintenance)).changes) > 0;
  }
}
