import { ephemeralDataProtection } from '@sms/data-protection';
import { SqliteReadModelDatabase } from '@sms/use-case-kit';
import { DatabaseSync } from 'node:sqlite';
import { heldMessageStoreContract } from '../application/held-message-store.contract';
import { SqliteHeldMessageStore } from './sqlite-held-message-store';

heldMessageStoreContract('SQLite', async () => {
  const db = new DatabaseSync(':memory:');
  const { ring } = ephemeralDataProtection();
  return { store: new SqliteHeldMessageStore(db, ring, new SqliteReadModelDatabase(db)), destroyKey: (accountId) => ring.destroy(accountId), close: async () => db.close() };
});

describe('SqliteHeldMessageStore at rest', () => {
  it('keeps the text sealed in its row, never in clear', async () => {
    const db = new DatabaseSync(':memory:');
    const { ring } = ephemeralDataProtection();
    const store = new SqliteHeldMessageStore(db, ring, new SqliteReadModelDatabase(db));
    const text = '【阿里云】详情请加微信咨询';
    await store.record([
      { messageId: 'm1', batchId: 'b1', accountId: 'a1', kind: 'notification', category: 'fraud', terms: ['加微信'], segments: 1, countryCode: 'CN', operator: 'CMCC', heldAt: '2026-03-01T08:00:00.000Z', text },
    ]);
    const row = db.prepare('SELECT * FROM held_messages').get() as Record<string, unknown>;
    expect(JSON.stringify(row)).not.toContain('微信咨询');
    expect(ring.isSealed(row.text)).toBe(true);
    expect((await store.pending({ limit: 1 }))[0].text).toBe(text);
    db.close();
  });
});
