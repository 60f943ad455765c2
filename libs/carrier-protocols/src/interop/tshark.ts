import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/*
 * Wireshark's command-line tools as a judge of our wire formats (issue 10 part 7): text2pcap turns the PDUs our
 * codecs write into a capture with dummy Ethernet/IPv4/TCP headers, tshark dissects it; or dumpcap captures what two
 * peers really exchanged on the loopback interface and tshark dissects that. Test support only (ADR 0041).
 */

export type ToolAvailability = { available: true; version: string } | { available: false; reason: string };

function onPath(tool: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0;
}

/**
 * Makes sure a Debian package's programs are here: installs `debianPackage` with apt-get when `present()` is false and
 * we may (root, or passwordless sudo), like libs/testing/kafka-mock/build.sh installs librdkafka. Tries the install
 * against the current index first and refreshes it (apt-get update) only if that fails. Synchronous, so a spec can
 * choose describe or describe.skip when it loads; never throws: says why when the programs cannot be had.
 */
export function ensureDebianPackage(
  debianPackage: string,
  present: () => boolean,
  options: { timeoutMs?: number; onInstall?: () => void } = {},
): { available: true } | { available: false; reason: string } {
  if (present()) return { available: true };
  const missing = `${debianPackage}'s programs are not installed`;
  if (!onPath('apt-get')) return { available: false, reason: `${missing} and apt-get is not available` };
  const install = `apt-get install -y --no-install-recommends ${debianPackage}`;
  const script = `${install} || (apt-get update && ${install})`;
  const root = process.getuid?.() === 0;
  if (!root && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status !== 0) {
    return { available: false, reason: `${missing} and we are neither root nor allowed passwordless sudo to apt-get install ${debianPackage}` };
  }
  const [command, args] = root ? ['sh', ['-c', script]] : ['sudo', ['-n', 'env', 'DEBIAN_FRONTEND=noninteractive', 'sh', '-c', script]];
  options.onInstall?.();
  // apt's output is kept for the reason.
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 240_000,
    maxBuffer: 16 * 1024 * 1024,
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.status !== 0 || !present()) {
    const tail = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error?.message ?? ''}`.trim().split('\n').slice(-3).join(' | ');
    return { available: false, reason: `apt-get install ${debianPackage} failed (exit ${result.status ?? result.signal}): ${tail}` };
  }
  return { available: true };
}

/** tshark and text2pcap, installed from Debian's `tshark` package when missing and we may (`ensureDebianPackage`). */
export function ensureTshark(timeoutMs = 240_000): ToolAvailability {
  const installed = ensureDebianPackage('tshark', () => onPath('tshark') && onPath('text2pcap'), { timeoutMs });
  if (!installed.available) return installed;
  const version = execFileSync('tshark', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\n')[0];
  return { available: true, version };
}

/** One TCP segment's payload; `outbound` ones travel from the client port to the server port, the others back. */
export interface CapturedSegment {
  outbound: boolean;
  payload: Buffer;
}

/** A hex dump in text2pcap's input format, each packet preceded by its direction (`-D`). */
export function text2pcapDump(segments: readonly CapturedSegment[]): string {
  const lines: string[] = [];
  for (const { outbound, payload } of segments) {
    lines.push(outbound ? 'O' : 'I');
    for (let offset = 0; offset < payload.length; offset += 16) {
      const hex = [...payload.subarray(offset, offset + 16)].map((octet) => octet.toString(16).padStart(2, '0')).join(' ');
      lines.push(`${offset.toString(16).padStart(6, '0')} ${hex}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export interface ReadOptions {
  /** tshark `-d` decode-as rules, e.g. `tcp.port==2775,smpp`. */
  decodeAs?: string[];
  /** Fields to extract per frame (`-T fields -e`), every occurrence kept. */
  fields: string[];
}

export interface DissectOptions extends ReadOptions {
  clientPort: number;
  serverPort: number;
}

export interface Dissection {
  /** `tshark -V`: every frame's full tree as text. */
  verbose: string;
  /** Per frame, per field, every occurrence as tshark prints it. */
  frames: Array<Record<string, string[]>>;
}

