/**
 * `kannel`: Debian's Kannel on the same path as our platform, as the peer to compare with.
 *
 *   bench ─HTTP GET /cgi-bin/sendsms→ smsbox → bearerbox ─SMPP transceiver→ our standalone simulator
 *   simulator ─deliver_sm receipt→ bearerbox → smsbox ─HTTP GET dlr-url→ the bench's DLR server
 *
 * Same simulator (dist/apps/carrier-simulator, default settings: answers at once, receipt right after), same text
 * (the rendered 【签名】template: one UCS-2 segment), one bind like our SMPP_SESSIONS=1. A message is done when its
 * final DLR callback (type 1 delivered, 2 undelivered, 16 rejected) arrives; messagesPerSecond = messages / (first
 * send → last final DLR). cpuMsPerMessage counts bearerbox + smsbox + the simulator (the embedded figure counts the
 * platform process, whose simulator is a thread of it), not the bench client.
 *
 * Driving it — sendsms takes several recipients per request (`to` separated by spaces). Tried with 20,000 messages
 * on the 2-core machine (window 100 then): 1 recipient per request reached ≈ 2,000–2,600/s whether 16, 64 or 256
 * requests were in flight — sendsms itself is the limit there (accepted/s = delivered/s, the bench client at ~35 % of
 * a core); 10 × 16, 100 × 8, 100 × 32 and 1,000 × 2 all made ≈ 3,700–3,900/s while sendsms accepted
 * 9,000–20,000/s, so Kannel's queue stays full and its SMPP side is the limit. Default: 100 recipients per request,
 * 8 requests in flight (`--kannel-recipients`, `--kannel-concurrency`).
 *
 * Kannel is installed with apt when /usr/sbin/bearerbox is missing. Its config and logs go to a temp dir (kept, and
 * named on stderr, when the scenario fails); both boxes and the simulator are stopped at the end whatever happens.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { cpuStopwatch } from '../../support/cpu';
import { ensureKannel, expectAccepted, kannelConfig, KannelPorts, sendsmsUrl, startKannel, withTimeout } from '../../support/kannel';
import { freePort, tempDir } from '../../support/processes';
import { startSimulator } from '../../support/profiles';
import { BenchOptions, chinaMobileNumbers, chunk, Cleanup, cpuPerMessage, log, perSecond, renderedText, Scenario } from '../common';

export const DEFAULT_RECIPIENTS = 100;
export const DEFAULT_CONCURRENCY = 8;
/** max-pending-submits: see benchConfig. */
const WINDOW = 500;
/** Fail when no DLR arrives for this long (rather than hang until some global timeout). */
const STALL_MS = 60_000;
const SMSC_ID = 'sim';
const USER = 'bench';
const PASSWORD = 'bench';

/** DLR types (dlr-mask bits): 1 delivered, 2 undelivered, 16 SMSC reject — the final ones; 4/8 are intermediate. */
const FINAL_DLR_MASK = 1 | 2 | 16;

