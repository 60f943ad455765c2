import { openSqlite } from '@sms/service-kit';
import { SqliteReadModelDatabase } from '@sms/use-case-kit';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { retentionScheduleContract } from '../application/retention-schedule.contract';
import { SqliteRetentionSchedule } from './sqlite-retention-schedule';

retentionScheduleContract('SQLite file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'retention-'));
  const db = openSqlite(join(dir, 'account-billing.db'));
  return {
    schedule: new SqliteRetentionSchedule(db),
    unitOfWork: new SqliteReadModelDatabase(db),
    close: async () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