/**
 * Writes the segments to a pcap with text2pcap (one TCP stream: client 10.0.0.1:clientPort ↔ server
 * 10.0.0.2:serverPort, sequence numbers kept per direction) and reads it back with tshark.
 */
export function dissect(segments: readonly CapturedSegment[], options: DissectOptions): Dissection {
  const dir = mkdtempSync(join(tmpdir(), 'tshark-interop-'));
  try {
    const dump = join(dir, 'dump.txt');
    const pcap = join(dir, 'capture.pcap');
    writeFileSync(dump, text2pcapDump(segments));
    // With -D text2pcap swaps -4/-T's source and destination for 'O' packets: given server-first, 'O' goes client→server.
    execFileSync('text2pcap', ['-q', '-D', '-4', '10.0.0.2,10.0.0.1', '-T', `${options.serverPort},${options.clientPort}`, dump, pcap], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return dissectFile(pcap, options);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Reads a capture file with tshark: the full tree of every frame (`-V`) and the wanted fields per frame. */
export function dissectFile(file: string, options: ReadOptions): Dissection {
  const tshark = tsharkReader(file, options.decodeAs);
  const verbose = dissectVerbose(file, options.decodeAs);
  const separator = '\u0001';
  const table = tshark(['-T', 'fields', '-E', 'occurrence=a', '-E', `aggregator=${separator}`, '-E', 'separator=/t', ...options.fields.flatMap((f) => ['-e', f])]);
  const frames = table
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => {
      const cells = line.split('\t');
      return Object.fromEntries(options.fields.map((field, i) => [field, cells[i] ? cells[i].split(separator) : []]));
    });
  return { verbose, frames };
}

/** One protocol instance (a PDU, a UDH) as tshark's JSON shows it: field name → its values, subtrees flattened in. */
export type DissectedFields = Record<string, string[]>;

/** Per frame, per protocol layer (`smpp`, `cmpp`, `gsm_sms_ud` …), every instance tshark decoded in it, in order. */
export type DissectedFrame = Record<string, DissectedFields[]>;

/**
 * Every frame's protocol layers from tshark's JSON (`-T json --no-duplicate-keys`). Unlike `-T fields`, which joins
 * the values of all PDUs sharing a TCP segment, this keeps each PDU's fields apart: a frame carrying several PDUs
 * (writes corked per tick) has several instances of the layer.
 */
export function dissectLayers(file: string, decodeAs?: string[]): DissectedFrame[] {
  const packets = JSON.parse(tsharkReader(file, decodeAs)(['-T', 'json', '--no-duplicate-keys'])) as Array<{ _source: { layers: Record<string, unknown> } }>;
  return packets.map(({ _source: { layers } }) =>
    Object.fromEntries(
      Object.entries(layers).map(([name, layer]) => [
        name,
        (Array.isArray(layer) ? layer : [layer]).map((tree) => {
          const fields: DissectedFields = {};
          flattenTree(tree, fields);
          return fields;
        }),
      ]),
    ),
  );
}

/** Subtrees are nested under their labels and a repeated field or subtree is an array: gathers every leaf by name. */
function flattenTree(node: unknown, into: DissectedFields): void {
  if (node === null || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    if (typeof value === 'string') (into[key] ??= []).push(value);
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) (into[key] ??= []).push(...(value as string[]));
    else if (Array.isArray(value)) value.forEach((v) => flattenTree(v, into));
    else flattenTree(value, into);
  }
}

function tsharkReader(file: string, decodeAs: readonly string[] = []): (args: string[]) => string {
  const rules = decodeAs.flatMap((rule) => ['-d', rule]);
  return (args) =>
    execFileSync('tshark', ['-n', '-o', 'tcp.analyze_sequence_numbers:TRUE', ...rules, '-r', file, ...args], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
}

/** `tshark -V`: every frame's full tree as text. */
export function dissectVerbose(file: string, decodeAs?: string[]): string {
  return tsharkReader(file, decodeAs)(['-V']);
}

/** Lines of a `-V` dissection that report a Malformed packet or an expert error. */
export function dissectionProblems(verbose: string): string[] {
  return verbose.split('\n').filter((line) => /Malformed|Expert Info \(Error/.test(line));
}

// ---- live capture on the loopback interface ---------------------------------------------------------------------

/**
 * Whether this process may capture on the loopback interface: dumpcap (Wireshark's capture engine, in the tshark
 * package's dependencies) must be able to open `lo`, which takes root or CAP_NET_RAW + CAP_NET_ADMIN.
 */
export function canCaptureLoopback(): ToolAvailability {
  const tools = ensureTshark();
  if (!tools.available) return tools;
  if (!onPath('dumpcap')) return { available: false, reason: 'dumpcap is not on PATH (Debian package wireshark-common)' };
  const probe = spawnSync('dumpcap', ['-L', '-i', 'lo'], { encoding: 'utf8', timeout: 10_000 });
  if (probe.status !== 0) {
    const why = `${probe.stderr ?? ''}${probe.error?.message ?? ''}`.trim().split('\n').slice(-2).join(' | ');
    return { available: false, reason: `dumpcap cannot open the loopback interface (needs root or CAP_NET_RAW): ${why}` };
  }
  return tools;
}

/** A TCP segment read back from a capture file. */
export interface TcpSegment {
  srcPort: number;
  dstPort: number;
  /** The sequence number of the payload's first octet: a retransmission repeats octets already seen. */
  seq: number;
  syn: boolean;
  fin: boolean;
  rst: boolean;
  payload: Buffer;
}

export interface LoopbackCapture {
  /** The pcap file dumpcap writes. */
  readonly file: string;
  /** The TCP segments dumpcap has written so far (it flushes about every half second). */
  segments(): TcpSegment[];
  /** Polls the file until `done(segments)` holds: the way to know the capture holds the traffic before stopping it. */
  waitFor(done: (segments: TcpSegment[]) => boolean, what: string, timeoutMs?: number): Promise<TcpSegment[]>;
  /** Stops dumpcap and waits for it to exit; what it has not yet written is lost, hence `waitFor` first. */
  stop(): Promise<void>;
}

/**
 * Starts dumpcap on `lo` for `tcp port <port>`, writing classic pcap to `file`; resolves once it captures.
 * Rejects with dumpcap's own words if it cannot start.
 */
export function startLoopbackCapture(port: number, file: string): Promise<LoopbackCapture> {
  const child = spawn('dumpcap', ['-q', '-P', '-i', 'lo', '-f', `tcp port ${port}`, '-w', file], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const capture: LoopbackCapture = {
    file,
    segments: () => (existsSync(file) ? pcapTcpSegments(readFileSync(file)) : []),
    async waitFor(done, what, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const segments = capture.segments();
        if (done(segments)) return segments;
        if (child.exitCode !== null) throw new Error(`dumpcap exited while waiting for ${what}: ${stderr.trim()}`);
        if (Date.now() > deadline) throw new Error(`the capture did not show ${what} within ${timeoutMs} ms (${segments.length} TCP segments so far)`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      await exited;
    },
  };
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => reject(new Error(`dumpcap exited (${signal ?? code}) before capturing: ${stderr.trim()}`)));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      // dumpcap names its file once the interface is open and the filter set.
      if (/^File: /m.test(stderr)) resolve(capture);
    });
  });
}