export const kannel: Scenario = {
  name: 'kannel',
  async run(options: BenchOptions, cleanup: Cleanup) {
    const installed = ensureKannel(() => log('kannel: installing Debian package kannel'));
    if (!installed.available) throw new Error(`kannel: ${installed.reason}; run: apt-get install -y kannel`);
    const version = installed.version;
    const total = options.messages;
    const recipientsPerRequest = Math.min(options.kannelRecipients, total);
    const concurrency = options.kannelConcurrency;

    const simulator = await startSimulator();
    cleanup.add('simulator', () => simulator.stop());
    const dlrs = await startDlrServer(total);
    cleanup.add('DLR server', () => dlrs.close());

    const dir = tempDir('kannel');
    let failed = true;
    cleanup.add('Kannel temp dir', () => (failed ? log(`kannel: config and logs kept in ${dir}`) : rmSync(dir, { recursive: true, force: true })));
    const ports = { admin: await freePort(), smsbox: await freePort(), sendsms: await freePort() };
    const configFile = join(dir, 'kannel.conf');
    const config = withSettings(benchConfig(dir, ports, simulator.smppPort), options.kannelSet);
    writeFileSync(configFile, config);
    const window = Number(/^max-pending-submits = (\d+)/m.exec(config)?.[1] ?? 10);

    const boxes = await startKannel({ dir, configFile, ports, adminPassword: PASSWORD, online: [SMSC_ID] });
    cleanup.add('bearerbox and smsbox', () => boxes.stop());
    const { bearerbox, smsbox, status, logTails } = boxes;

    const text = renderedText();
    const dlrUrl = `http://127.0.0.1:${dlrs.port}/dlr?to=%p&type=%d`;
    const sendsms = (to: string[]) =>
      sendsmsUrl(ports.sendsms, {
        username: USER,
        password: PASSWORD,
        from: '10690000',
        to: to.join(' '),
        text,
        charset: 'UTF-8',
        coding: '2', // UCS-2, as our platform sends Chinese text
        'dlr-mask': String(FINAL_DLR_MASK),
        'dlr-url': dlrUrl,
      });

    // Warm-up: one message through the whole path, not measured (first connections, Kannel's DLR callback client).
    await expectAccepted(await fetch(sendsms(['13900000000'])));
    await withTimeout(dlrs.warmUp, 30_000, async () => `kannel: no DLR callback for the warm-up message\nKannel status:\n${await status().catch(() => '(no answer)')}\n${logTails()}`);

    const requests = chunk(chinaMobileNumbers(total), recipientsPerRequest).map(sendsms);
    log(`kannel ${version}: sending ${total} messages, ${recipientsPerRequest} recipients per request, ${concurrency} requests in flight`);
    const cpu = cpuStopwatch([bearerbox.pid, smsbox.pid, simulator.child.pid]);
    const started = performance.now();
    dlrs.start(started);
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(concurrency, requests.length) }, async () => {
        while (next < requests.length) await expectAccepted(await fetch(requests[next++]));
      }),
    );
    const acceptedMs = performance.now() - started;
    const lastDlrAt = await dlrs.done.catch(async (error: Error) => {
      throw new Error(`${error.message}\nKannel status:\n${await status().catch(() => '(no answer)')}\n${logTails()}`);
    });
    const elapsedMs = lastDlrAt - started;
    const cpuMs = cpu.stop();
    if (dlrs.counts.delivered !== total) throw new Error(`kannel: ${dlrs.counts.delivered} of ${total} delivered (${JSON.stringify(dlrs.counts)})`);
    failed = false;

    return {
      messagesPerSecond: perSecond(total, elapsedMs),
      messages: total,
      kannelVersion: version,
      recipientsPerRequest,
      concurrency,
      window,
      ...(options.kannelSet ? { kannelSet: options.kannelSet } : {}),
      acceptedPerSecond: perSecond(total, acceptedMs),
      elapsedMs: Math.round(elapsedMs),
      cpuMsPerMessage: cpuPerMessage(cpuMs, total),
      duplicateDlrs: dlrs.counts.duplicates,
    };
  },
};

// ---- configuration ----------------------------------------------------------------------------------

/**
 * A fair Kannel: what an operator tuning it for throughput would set, nothing that skips work our platform does.
 *  - SMPP window max-pending-submits 500. Kannel's default of 10 caps it near 500 msg/s here; at our own
 *    SMPP_WINDOW (100) it made ≈ 4,000/s, at 500 ≈ 6,500–6,800/s (back to back on a quiet machine), at 1,000 and
 *    2,000 no steady gain. So the peer runs where it is fastest; `--kannel-set max-pending-submits=100` gives the
 *    same-window comparison.
 *  - `throughput` unset (no rate limit); msg-id-type unset (ids are opaque strings, as our simulator sends them).
 *  - Logging: log-level 2 (warnings) in the files, `-v 3` on stderr. At INFO Kannel writes a line per message and
 *    on stderr it logs everything at DEBUG unless told otherwise — either would cost it a good share of its time.
 *  - No message store (store-type unset). Kannel 1.4.5 gives every recipient of one sendsms request the same
 *    message UUID, so its store (file or spool, keyed by UUID) tracks one of them and logs "bb_store: get ACK of
 *    message not found from store, strange?" for each of the others: with several recipients per request a store
 *    would not make Kannel's queue durable anyway. Without it the peer does less work than our platform (which
 *    writes every message to SQLite) — the comparison leans in Kannel's favour. (store-type file measured the same
 *    within noise.) dlr-storage internal, Kannel's default (in memory).
 *  - Queues unbounded (sms-outgoing-queue-limit −1, Kannel's default), so sendsms never refuses for a full queue.
 *  - smsbox-max-pending 1000 (default 100): messages — here the DLRs — bearerbox hands smsbox before an ack;
 *    max-pending-requests 1000 (default 512): DLR callbacks smsbox has in flight. Neither measurably limited it, but
 *    the defaults are below what 20,000 messages in a few seconds may need.
 */
