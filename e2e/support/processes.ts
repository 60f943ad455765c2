import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

// Waiting helpers shared with the integration tests.
export { eventually, freePort } from '@sms/testing';

/** The repository root, whether this runs from e2e/ (jest) or dist/e2e/ (the bench). */
export const ROOT = (() => {
  let dir = __dirname;
  while (!existsSync(join(dir, 'nx.json'))) {
    if (dirname(dir) === dir) throw new Error(`no nx.json above ${__dirname}`);
    dir = dirname(dir);
  }
  return dir;
})();
export const NODE = process.execPath;

export interface RunningProcess {
  child: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `sms-${prefix}-`));
}


/**
 * Starts a built entry point (dist/…/main.js) as its own process, as production would, and waits until it prints
 * a line matching `ready`. Output is kept for failure messages.
 */
export async function startProcess(entry: string, env: Record<string, string>, ready: RegExp, timeoutMs = 60_000): Promise<RunningProcess & { match: RegExpMatchArray }> {
  const child = spawn(NODE, [join(ROOT, 'dist', entry)], {
    cwd: ROOT,
    // Each embedded platform's bundled simulator serves CMPP on a free port, so specs running side by side never share one.
    env: { ...process.env, LOG_LEVEL: 'warn', CMPP_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk) => (output += chunk.toString()));

  const match = await new Promise<RegExpMatchArray>((resolveReady, reject) => {
    const timer = setTimeout(() => reject(new Error(`${entry} did not become ready in ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const check = () => {
      const m = output.match(ready);
      if (m) {
        clearTimeout(timer);
        child.stdout?.off('data', check);
        resolveReady(m);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited with ${code} before it was ready:\n${output}`));
    });
  });

  return {
    child,
    match,
    output: () => output,
    stop: () =>
      new Promise<void>((resolveStop) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolveStop();
        const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(killer);
          resolveStop();
        });
        child.kill('SIGTERM');
      }),
  };
}
