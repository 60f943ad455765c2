import { openSqlite } from '@sms/service-kit';
import { SqliteReadModelDatabase } from '@sms/use-case-kit';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reconciliationStoreContract } from '../application/reconciliation-store.contract';
import { SqliteReconciliationStore, SqliteStatementStore } from './sqlite-reconciliation-store';

reconciliationStoreContract('SQLite file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'reconciliation-'));
  const db = openSqlite(join(dir, 'account-billing.db'));
  return {
    store: new SqliteReconciliationStore(db),
    statements: new SqliteStatementStore(db),
    unitOfWork: new SqliteReadModelDatabase(db),
    close: async () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
