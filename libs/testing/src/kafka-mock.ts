import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface KafkaMockOptions {
  /** Broker count; 3 gives replicated partitions with distinct leaders. Default 1. */
  brokers?: 1 | 3;
  /** Partitions of each topic given without an explicit `:<n>`. Default 4. */
  partitions?: number;
  /** Topics to pre-create, `name` or `name:<partitions>` (the mock has no CreateTopics). */
  topics: string[];
  /** How long to wait for the bootstrap address once the binary is built. Default 120 s. */
  startTimeoutMs?: number;
}

export interface KafkaMock {
  /** Comma-separated `host:port` list for `bootstrap.servers` / kafkajs `brokers` (split on ','). */
  bootstrap: string;
  /** Bootstrap as an array, as kafkajs expects. */
  brokers: string[];
  stop(): Promise<void>;
}

const BOOTSTRAP_PREFIX = 'BOOTSTRAP ';

const isRepoRoot = (dir: string) => existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'libs/testing/kafka-mock/build.sh'));

/** The repository root: the first ancestor of this file (src or dist) or of the working directory holding the launcher sources. */
function findRepoRoot(): string {
  for (const start of [__dirname, process.cwd()]) {
    for (let dir = start; ; dir = dirname(dir)) {
      if (isRepoRoot(dir)) return dir;
      if (dirname(dir) === dir) break;
    }
  }
  throw new Error(`kafka-mock: cannot find libs/testing/kafka-mock above ${__dirname} or ${process.cwd()}`);
}

export function kafkaMockPaths(): { buildScript: string; source: string; binary: string } {
  const root = join(findRepoRoot(), 'libs/testing/kafka-mock');
  return { buildScript: join(root, 'build.sh'), source: join(root, 'kafka-mock.c'), binary: join(root, 'bin/kafka-mock') };
}

function needsBuild(source: string, binary: string): boolean {
  if (!existsSync(binary)) return true;
  return statSync(source).mtimeMs > statSync(binary).mtimeMs;
}

function runBuild(buildScript: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // stdout goes to our stderr so a CLI caller's stdout carries only the address.
    const child = spawn('bash', [buildScript], { stdio: ['ignore', process.stderr, 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`kafka-mock: ${buildScript} failed (${signal ?? `exit ${code}`})`)),
    );
  });
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * Starts librdkafka's mock cluster in a child process and resolves with its bootstrap address. The child
 * exits when `stop()` closes its stdin, or when this process dies (closed pipe / PR_SET_PDEATHSIG).
 * Caveats of the mock: no admin APIs (topics must be listed here), transactions not honoured, first group
 * join takes ~3 s; consumers should use sessionTimeout 6000, heartbeatInterval 1000, maxWaitTimeInMs 100.
 */
export async function startKafkaMock(options: KafkaMockOptions): Promise<KafkaMock> {
  const brokers = options.brokers ?? 1;
  const partitions = options.partitions ?? 4;
  if (brokers !== 1 && brokers !== 3) throw new Error('kafka-mock: brokers must be 1 or 3');
  if (!Number.isInteger(partitions) || partitions < 1) throw new Error('kafka-mock: partitions must be a positive integer');

  const paths = kafkaMockPaths();
  if (needsBuild(paths.source, paths.binary)) await runBuild(paths.buildScript);

  const topics = [...new Set(options.topics)];
  const child = spawn(paths.binary, [String(brokers), String(partitions), ...topics], { stdio: 'pipe' });
  // Keep the last lines of stderr to explain a failed start; librdkafka logs little at log_level 3.
  const stderrTail: string[] = [];
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderrTail.push(chunk);
    if (stderrTail.length > 20) stderrTail.shift();
  });
  // Ignore EPIPE on stdin if the child is already gone when we close it.
  child.stdin.on('error', () => undefined);

  const bootstrap = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    const timeoutMs = options.startTimeoutMs ?? 120_000;
    const fail = (reason: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`kafka-mock: ${reason}${stderrTail.length ? `: ${stderrTail.join('').trim()}` : ''}`));
    };
    const timer = setTimeout(() => fail(`no bootstrap address within ${timeoutMs} ms`), timeoutMs);
    child.once('error', (error) => fail(error.message));
    child.once('exit', (code, signal) => fail(`exited before it was ready (${signal ?? `exit ${code}`})`));
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      const line = buffered.split('\n').find((l) => l.startsWith(BOOTSTRAP_PREFIX));
      if (line) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        child.removeAllListeners('error');
        child.on('error', () => undefined);
        resolve(line.slice(BOOTSTRAP_PREFIX.length).trim());
      }
    });
  });
  child.stdout.resume();

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      child.stdin.end();
      if (await waitForExit(child, 5_000)) return;
      child.kill('SIGTERM');
      if (await waitForExit(child, 5_000)) return;
      child.kill('SIGKILL');
      await waitForExit(child, 5_000);
    })();
    return stopping;
  };

  return { bootstrap, brokers: bootstrap.split(','), stop };
}
