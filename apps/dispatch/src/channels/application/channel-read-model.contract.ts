import type { ChannelReadModel, ChannelRecord } from './channel-read-model';

/** What every ChannelReadModel adapter must do (SQLite in its int spec, in-memory in the unit spec). */
export function channelReadModelContract(name: string, open: (previous?: ChannelReadModel) => Promise<ChannelReadModel>): void {
  const record = (channelId: string, version: number, paused = false): ChannelRecord => ({
    channelId,
    version,
    paused,
    attributes: { protocol: 'smpp', operators: ['CMCC'], countries: ['*'], kinds: ['notification'], priority: 1, tps: 0, enabled: true },
    changedAt: '2026-11-23T10:00:00.000Z',
  });

  describe(`ChannelReadModel contract: ${name}`, () => {
    it('keeps the newest version of each channel and of the maintenance window, across a restart', async () => {
      const model = await open();
      expect(await model.load()).toEqual({ channels: [] });
      await model.saveChannel(record('a', 1));
      await model.saveChannel(record('a', 2, true));
      await model.saveChannel(record('a', 1));
      await model.saveChannel(record('b', 0));
      await model.saveMaintenance({ active: true, until: '2026-11-23T11:00:00.000Z', since: '2026-11-23T10:00:00.000Z', version: 3 });
      await model.saveMaintenance({ active: false, version: 1 });
      const loaded = await (await open(model)).load();
      expect(loaded.channels.sort((x, y) => x.channelId.localeCompare(y.channelId))).toEqual([record('a', 2, true), record('b', 0)]);
      expect(loaded.maintenance).toEqual({ active: true, until: '2026-11-23T11:00:00.000Z', since: '2026-11-23T10:00:00.000Z', version: 3 });
    });
  });
}
