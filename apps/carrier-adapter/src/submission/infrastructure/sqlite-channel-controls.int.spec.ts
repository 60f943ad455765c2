import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { channelControlsContract } from '../application/channel-controls.contract';
import type { ChannelControlStore } from '../application/channel-controls.port';
import { SqliteChannelControls } from './sqlite-channel-controls';

const files = new Map<ChannelControlStore, string>();
channelControlsContract('SQLite file', async (previous) => {
  const path = previous ? (files.get(previous) as string) : join(mkdtempSync(join(tmpdir(), 'channel-controls-')), 'carrier-adapter.db');
  const store = new SqliteChannelControls(new DatabaseSync(path));
  files.set(store, path);
  return store;
});
