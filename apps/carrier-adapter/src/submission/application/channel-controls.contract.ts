import type { ChannelControlStore } from './channel-controls.port';

/** What every ChannelControlStore adapter must do (SQLite in the int spec, in-memory in the unit spec). */
export function channelControlsContract(name: string, open: (previous?: ChannelControlStore) => Promise<ChannelControlStore>): void {
  const control = (version: number, paused: boolean) => ({ channelId: 'a', enabled: true, paused, tps: 50, version });

  describe(`ChannelControlStore contract: ${name}`, () => {
    it('keeps the newest version of each channel and of the maintenance window, across a restart', async () => {
      const store = await open();
      expect(await store.load()).toEqual({ channels: [] });
      expect(await store.saveChannel(control(2, true))).toBe(true);
      expect(await store.saveChannel(control(1, false))).toBe(false);
      expect(await store.saveChannel(control(2, false))).toBe(false);
      expect(await store.saveChannel({ ...control(1, false), channelId: 'b' })).toBe(true);
      expect(await store.saveMaintenance({ active: true, untilMs: Date.parse('2026-11-23T12:00:00.000Z'), version: 3 })).toBe(true);
      expect(await store.saveMaintenance({ active: false, version: 2 })).toBe(false);
      const again = await open(store);
      const loaded = await again.load();
      expect(loaded.channels.sort((x, y) => x.channelId.localeCompare(y.channelId))).toEqual([control(2, true), { ...control(1, false), channelId: 'b' }]);
      expect(loaded.maintenance).toEqual({ active: true, untilMs: Date.parse('2026-11-23T12:00:00.000Z'), version: 3 });
      expect(await again.saveMaintenance({ active: false, version: 4 })).toBe(true);
      expect((await again.load()).maintenance).toEqual({ active: false, version: 4 });
    });
  });
}