const LINKTYPE = { ETHERNET: 1, LINUX_SLL: 113 } as const;

/**
 * The TCP segments of a classic pcap file (either byte order, micro- or nanosecond stamps), over Ethernet (how Linux
 * shows `lo`) or Linux cooked capture, IPv4 or IPv6. A record cut short (the file is still being written) ends the
 * list; anything that is not TCP is skipped.
 */
export function pcapTcpSegments(file: Buffer): TcpSegment[] {
  if (file.length < 24) return [];
  const magic = file.readUInt32LE(0);
  const littleEndian = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
  if (!littleEndian && file.readUInt32BE(0) !== 0xa1b2c3d4 && file.readUInt32BE(0) !== 0xa1b23c4d) throw new Error('not a classic pcap file');
  const u32 = (offset: number) => (littleEndian ? file.readUInt32LE(offset) : file.readUInt32BE(offset));
  const linkType = u32(20) & 0x0fffffff;
  if (linkType !== LINKTYPE.ETHERNET && linkType !== LINKTYPE.LINUX_SLL) throw new Error(`pcap link type ${linkType} is not read here`);
  const segments: TcpSegment[] = [];
  for (let offset = 24; offset + 16 <= file.length; ) {
    const captured = u32(offset + 8);
    const start = offset + 16;
    if (start + captured > file.length) break;
    const segment = tcpSegment(file.subarray(start, start + captured), linkType);
    if (segment) segments.push(segment);
    offset = start + captured;
  }
  return segments;
}

