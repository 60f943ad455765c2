import { openSqlite } from '@sms/service-kit';
import { SqliteReadModelDatabase } from '@sms/use-case-kit';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { balanceViewContract } from '../application/balance-view.contract';
import { SqliteBalanceView } from './sqlite-balance-view';

// A real file, opened as the service opens it; reopened to prove a restart keeps the view.
balanceViewContract(
  'SQLite file',
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dispatch-balance-view-'));
    const open: DatabaseSync[] = [openSqlite(join(dir, 'dispatch.db'))];
    return {
      repository: new SqliteBalanceView(open[0]),
      unitOfWork: new SqliteReadModelDatabase(open[0]),
      reopen: async () => {
        open[0].close();
        open.push(openSqlite(join(dir, 'dispatch.db')));
        return new SqliteBalanceView(open[open.length - 1]);
      },
      close: async () => {
        for (const db of open) if (db.isOpen) db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
  { durable: true },
);