function benchConfig(dir: string, ports: KannelPorts, smppPort: number): string {
  return kannelConfig({
    dir,
    ports,
    adminPassword: PASSWORD,
    core: { 'dlr-storage': 'internal', 'sms-outgoing-queue-limit': -1, 'smsbox-max-pending': 1000 },
    smscs: [{ id: SMSC_ID, port: smppPort, username: USER, password: PASSWORD, settings: { 'max-pending-submits': WINDOW } }],
    smsbox: { 'max-pending-requests': 1000 },
    sendsmsUsers: [{ username: USER, password: PASSWORD }],
  });
}

/**
 * `--kannel-set 'max-pending-submits=100;smsbox-max-pending='`: replaces (or, with nothing after `=`, removes) settings of
 * the generated config, to try other tunings. Only keys the config already has, so a typo fails loudly.
 */
function withSettings(config: string, settings: string | undefined): string {
  for (const setting of (settings ?? '').split(';').map((s) => s.trim()).filter(Boolean)) {
    const [key, ...rest] = setting.split('=');
    const value = rest.join('=').trim();
    const line = new RegExp(`^${key.trim().replace(/[^a-z0-9-]/g, '')} = .*\\n`, 'gm');
    if (!config.match(line)) throw new Error(`--kannel-set: the generated Kannel config has no "${key.trim()}" to change`);
    // Kannel ends a group at a blank line: a removed setting must take its newline with it.
    config = config.replace(line, value ? `${key.trim()} = ${value}\n` : '');
  }
  return config;
}

// ---- DLR callbacks ----------------------------------------------------------------------------------

interface DlrServer {
  port: number;
  /** Resolves when the warm-up message's final DLR arrived. */
  warmUp: Promise<void>;
  /** Counts DLRs of measured messages from here on. */
  start(at: number): void;
  /** Resolves with the time (performance.now()) of the last final DLR of `expected` messages. */
  done: Promise<number>;
  counts: { delivered: number; undelivered: number; rejected: number; intermediate: number; duplicates: number };
  close(): Promise<void>;
}

/** The customer's side of dlr-url: one final DLR per recipient counts that message done. */
async function startDlrServer(expected: number): Promise<DlrServer> {
  const counts = { delivered: 0, undelivered: 0, rejected: 0, intermediate: 0, duplicates: 0 };
  const seen = new Set<string>();
  let started = false;
  let warmedUp!: () => void;
  const warmUp = new Promise<void>((resolve) => (warmedUp = resolve));
  let finish!: (at: number) => void;
  let fail!: (error: Error) => void;
  const done = new Promise<number>((resolve, reject) => ((finish = resolve), (fail = reject)));
  let lastProgress = performance.now();

  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const now = performance.now();
    const query = new URL(request.url ?? '/', 'http://bench').searchParams;
    const to = query.get('to') ?? '';
    const type = Number(query.get('type'));
    response.end('ok');
    if (!started) {
      if (type & FINAL_DLR_MASK) warmedUp();
      return;
    }
    if (!(type & FINAL_DLR_MASK)) {
      counts.intermediate++;
      return;
    }
    if (seen.has(to)) {
      counts.duplicates++;
      return;
    }
    seen.add(to);
    lastProgress = now;
    if (type === 1) counts.delivered++;
    else if (type === 2) counts.undelivered++;
    else counts.rejected++;
    if (seen.size === expected) finish(now);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const stall = setInterval(() => {
    if (started && performance.now() - lastProgress > STALL_MS) fail(new Error(`kannel: no DLR for ${STALL_MS} ms, ${seen.size} of ${expected} final DLRs (${JSON.stringify(counts)})`));
  }, 1_000);
  done.catch(() => undefined).finally(() => clearInterval(stall));

  return {
    port: (server.address() as { port: number }).port,
    warmUp,
    start(at: number) {
      started = true;
      lastProgress = at;
    },
    done,
    counts,
    close: () => {
      clearInterval(stall);
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
