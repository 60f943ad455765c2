import { SqliteReadModelDatabase } from '@sms/use-case-kit';
import { DatabaseSync } from 'node:sqlite';
import { sendDirectoryContract } from '../application/send-directory.contract';
import { SqliteSendDirectory } from './sqlite-send-directory';

sendDirectoryContract('SQLite', async () => {
  const db = new DatabaseSync(':memory:');
  return { repository: new SqliteSendDirectory(db), unitOfWork: new SqliteReadModelDatabase(db), close: async () => db.close() };
});
