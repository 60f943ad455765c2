import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataKeyRing } from './data-key-ring';
import { InMemoryDataKeyStore } from './data-key-store';
import { MASTER_KEY_FILE, masterKeyProvider, parseMasterKey } from './master-key';

describe('masterKeyProvider', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'master-key-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('takes MASTER_KEY as base64, base64url or hex of 32 bytes, and writes no file then', async () => {
    const key = randomBytes(32);
    const ids = await Promise.all(
      [key.toString('base64'), key.toString('base64url'), key.toString('hex'), ` ${key.toString('hex').toUpperCase()}\n`].map(async (masterKey) => (await masterKeyProvider({ masterKey, dataDir: dir }).load()).id),
    );
    expect(new Set(ids).size).toBe(1);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a MASTER_KEY that is not 32 bytes, naming MASTER_KEY and never echoing the value', async () => {
    for (const bad of ['secret', randomBytes(16).toString('base64'), randomBytes(33).toString('hex'), 'z'.repeat(64)]) {
      const failure = masterKeyProvider({ masterKey: bad, dataDir: dir }).load();
      await expect(failure).rejects.toThrow(/^MASTER_KEY must be 32 bytes/);
      await expect(failure).rejects.not.toThrow(bad);
    }
    expect(() => parseMasterKey('')).toThrow(/MASTER_KEY/);
  });

  it('without MASTER_KEY: creates DATA_DIR/master.key readable by the owner only, and reuses it on later starts', async () => {
    const nested = join(dir, 'data');
    const first = await masterKeyProvider({ dataDir: nested }).load();
    const path = join(nested, MASTER_KEY_FILE);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(nested)).toEqual([MASTER_KEY_FILE]);
    const second = await masterKeyProvider({ dataDir: nested, masterKey: '' }).load();
    expect(second.id).toBe(first.id);
    // The file is what MASTER_KEY would be: an operator can move it into a secret manager as is.
    expect((await masterKeyProvider({ dataDir: dir, masterKey: readFileSync(path, 'utf8') }).load()).id).toBe(first.id);
    const store = new InMemoryDataKeyStore();
    expect(new DataKeyRing(second, store).open('acc', new DataKeyRing(first, store).seal('acc', 'x'))).toBe('x');
  });

  it('ends with one key when many starts race on an empty directory', async () => {
    const keys = await Promise.all(Array.from({ length: 8 }, () => masterKeyProvider({ dataDir: dir }).load()));
    expect(new Set(keys.map((k) => k.id)).size).toBe(1);
    expect(readdirSync(dir)).toEqual([MASTER_KEY_FILE]);
  });

  it('refuses a damaged master.key rather than making a new key', async () => {
    writeFileSync(join(dir, MASTER_KEY_FILE), 'garbage\n', { mode: 0o600 });
    await expect(masterKeyProvider({ dataDir: dir }).load()).rejects.toThrow(/master\.key does not hold a 32-byte base64 key/);
  });
});