function tcpSegment(packet: Buffer, linkType: number): TcpSegment | undefined {
  const linkHeader = linkType === LINKTYPE.ETHERNET ? 14 : 16;
  if (packet.length < linkHeader) return undefined;
  const etherType = packet.readUInt16BE(linkHeader - 2);
  const ip = linkHeader;
  let tcp: number;
  let end: number;
  if (etherType === 0x0800) {
    if (packet.length < ip + 20 || packet[ip + 9] !== 6) return undefined;
    tcp = ip + (packet[ip] & 0x0f) * 4;
    end = ip + packet.readUInt16BE(ip + 2);
  } else if (etherType === 0x86dd) {
    // Only a TCP header right after the fixed one: loopback traffic carries no extension headers.
    if (packet.length < ip + 40 || packet[ip + 6] !== 6) return undefined;
    tcp = ip + 40;
    end = tcp + packet.readUInt16BE(ip + 4);
  } else {
    return undefined;
  }
  if (packet.length < tcp + 20) return undefined;
  const flags = packet[tcp + 13];
  const payload = packet.subarray(tcp + (packet[tcp + 12] >> 4) * 4, Math.min(end, packet.length));
  return {
    srcPort: packet.readUInt16BE(tcp),
    dstPort: packet.readUInt16BE(tcp + 2),
    seq: packet.readUInt32BE(tcp + 4),
    syn: (flags & 0x02) !== 0,
    fin: (flags & 0x01) !== 0,
    rst: (flags & 0x04) !== 0,
    payload: Buffer.from(payload),
  };
}

/** What went each way on the connections to `serverPort`, in capture order: the bytes the two peers really exchanged. */
export function tcpStreams(segments: readonly TcpSegment[], serverPort: number): { toServer: Buffer; fromServer: Buffer; closedBy: { client: boolean; server: boolean } } {
  const toServer = segments.filter((s) => s.dstPort === serverPort);
  const fromServer = segments.filter((s) => s.srcPort === serverPort);
  return {
    toServer: streamBytes(toServer),
    fromServer: streamBytes(fromServer),
    closedBy: { client: toServer.some((s) => s.fin || s.rst), server: fromServer.some((s) => s.fin || s.rst) },
  };
}

/**
 * One direction's bytes laid out by sequence number, as the receiver's TCP sees them: a retransmitted or overlapping
 * segment (loopback retransmits under load) adds only octets not seen yet, and a segment captured out of order lands
 * where it belongs. Sequence numbers wrap at 2^32, so offsets are taken from the first segment modulo 2^32.
 */
function streamBytes(segments: readonly TcpSegment[]): Buffer {
  const data = segments.filter((s) => s.payload.length > 0);
  if (data.length === 0) return Buffer.alloc(0);
  const origin = data[0].seq;
  const placed = data.map((s) => ({ at: (s.seq - origin + 2 ** 32) % 2 ** 32, payload: s.payload })).sort((a, b) => a.at - b.at);
  const parts: Buffer[] = [];
  let end = placed[0].at;
  for (const { at, payload } of placed) {
    if (at + payload.length <= end) continue; // all of it seen already
    parts.push(payload.subarray(Math.max(0, end - at)));
    end = at + payload.length;
  }
  return Buffer.concat(parts);
}
