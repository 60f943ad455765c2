/**
 * Debian's Kannel (bearerbox + smsbox) as a peer we did not write: installed with apt when missing, configured in a
 * temp dir, started and stopped. Shared by the `kannel` bench (Kannel as the platform to compare speed with) and the
 * Kannel interop e2e spec (Kannel as an ESME against our SMPP simulator) — ADR 0041.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
// The apt installer lives beside ensureTshark, test support of the protocols lib kept out of its index.
/* eslint-disable @nx/enforce-module-boundaries */
import { ensureDebianPackage } from '../../libs/carrier-protocols/src/interop/tshark';
/* eslint-enable @nx/enforce-module-boundaries */
import { eventually } from './processes';

export const BEARERBOX = '/usr/sbin/bearerbox';
export const SMSBOX = '/usr/sbin/smsbox';

export type KannelAvailability = { available: true; version: string } | { available: false; reason: string };

/**
 * Kannel's two boxes, installed from Debian's `kannel` package when missing and we may (root or passwordless sudo).
 * Synchronous, so a spec can choose describe or describe.skip when it loads; never throws.
 */
export function ensureKannel(onInstall?: () => void): KannelAvailability {
  const installed = ensureDebianPackage('kannel', () => existsSync(BEARERBOX) && existsSync(SMSBOX), { onInstall });
  return installed.available ? { available: true, version: kannelVersion() } : installed;
}

