import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { channelReadModelContract } from '../application/channel-read-model.contract';
import type { ChannelReadModel } from '../application/channel-read-model';
import { SqliteChannelReadModel } from './sqlite-channel-read-model';

const files = new Map<ChannelReadModel, string>();
channelReadModelContract('SQLite file', async (previous) => {
  const path = previous ? (files.get(previous) as string) : join(mkdtempSync(join(tmpdir(), 'channel-read-model-')), 'dispatch.db');
  const model = new SqliteChannelReadModel(new DatabaseSync(path));
  files.set(model, path);
  return model;
});
