import { execFileSync, spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

// Proves the boundary rules of eslint.config.mjs fire: each case is a file that breaks one rule.
const ROOT = resolve(__dirname, '..', '..');

describe('workspace boundaries (eslint.config.mjs)', () => {
  beforeAll(() => {
    // @nx/enforce-module-boundaries needs the project graph; `nx show projects` computes and caches it.
    execFileSync(join(ROOT, 'node_modules/.bin/nx'), ['show', 'projects'], { cwd: ROOT, env: { ...process.env, NX_DAEMON: 'false' }, stdio: 'ignore' });
  }, 60_000);

  // The CLI, not the ESLint class: the flat config is ESM, which jest's CommonJS sandbox cannot import.
  const lint = async (filePath: string, code: string) => {
    const run = spawnSync(process.execPath, [join(ROOT, 'node_modules/eslint/bin/eslint.js'), '--stdin', '--stdin-filename', join(ROOT, filePath), '--format', 'json'], {
      cwd: ROOT,
      input: code,
      env: { ...process.env, NX_DAEMON: 'false' },
      encoding: 'utf8',
    });
    const [result] = JSON.parse(run.stdout) as Array<{ messages: Array<{ ruleId: string; message: string }> }>;
    return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
  };

  it('forbids a service importing another service', async () => {
    const messages = await lint('apps/dispatch/src/messages/violation.ts', "import { ACCOUNT_BILLING_SERVICE } from '@sms/account-billing';\nexport const x = ACCOUNT_BILLING_SERVICE;\n");
    expect(messages.some((m) => m.startsWith('@nx/enforce-module-boundaries'))).toBe(true);
  });

  it('forbids a library importing an app', async () => {
    const messages = await lint('libs/messaging/src/violation.ts', "import { DISPATCH_SERVICE } from '@sms/dispatch';\nexport const x = DISPATCH_SERVICE;\n");
    expect(messages.some((m) => m.startsWith('@nx/enforce-module-boundaries'))).toBe(true);
  });

  it('forbids framework imports in domain code', async () => {
    const messages = await lint('apps/dispatch/src/messages/domain/violation.ts', "import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n");
    expect(messages).toEqual([expect.stringMatching(/^no-restricted-imports: .*Domain code imports no framework/)]);
  });

  it('forbids the pure sms library depending on infrastructure', async () => {
    const messages = await lint('libs/sms/src/violation.ts', "import { EVENT_STORE } from '@sms/event-store';\nexport const x = EVENT_STORE;\n");
    expect(messages.some((m) => m.startsWith('@nx/enforce-module-boundaries'))).toBe(true);
  });

  it('lets a service use contracts and infrastructure libraries', async () => {
    const messages = await lint('apps/dispatch/src/messages/fine.ts', "import { INTERNAL_TOPICS } from '@sms/contracts';\nimport { EVENT_STORE } from '@sms/event-store';\nexport const x = [INTERNAL_TOPICS, EVENT_STORE];\n");
    expect(messages).toEqual([]);
  });

  it('keeps SQLite out of application code: a repository port there, its adapter in infrastructure/', async () => {
    const driver = "import { DatabaseSync } from 'node:sqlite';\nexport const open = () => new DatabaseSync(':memory:');\n";
    expect(await lint('apps/dispatch/src/messages/application/violation.ts', driver)).toEqual([expect.stringMatching(/^no-restricted-imports: .*SQLite belongs in infrastructure/)]);
    expect(await lint('apps/dispatch/src/messages/api/violation.ts', driver)).toEqual([expect.stringMatching(/^no-restricted-imports: .*SQLite belongs in infrastructure/)]);
    expect(await lint('apps/dispatch/src/messages/infrastructure/fine.ts', driver)).toEqual([]);
  });

  it("keeps the service-kit's transaction helper out of application code", async () => {
    const messages = await lint('apps/dispatch/src/messages/application/violation.ts', "import { transaction } from '@sms/service-kit';\nexport const x = transaction;\n");
    expect(messages).toEqual([expect.stringMatching(/^no-restricted-imports: .*use the UnitOfWork port/)]);
  });

  it('forbids domain code our own infrastructure libraries, but allows the use-case kit core', async () => {
    for (const lib of ['@sms/messaging', '@sms/event-store', '@sms/service-kit', '@sms/observability', '@sms/use-case-kit']) {
      const messages = await lint('apps/dispatch/src/messages/domain/violation.ts', `import { x } from '${lib}';\nexport const y = x;\n`);
      expect(messages).toEqual([expect.stringMatching(/^no-restricted-imports: .*Domain code imports/)]);
    }
    expect(await lint('apps/dispatch/src/messages/domain/fine.ts', "import { accept } from '@sms/use-case-kit/core';\nexport const y = accept;\n")).toEqual([]);
  });

  it('lets the embedded host compose the services', async () => {
    const messages = await lint('apps/platform/src/fine.ts', "import { DISPATCH_SERVICE } from '@sms/dispatch';\nexport const x = DISPATCH_SERVICE;\n");
    expect(messages).toEqual([]);
  });
});
