import type { ChannelReadModel, ChannelRecord, MaintenanceRecord } from './application/channel-read-model';

/** The channel read model in memory, for handler specs: passes the same contract as the SQLite adapter. */
export class InMemoryChannelReadModel implements ChannelReadModel {
  constructor(private readonly data: { channels: Map<string, ChannelRecord>; maintenance?: MaintenanceRecord } = { channels: new Map() }) {}

  reopen(): InMemoryChannelReadModel {
    return new InMemoryChannelReadModel(this.data);
  }

  async load(): Promise<{ channels: ChannelRecord[]; maintenance?: MaintenanceRecord }> {
    const channels = [...this.data.channels.values()].map((c) => structuredClone(c)).sort((a, b) => a.channelId.localeCompare(b.channelId));
    return { channels, ...(this.data.maintenance ? { maintenance: structuredClone(this.data.maintenance) } : {}) };
  }

  async saveChannel(record: ChannelRecord): Promise<void> {
    const known = this.data.channels.get(record.channelId);
    if (!known || known.version < record.version) this.data.channels.set(record.channelId, structuredClone(record));
  }

  async saveMaintenance(record: MaintenanceRecord): Promise<void> {
    if (!this.data.maintenance || this.data.maintenance.version < record.version) this.data.maintenance = structuredClone(record);
  }
}
