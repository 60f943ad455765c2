import { SqliteReadModelDatabase } from '@sms/use-case-kit';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { signatureExtensionsContract } from '../application/signature-extensions.contract';
import { EXTENSION_CODE_CAPACITY } from '../domain/extension-codes';
import { openDispatchDatabase } from './dispatch-database';
import { SqliteSendDirectory } from './sqlite-send-directory';
import { SqliteSignatureExtensions } from './sqlite-signature-extensions';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dispatch-extensions-'));
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

signatureExtensionsContract('SQLite file', async () => {
  const { db, readModels } = openDispatchDatabase(join(dir, 'dispatch.db'));
  return { extensions: new SqliteSignatureExtensions(db), unitOfWork: readModels, close: async () => db.close() };
});

describe('SqliteSignatureExtensions', () => {
  const at = '2026-11-23T10:00:00.000Z';

  it('keeps codes and the count across a restart: the next signature gets the next code', async () => {
    const path = join(dir, 'dispatch.db');
    const first = openDispatchDatabase(path);
    const before = new SqliteSignatureExtensions(first.db);
    await first.readModels.transaction(async () => {
      await before.allocate({ signatureId: 'sig-1', accountId: 'acc-1', at });
      await before.allocate({ signatureId: 'sig-2', accountId: 'acc-1', at });
    });
    await first.readModels.transaction(() => before.retire('acc-1'));
    first.db.close();

    const again = openDispatchDatabase(path);
    const after = new SqliteSignatureExtensions(again.db);
    expect(await after.extensionOf('sig-2')).toBe('1001');
    expect(await after.ownerOf('1001')).toBeUndefined();
    expect(await again.readModels.transaction(() => after.allocate({ signatureId: 'sig-3', accountId: 'acc-2', at }))).toBe('1002');
    again.db.close();
  });

  it('gives the signatures a file already held as approved their codes on the first start, in the order they were approved', async () => {
    const path = join(dir, 'dispatch.db');
    const old = openDispatchDatabase(path);
    const directory = new SqliteSendDirectory(old.db);
    await old.readModels.transaction(async () => {
      await directory.saveSignature({ signatureId: 'sig-b', accountId: 'acc-1', name: '乙', status: 'APPROVED', changedAt: '2026-11-23T11:00:00.000Z' });
      await directory.saveSignature({ signatureId: 'sig-a', accountId: 'acc-1', name: '甲', status: 'APPROVED', changedAt: '2026-11-23T10:00:00.000Z' });
      await directory.saveSignature({ signatureId: 'sig-p', accountId: 'acc-1', name: '丙', status: 'PENDING_REVIEW', changedAt: '2026-11-23T09:00:00.000Z' });
    });
    const extensions = new SqliteSignatureExtensions(old.db);
    expect(await extensions.extensionsOf(['sig-a', 'sig-b', 'sig-p'])).toEqual(
      new Map([
        ['sig-a', '1000'],
        ['sig-b', '1001'],
      ]),
    );
    // A second start finds nothing left to allocate.
    expect(await new SqliteSignatureExtensions(old.db).extensionOf('sig-b')).toBe('1001');
    expect(await old.readModels.transaction(() => extensions.allocate({ signatureId: 'sig-c', accountId: 'acc-1', at }))).toBe('1002');
    old.db.close();
  });

  it('answers no code once every code was handed out, and hands none out twice', async () => {
    const db = new DatabaseSync(':memory:');
    const extensions = new SqliteSignatureExtensions(db);
    const unitOfWork = new SqliteReadModelDatabase(db);
    db.prepare('UPDATE extension_allocations SET allocated = ?').run(EXTENSION_CODE_CAPACITY - 1);
    expect(await unitOfWork.transaction(() => extensions.allocate({ signatureId: 'sig-last', accountId: 'acc-1', at }))).toBe('999999');
    expect(await unitOfWork.transaction(() => extensions.allocate({ signatureId: 'sig-none', accountId: 'acc-1', at }))).toBeUndefined();
    expect(await extensions.extensionOf('sig-none')).toBeUndefined();
    expect(db.prepare('SELECT allocated FROM extension_allocations').get()).toEqual({ allocated: EXTENSION_CODE_CAPACITY });
    db.close();
  });
});
