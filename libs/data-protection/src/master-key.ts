import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { aesKeyEncryptionKey, KEY_BYTES, type KeyEncryptionKey, type KeyEncryptionKeyProvider } from './key-encryption-key';

export const MASTER_KEY_FILE = 'master.key';

/**
 * The key-encryption key from `MASTER_KEY` (32 bytes, base64 or hex), or — when it is not set — from
 * `DATA_DIR/master.key`, generated on the first start and reused afterwards.
 *
 * The generated file is for laptops and tests only: next to `keyring.db` it means whoever copies the data directory
 * holds the key too. Production sets MASTER_KEY from a secret manager (or uses a KMS adapter of
 * `KeyEncryptionKeyProvider`), so the disk alone never suffices to read the data.
 */
export function masterKeyProvider(options: { masterKey?: string; dataDir: string }): KeyEncryptionKeyProvider {
  return {
    load: async (): Promise<KeyEncryptionKey> => {
      const configured = options.masterKey?.trim();
      return aesKeyEncryptionKey(configured ? parseMasterKey(configured) : masterKeyFile(options.dataDir));
    },
  };
}

/** 32 bytes as 64 hex digits or base64 (standard or URL alphabet). The error never repeats the value. */
export function parseMasterKey(value: string): Buffer {
  const text = value.trim();
  let key: Buffer | undefined;
  if (/^[0-9a-fA-F]{64}$/.test(text)) key = Buffer.from(text, 'hex');
  else if (/^[A-Za-z0-9+/_-]{43}=?$/.test(text)) key = Buffer.from(text, 'base64');
  if (!key || key.length !== KEY_BYTES) {
    throw new Error(`MASTER_KEY must be ${KEY_BYTES} bytes, written as base64 or 64 hex digits (e.g. the output of \`openssl rand -base64 32\`)`);
  }
  return key;
}

/**
 * Reads DATA_DIR/master.key, creating it (mode 0600) when absent. Threads and processes starting together on one
 * directory end with one key: the key is written to a private temporary file first and linked into place, which
 * fails for all but the first — so nobody ever reads a half-written file.
 */
function masterKeyFile(dataDir: string): Buffer {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, MASTER_KEY_FILE);
  try {
    return parseFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temporary, `${randomBytes(KEY_BYTES).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temporary);
  }
  return parseFile(path);
}

function parseFile(path: string): Buffer {
  const text = readFileSync(path, 'utf8');
  try {
    return parseMasterKey(text);
  } catch {
    throw new Error(`${path} does not hold a ${KEY_BYTES}-byte base64 key; restore it from a backup or set MASTER_KEY (without it nothing sealed under it can be read)`);
  }
}