/** "1.4.5 (Debian 1.4.5-12)": bearerbox's own version and the package's. */
export function kannelVersion(): string {
  const banner = execFileSync(BEARERBOX, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const own = /version `([^']+)'/.exec(banner)?.[1] ?? 'unknown';
  try {
    const debian = execFileSync('dpkg-query', ['-W', '-f=${Version}', 'kannel'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return debian ? `${own} (Debian ${debian})` : own;
  } catch {
    return own;
  }
}

// ---- configuration ----------------------------------------------------------------------------------

export type KannelSettings = Record<string, string | number | boolean>;

export interface KannelPorts {
  admin: number;
  smsbox: number;
  sendsms: number;
}

export interface KannelSmsc {
  /** smsc-id: status lines, routing (`smsc=` on sendsms, allowed-smsc-id). */
  id: string;
  port: number;
  username: string;
  password: string;
  /** Added to, or replacing, the group's defaults (transceiver mode, log level 2). */
  settings?: KannelSettings;
}

export interface KannelConfigInput {
  /** Log files go here. */
  dir: string;
  ports: KannelPorts;
  /** admin-password and status-password. */
  adminPassword: string;
  smscs: KannelSmsc[];
  sendsmsUsers: Array<{ username: string; password: string; settings?: KannelSettings }>;
  /** Added to, or replacing, the core group's defaults. */
  core?: KannelSettings;
  smsbox?: KannelSettings;
  /** Further groups, e.g. `['sms-service', { keyword: 'default', … }]`. */
  groups?: Array<[group: string, settings: KannelSettings]>;
}

/**
 * A Kannel configuration file: one bearerbox on loopback (admin and smsbox ports), SMPP SMSC connections, one smsbox
 * with sendsms, sendsms users and any further groups. Logs at level 2 (warnings) to files in `dir`; at INFO Kannel
 * writes a line per message, which would cost it a good share of its time in the bench.
 */
export function kannelConfig(input: KannelConfigInput): string {
  const { dir, ports } = input;
  const groups: Array<[string, KannelSettings]> = [
    [
      'core',
      {
        'admin-port': ports.admin,
        'admin-interface': '127.0.0.1',
        'admin-password': input.adminPassword,
        'status-password': input.adminPassword,
        'smsbox-port': ports.smsbox,
        'smsbox-interface': '127.0.0.1',
        'box-allow-ip': '127.0.0.1',
        'log-file': join(dir, 'bearerbox.log'),
        'log-level': 2,
        ...input.core,
      },
    ],
    ...input.smscs.map((smsc): [string, KannelSettings] => [
      'smsc',
      {
        smsc: 'smpp',
        'smsc-id': smsc.id,
        host: '127.0.0.1',
        port: smsc.port,
        'transceiver-mode': true,
        'smsc-username': smsc.username,
        'smsc-password': smsc.password,
        'system-type': '',
        'log-level': 2,
        ...smsc.settings,
      },
    ]),
    [
      'smsbox',
      {
        'bearerbox-host': '127.0.0.1',
        'bearerbox-port': ports.smsbox,
        'sendsms-port': ports.sendsms,
        'sendsms-interface': '127.0.0.1',
        'log-file': join(dir, 'smsbox.log'),
        'log-level': 2,
        ...input.smsbox,
      },
    ],
    ...input.sendsmsUsers.map((user): [string, KannelSettings] => ['sendsms-user', { username: user.username, password: user.password, ...user.settings }]),
    ...(input.groups ?? []),
  ];
  // Kannel ends a group at a blank line.
  return groups.map(([group, settings]) => [`group = ${group}`, ...Object.entries(settings).map(([key, value]) => `${key} = ${configValue(value)}`)].join('\n')).join('\n\n') + '\n';
}

/** Numbers, booleans and plain words bare; anything else (paths, URLs, the empty string) quoted. */
function configValue(value: string | number | boolean): string {
  if (typeof value !== 'string' || /^[A-Za-z0-9._-]+$/.test(value)) return String(value);
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

// ---- processes --------------------------------------------------------------------------------------

export interface RunningKannel {
  bearerbox: ChildProcess;
  smsbox: ChildProcess;
  /** bearerbox's status page (status.txt). */
  status(): Promise<string>;
  /** The last lines of each box's log and stderr, for failure messages. */
  logTails(): string;
  stop(): Promise<void>;
}

/**
 * Starts bearerbox, waits until each of `online` SMSC connections is bound, starts smsbox and waits until it is
 * connected and its sendsms port answers. Whatever was started is stopped again if that fails.
 */
export async function startKannel(input: { dir: string; configFile: string; ports: KannelPorts; adminPassword: string; online: string[]; timeoutMs?: number }): Promise<RunningKannel> {
  const { dir, configFile, ports, timeoutMs = 30_000 } = input;
  const started: ChildProcess[] = [];
  const kannel: RunningKannel = {
    bearerbox: startBox(BEARERBOX, configFile, join(dir, 'bearerbox.stderr')),
    smsbox: undefined as unknown as ChildProcess,
    status: () => adminStatus(ports.admin, input.adminPassword),
    logTails: () => logTails(dir),
    // smsbox first: it would otherwise reconnect to a bearerbox going away.
    stop: async () => {
      for (const child of [...started].reverse()) await stopBox(child);
    },
  };
  started.push(kannel.bearerbox);
  try {
    for (const id of input.online) {
      const line = new RegExp(`${id}\\[${id}\\]\\s+SMPP:.*\\(online`);
      await waitFor(kannel.bearerbox, dir, () => kannel.status().then((s) => (line.test(s) ? true : undefined)), `the SMPP bind of ${id}`, timeoutMs);
    }
    kannel.smsbox = startBox(SMSBOX, configFile, join(dir, 'smsbox.stderr'));
    started.push(kannel.smsbox);
    await waitFor(kannel.smsbox, dir, () => kannel.status().then((s) => (/smsbox:\(none\), IP 127\.0\.0\.1/.test(s) ? true : undefined)), 'smsbox to connect to bearerbox', timeoutMs);
    await waitFor(kannel.smsbox, dir, () => fetch(`http://127.0.0.1:${ports.sendsms}/`).then(() => true), 'the sendsms port', timeoutMs);
    return kannel;
  } catch (error) {
    await kannel.stop();
    throw error;
  }
}

function startBox(binary: string, configFile: string, stderrFile: string): ChildProcess {
  const out = createWriteStream(stderrFile);
  // -v 3: only errors on stderr (the log files have warnings too).
  const child = spawn(binary, ['-v', '3', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  child.on('error', (error) => process.stderr.write(`kannel: ${binary}: ${error.message}\n`));
  return child;
}

export async function stopBox(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/** Polls `probe` until it holds; fails at once, with the logs' tails, if the box exits meanwhile. */
async function waitFor(child: ChildProcess, dir: string, probe: () => Promise<true | undefined>, what: string, timeoutMs: number): Promise<void> {
  let onExit: (() => void) | undefined;
  const exited = new Promise<never>((_, reject) => {
    onExit = () => reject(new Error(`kannel: ${child.spawnfile} exited (${child.signalCode ?? child.exitCode}) while waiting for ${what}`));
    child.once('exit', onExit);
  });
  exited.catch(() => undefined);
  try {
    await Promise.race([eventually(probe, what, timeoutMs, 100), exited]);
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${logTails(dir)}`);
  } finally {
    if (onExit) child.off('exit', onExit);
  }
}

export async function withTimeout<T>(promise: Promise<T>, ms: number, explain: () => Promise<string>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => void explain().then((message) => reject(new Error(message))), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function adminStatus(port: number, password: string): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/status.txt?password=${encodeURIComponent(password)}`);
  return response.text();
}

function logTails(dir: string): string {
  return ['bearerbox.log', 'bearerbox.stderr', 'smsbox.log', 'smsbox.stderr']
    .map((name) => {
      const file = join(dir, name);
      if (!existsSync(file)) return '';
      const lines = readFileSync(file, 'utf8').trimEnd().split('\n').slice(-15);
      return lines.length && lines[0] ? `--- ${file} (last lines)\n${lines.join('\n')}` : '';
    })
    .filter(Boolean)
    .join('\n');
}

// ---- sendsms ----------------------------------------------------------------------------------------

/** smsbox's sendsms URL for these parameters (`to` may hold several numbers separated by spaces). */
export function sendsmsUrl(port: number, params: Record<string, string>): string {
  return `http://127.0.0.1:${port}/cgi-bin/sendsms?${new URLSearchParams(params).toString()}`;
}

/** sendsms answers 202 "0: Accepted for delivery" (or "Queued for later delivery"). */
export async function expectAccepted(response: Response): Promise<void> {
  const body = await response.text();
  if (response.status !== 202 || !body.startsWith('0:')) throw new Error(`kannel sendsms → ${response.status}: ${body}`);
}
