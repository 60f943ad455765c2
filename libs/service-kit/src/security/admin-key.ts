import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const ADMIN_KEY_FILE = 'admin-api-key';

export interface AdminKey {
  token: string;
  /** Where a generated key is kept (mode 0600); undefined when ADMIN_API_KEY came from the environment. */
  file?: string;
  /** True on the start that generated it: the one time it is printed. */
  generated: boolean;
}

/**
 * The bootstrap key (CONTRACTS.md): ADMIN_API_KEY when set; otherwise the one generated on the first start and kept
 * in DATA_DIR, readable by its owner only. Generation uses O_EXCL, so two processes on one DATA_DIR agree on one key.
 */
export function resolveAdminKey(configured: string | undefined, dataDir: string): AdminKey {
  if (configured) return { token: configured, generated: false };
  const file = resolve(join(dataDir, ADMIN_KEY_FILE));
  mkdirSync(dirname(file), { recursive: true });
  const token = `adm_${randomBytes(32).toString('base64url')}`;
  try {
    writeFileSync(file, `${token}\n`, { flag: 'wx', mode: 0o600 });
    return { token, file, generated: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  // Someone may have loosened it; a key file others can read is a key others hold.
  chmodSync(file, 0o600);
  const existing = readFileSync(file, 'utf8').trim();
  if (existing.length < 32) throw new Error(`${file} does not hold an admin key of at least 32 characters; remove it to generate a new one`);
  return { token: existing, file, generated: false };
}
