import { EventEmitter } from 'node:events';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import {
  CMPP_SUBMIT_RESULT_FLOW_CONTROL,
  CMPP_VERSION,
  CmppFrameDecoder,
  cmppAuthenticatorIsmg,
  cmppAuthenticatorSource,
  cmppMessageContent,
  cmppTextParts,
  cmppTimestampText,
  composeCmppMsgId,
  encodeCmppPdu,
  encodeCmppStatusReport,
  type CmppConnect,
  type CmppDeliver,
  type CmppPdu,
  type CmppStatusReport,
  type CmppSubmit,
  type CmppVersion,
  type Concatenation,
} from '@sms/carrier-protocols';
import { DelayQueue } from './delay-queue';
import { isFaultHit, type FaultRate } from './fault-rate';

export interface CmppSimulatorOptions {
  /** Default 7890; 0 picks a free port (see `port` on the result). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /**
   * Source_Addr (the SP's 6-character id) → shared secret. When set, an unknown Source_Addr gets CONNECT_RESP Status 2
   * and a wrong AuthenticatorSource Status 3. Default: anyone connects, the authenticator is not checked (and
   * AuthenticatorISMG is computed with an empty secret, the simulator knowing no other).
   */
  credentials?: Record<string, string>;
  /**
   * Highest protocol version served: 0x30 (default) or 0x20. A CONNECT asking a higher one is answered Status 4; every
   * CONNECT_RESP carries this version, as the specification says ("the highest version the server supports"), so a
   * client retries with it, and a client asking a lower supported version is served in its own layout.
   */
  version?: 0x30 | 0x20;
  /** 22-bit ISMG gateway code put into the Msg_Ids the simulator assigns. Default 123456. */
  gatewayCode?: number;
  /** Delay before answering each SUBMIT. Default 0 (answered as soon as read). */
  latencyMs?: number;
  /** Delay between answering a SUBMIT and sending its status report. Default 0 (next turn of the event loop). */
  receiptDelayMs?: number;
  /** Each receipt is delayed by up to this much more, at random: receipts come back out of submit order. */
  receiptJitterMs?: number;
  /** The receipt is written before the submit's answer (an SMSC whose receipt path is faster than its answer path). */
  receiptBeforeResponse?: boolean;
  /** SUBMIT answered Result 8 (flow control error). */
  throttleRate?: FaultRate;
  /** SUBMIT answered `submitFailResult` (checked after throttling). */
  submitFailRate?: FaultRate;
  /**
   * Result of those failures. Default 9: a permanent refusal in both versions (3.0 "this gateway does not serve
   * this charged number", 2.0 "other error").
   */
  submitFailResult?: number;
  /** Accepted messages whose status report says UNDELIV. */
  undeliveredRate?: FaultRate;
  /** Each connection is destroyed right after answering its Nth SUBMIT (its later in-flight submits are never answered). */
  dropConnectionAfter?: number;
  /** Each connection goes silent after answering its Nth SUBMIT: socket open, nothing read or answered (a hung ISMG). */
  hangAfter?: number;
  /** Every Nth accepted SUBMIT triggers a mobile-originated DELIVER from its (first) destination. */
  moEvery?: number;
  /** Text of those replies. Default "REPLY". */
  moText?: string;
  /** Status reports and MO waiting for a connection, per SP, before the oldest are dropped. Default 100000. */
  maxPendingDeliveries?: number;
  /** How long close() waits for clients to answer its TERMINATE before cutting them off. Default 200 ms. */
  terminateGraceMs?: number;
  /** Source of randomness for rate faults (tests inject a seeded one). */
  random?: () => number;
}

export interface CmppSimulatorStats {
  /** Successful CONNECTs since start. */
  connects: number;
  /** Connections past a successful CONNECT right now. */
  connected: number;
  /** CONNECTs answered with a non-zero Status. */
  refusedConnects: number;
  /** SUBMITs received, whatever the answer. */
  submits: number;
  accepted: number;
  throttled: number;
  failed: number;
  /** Status-report DELIVERs written to an SP (a re-send after an unacknowledged one counts again). */
  reportsSent: number;
  /** MO DELIVERs written to an SP (likewise). */
  moSent: number;
  /** Reports and MO waiting for the SP to connect. */
  pendingDeliveries: number;
  /** Deliveries given up: the pending queue was full, or the PDU did not fit the receiving connection's layout. */
  droppedDeliveries: number;
  /** Connections dropped by `dropConnectionAfter`. */
  drops: number;
  /** Connections gone silent by `hangAfter`. */
  hangs: number;
  /** Largest number of SUBMITs one connection had outstanding (received, not yet answered) at once. */
  maxInFlight: number;
  /** ACTIVE_TESTs answered. */
  activeTests: number;
}

/** What the simulator saw in one SUBMIT (emitted as 'submit' only while someone listens). */
export interface CmppObservedSubmit {
  spId: string;
  /** The layout the connection speaks (0x30 or 0x20). */
  version: number;
  /** SUBMIT_RESP Result. */
  result: number;
  /** The Msg_Id assigned, an unsigned decimal string; absent when refused. */
  msgId?: string;
  srcId: string;
  destTerminalIds: string[];
  msgFmt: number;
  tpUdhi: number;
  registeredDelivery: number;
  serviceId: string;
  feeUserType: number;
  feeType: string;
  feeCode: string;
  /** Decoded text ('' for a Msg_Fmt the codec cannot read, GBK). */
  text: string;
  /** From the concatenation UDH when TP_udhi = 1. */
  concat?: Concatenation;
}

export interface CmppMoInput {
  /** The handset (Src_terminal_Id); a leading '+' is dropped. */
  from: string;
  /** The SP's service number plus extension (Dest_Id). */
  to: string;
  text: string;
  /** Deliver only to connections of this SP (Source_Addr). Default: any connected SP. */
  spId?: string;
}

export interface CmppSimulator {
  readonly port: number;
  readonly host: string;
  close(): Promise<void>;
  stats(): CmppSimulatorStats;
  /** Sends a mobile-originated message; resolves once an SP acknowledged every part. */
  sendMo(input: CmppMoInput): Promise<void>;
  on(event: 'submit', listener: (submit: CmppObservedSubmit) => void): this;
  off(event: 'submit', listener: (submit: CmppObservedSubmit) => void): this;
}

/** CMPP_CONNECT_RESP Status. */
const CONNECT_STATUS = { OK: 0, BAD_SOURCE_ADDR: 2, AUTH_FAILED: 3, VERSION_TOO_HIGH: 4, OTHER: 5 } as const;
const SUBMIT_OK = 0;
const DEFAULT_SUBMIT_FAIL = 9;
/** DELIVER_RESP Result 2, "wrong command": an SP does not send DELIVER. */
const DELIVER_WRONG_COMMAND = 2;
const NO_AUTHENTICATOR = Buffer.alloc(16);
/** A report's Msg_Content until it is encoded for the connection it goes out on. */
const NO_CONTENT = Buffer.alloc(0);
const SEQUENCE_MAX = 0x7fffffff;
/** Msg_Ids, Submit_time and Done_time are in the ISMG's local time, China Standard Time. */
const CST_OFFSET_MS = 8 * 3_600_000;

class CmppPeer {
  spId = '';
  version: CmppVersion = CMPP_VERSION.V3_0;
  connected = false;
  closed = false;
  /** Set once the connection is being torn down or hangs on purpose: later PDUs are ignored. */
  leaving = false;
  submitsOnConnection = 0;
  inFlight = 0;
  readonly unacked = new Map<number, Delivery>();
  readonly decoder = new CmppFrameDecoder();
  private sequence = 0;
  private corked = false;
  private readonly uncork = (): void => {
    this.corked = false;
    this.socket.uncork();
  };

  constructor(readonly socket: Socket) {}

  get canReceive(): boolean {
    return this.connected && !this.closed && !this.leaving;
  }

  /** Sequence_Id of a request we send (DELIVER, TERMINATE): 1..0x7FFFFFFF, wrapping to 1. */
  nextSequence(): number {
    if (this.sequence >= SEQUENCE_MAX) this.sequence = 0;
    return ++this.sequence;
  }

  /** Like SmppConnection.write: corked until the end of the tick, so a burst of answers leaves in one writev. */
  write(bytes: Buffer, onSent?: () => void): boolean {
    const socket = this.socket;
    if (this.closed || !socket.writable) return false;
    if (!this.corked) {
      this.corked = true;
      socket.cork();
      process.nextTick(this.uncork);
    }
    socket.write(bytes, onSent);
    return true;
  }
}

interface Delivery {
  kind: 'report' | 'mo';
  /** undefined = any connected SP. */
  spId: string | undefined;
  preferred?: CmppPeer;
  /** Sequence_Id is set per send; a report's Msg_Content is encoded per send, in the receiving connection's layout. */
  deliver: CmppDeliver;
  report?: CmppStatusReport;
  settle?: (error?: Error) => void;
}

interface PendingResponse {
  peer: CmppPeer;
  pdu: CmppSubmit;
  result: number;
  msgId?: string;
  acceptedAt: number;
  drop: boolean;
}

/**
 * Msg_Ids as an ISMG makes them: the time now (CST), our gateway code and a 16-bit sequence that wraps. The time
 * part is composed once a second; beyond 65,536 ids in one second they would repeat.
 */
class MsgIdSource {
  private second = -1;
  private base = 0n;
  private sequence = 0;

  constructor(private readonly gatewayCode: number) {
    this.next(); // validates the gateway code at start-up
  }

  next(now = Date.now()): string {
    const second = Math.floor(now / 1000);
    if (second !== this.second) {
      const t = new Date(now + CST_OFFSET_MS);
      const base = composeCmppMsgId({
        month: t.getUTCMonth() + 1,
        day: t.getUTCDate(),
        hour: t.getUTCHours(),
        minute: t.getUTCMinutes(),
        second: t.getUTCSeconds(),
        gatewayCode: this.gatewayCode,
        sequence: 0,
      });
      this.base = BigInt(base);
      this.second = second;
    }
    this.sequence = (this.sequence + 1) & 0xffff;
    return (this.base | BigInt(this.sequence)).toString();
  }
}

class CmppSimulatorServer extends EventEmitter implements CmppSimulator {
  port = 0;
  host: string;

  private readonly server: Server;
  private readonly maxVersion: CmppVersion;
  private readonly peers = new Set<CmppPeer>();
  private readonly receivers = new Map<string, CmppPeer[]>();
  private readonly pending = new Map<string, Delivery[]>();
  private ready: Delivery[] = [];
  private flushScheduled = false;
  private readonly responses: DelayQueue<PendingResponse>;
  private readonly reports: DelayQueue<Delivery>;
  private readonly msgIds: MsgIdSource;
  private readonly faultCounters = { throttleRate: 0, submitFailRate: 0, undeliveredRate: 0 };
  private readonly counters = {
    connects: 0,
    refusedConnects: 0,
    submits: 0,
    accepted: 0,
    throttled: 0,
    failed: 0,
    reportsSent: 0,
    moSent: 0,
    droppedDeliveries: 0,
    drops: 0,
    hangs: 0,
    maxInFlight: 0,
    activeTests: 0,
  };
  private smscSequence = 0;
  private roundRobin = 0;
  private moReference = 0;
  private closing = false;
  private readonly random: () => number;

  constructor(private readonly options: CmppSimulatorOptions) {
    super();
    this.host = options.host ?? '127.0.0.1';
    this.random = options.random ?? Math.random;
    this.maxVersion = options.version ?? CMPP_VERSION.V3_0;
    if (this.maxVersion !== CMPP_VERSION.V3_0 && this.maxVersion !== CMPP_VERSION.V2_0) {
      throw new RangeError(`CMPP simulator version must be 0x30 or 0x20, got 0x${Number(this.maxVersion).toString(16)}`);
    }
    this.msgIds = new MsgIdSource(options.gatewayCode ?? 123456);
    this.responses = new DelayQueue((job) => this.respond(job));
    this.reports = new DelayQueue((delivery) => this.sendDelivery(delivery));
    this.server = createServer({ noDelay: true }, (socket) => this.accept(socket));
  }

  listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port ?? 7890, this.host, () => {
        this.server.off('error', reject);
        this.port = (this.server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  stats(): CmppSimulatorStats {
    let connected = 0;
    for (const peer of this.peers) if (peer.connected && !peer.closed) connected++;
    let pendingDeliveries = 0;
    for (const list of this.pending.values()) pendingDeliveries += list.length;
    const c = this.counters;
    return {
      connects: c.connects,
      connected,
      refusedConnects: c.refusedConnects,
      submits: c.submits,
      accepted: c.accepted,
      throttled: c.throttled,
      failed: c.failed,
      reportsSent: c.reportsSent,
      moSent: c.moSent,
      pendingDeliveries,
      droppedDeliveries: c.droppedDeliveries,
      drops: c.drops,
      hangs: c.hangs,
      maxInFlight: c.maxInFlight,
      activeTests: c.activeTests,
    };
  }

  sendMo(input: CmppMoInput): Promise<void> {
    if (this.closing) return Promise.reject(new Error('simulator is closed'));
    let deliveries: Delivery[];
    try {
      deliveries = this.moDeliveries(terminalId(input.from), input.to, input.text, '', input.spId);
      // A field the layout cannot carry (a number too long, not ASCII) is the caller's error, not a lost MO.
      for (const { deliver } of deliveries) encodeCmppPdu(deliver, this.maxVersion);
    } catch (error) {
      return Promise.reject(error as Error);
    }
    return Promise.all(
      deliveries.map(
        (delivery) =>
          new Promise<void>((resolve, reject) => {
            delivery.settle = (error) => (error ? reject(error) : resolve());
            this.deliver(delivery);
          }),
      ),
    ).then(() => undefined);
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    this.responses.clear();
    this.reports.clear();
    const abandoned = [...this.ready, ...[...this.pending.values()].flat()];
    for (const peer of this.peers) abandoned.push(...peer.unacked.values());
    this.ready = [];
    this.pending.clear();
    for (const delivery of abandoned) delivery.settle?.(new Error('simulator closed before the delivery was acknowledged'));

    // TERMINATE to every connected SP, best effort: each closes on its TERMINATE_RESP, the rest after a grace period.
    const peers = [...this.peers];
    const gone = peers.map((peer) => (peer.closed ? Promise.resolve() : new Promise<void>((resolve) => peer.socket.once('close', () => resolve()))));
    for (const peer of peers) {
      peer.unacked.clear();
      const told = peer.canReceive && peer.write(encodeCmppPdu({ command: 'terminate', sequenceId: peer.nextSequence() }, peer.version));
      if (told) peer.leaving = true;
      else peer.socket.destroy();
    }
    const grace = setTimeout(() => peers.forEach((peer) => peer.socket.destroy()), this.options.terminateGraceMs ?? 200);
    await Promise.all(gone);
    clearTimeout(grace);
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- connections -------------------------------------------------------------------------------

  private accept(socket: Socket): void {
    if (this.closing) {
      socket.destroy();
      return;
    }
    const peer = new CmppPeer(socket);
    this.peers.add(peer);
    socket.on('data', (chunk: Buffer) => this.onData(peer, chunk));
    socket.on('error', () => undefined); // 'close' follows every socket error
    socket.on('close', () => this.onClose(peer));
  }

  private onData(peer: CmppPeer, chunk: Buffer): void {
    if (peer.closed) return;
    if (peer.leaving) {
      if (this.closing) this.onDataWhileClosing(peer, chunk);
      return;
    }
    // The decoder reads every whole frame of the chunk in the layout set by then: clients wait for CONNECT_RESP.
    for (const frame of peer.decoder.push(chunk)) {
      if (peer.leaving || peer.closed) return;
      if (frame.ok) {
        this.dispatch(peer, frame.pdu);
      } else if (frame.error.fatal) {
        // A bad Total_Length leaves no way to find the next PDU.
        peer.leaving = true;
        peer.socket.destroy();
        return;
      }
      // A frame we cannot read is answered with nothing: its Sequence_Id may be all there is to trust.
    }
  }

  /** After close() said TERMINATE: the client's TERMINATE_RESP (or its own TERMINATE) ends the connection. */
  private onDataWhileClosing(peer: CmppPeer, chunk: Buffer): void {
    for (const frame of peer.decoder.push(chunk)) {
      if (!frame.ok) continue;
      if (frame.pdu.command === 'terminate') peer.write(encodeCmppPdu({ command: 'terminate_resp', sequenceId: frame.pdu.sequenceId }, peer.version));
      if (frame.pdu.command === 'terminate' || frame.pdu.command === 'terminate_resp') {
        peer.socket.end();
        return;
      }
    }
  }

  private dispatch(peer: CmppPeer, pdu: CmppPdu): void {
    if (pdu.command === 'submit' && peer.connected) return this.onSubmit(peer, pdu);
    if (pdu.command === 'connect') return this.onConnect(peer, pdu);
    if (!peer.connected) {
      // Nothing but CONNECT is accepted before a successful one.
      peer.leaving = true;
      peer.socket.destroy();
      return;
    }
    switch (pdu.command) {
      case 'deliver_resp':
        return this.onDeliverResponse(peer, pdu.sequenceId, pdu.result);
      case 'active_test':
        this.counters.activeTests++;
        peer.write(encodeCmppPdu({ command: 'active_test_resp', sequenceId: pdu.sequenceId, reserved: 0 }, peer.version));
        return;
      case 'terminate':
        return this.onTerminate(peer, pdu.sequenceId);
      case 'deliver':
        peer.write(encodeCmppPdu({ command: 'deliver_resp', sequenceId: pdu.sequenceId, msgId: pdu.msgId, result: DELIVER_WRONG_COMMAND }, peer.version));
        return;
      default:
        return; // responses nobody asked for (ACTIVE_TEST_RESP, a stray SUBMIT_RESP or TERMINATE_RESP)
    }
  }

  private onConnect(peer: CmppPeer, pdu: CmppConnect): void {
    if (peer.connected) {
      peer.write(encodeCmppPdu(connectResp(pdu.sequenceId, CONNECT_STATUS.OTHER, NO_AUTHENTICATOR, this.maxVersion), peer.version));
      return;
    }
    const { status: versionStatus, layout } = negotiate(pdu.version, this.maxVersion);
    const status = this.authenticate(pdu) || versionStatus;
    if (status !== CONNECT_STATUS.OK) {
      // A refused CONNECT ends the connection, as gateways do; the client reconnects (with the version it was told).
      this.counters.refusedConnects++;
      peer.leaving = true;
      const answer = encodeCmppPdu(connectResp(pdu.sequenceId, status, NO_AUTHENTICATOR, this.maxVersion), layout);
      if (!peer.write(answer, () => peer.socket.end())) peer.socket.destroy();
      return;
    }
    const secret = this.options.credentials?.[pdu.sourceAddr] ?? '';
    peer.write(encodeCmppPdu(connectResp(pdu.sequenceId, status, cmppAuthenticatorIsmg(status, pdu.authenticatorSource, secret, layout), this.maxVersion), layout));
    peer.spId = pdu.sourceAddr;
    peer.version = layout;
    peer.decoder.version = layout;
    peer.connected = true;
    this.counters.connects++;
    const list = this.receivers.get(peer.spId) ?? [];
    list.push(peer);
    this.receivers.set(peer.spId, list);
    this.releasePending(peer.spId);
  }

  /** 0 when the SP may connect: no credentials configured, or a known Source_Addr whose authenticator matches. */
  private authenticate(pdu: CmppConnect): number {
    const credentials = this.options.credentials;
    if (!credentials) return CONNECT_STATUS.OK;
    if (!Object.prototype.hasOwnProperty.call(credentials, pdu.sourceAddr)) return CONNECT_STATUS.BAD_SOURCE_ADDR;
    let expected: Buffer;
    try {
      // The Timestamp as sent, whatever our clock says: the ISMG checks the secret, not the client's clock.
      expected = cmppAuthenticatorSource(pdu.sourceAddr, credentials[pdu.sourceAddr], cmppTimestampText(pdu.timestamp));
    } catch {
      return CONNECT_STATUS.AUTH_FAILED; // a Timestamp that is no MMDDHHMMSS
    }
    return expected.equals(pdu.authenticatorSource) ? CONNECT_STATUS.OK : CONNECT_STATUS.AUTH_FAILED;
  }

  private onTerminate(peer: CmppPeer, sequenceId: number): void {
    this.unregister(peer);
    peer.connected = false;
    peer.leaving = true;
    if (!peer.write(encodeCmppPdu({ command: 'terminate_resp', sequenceId }, peer.version), () => peer.socket.end())) peer.socket.destroy();
    this.requeueUnacked(peer);
  }

  private onClose(peer: CmppPeer): void {
    peer.closed = true;
    this.peers.delete(peer);
    this.unregister(peer);
    this.requeueUnacked(peer);
  }

  private unregister(peer: CmppPeer): void {
    const list = this.receivers.get(peer.spId);
    if (!list) return;
    const i = list.indexOf(peer);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) this.receivers.delete(peer.spId);
  }

  /** DELIVERs not acknowledged before the connection ended go out again (at least once, like a real ISMG). */
  private requeueUnacked(peer: CmppPeer): void {
    if (peer.unacked.size === 0 || this.closing) return;
    const again = [...peer.unacked.values()];
    peer.unacked.clear();
    for (const delivery of again) {
      delivery.preferred = undefined;
      this.deliver(delivery);
    }
  }

  // ---- submits -----------------------------------------------------------------------------------

  private onSubmit(peer: CmppPeer, pdu: CmppSubmit): void {
    this.counters.submits++;
    peer.submitsOnConnection++;
    const dropAfter = this.options.dropConnectionAfter ?? 0;
    const drop = dropAfter > 0 && peer.submitsOnConnection >= dropAfter;
    const hangAfter = this.options.hangAfter ?? 0;
    const hang = hangAfter > 0 && peer.submitsOnConnection >= hangAfter;
    // Either way nothing more from this connection is read: it is closing, or the ISMG hangs.
    if (drop || hang) peer.leaving = true;
    if (hang && !drop) this.counters.hangs++;
    peer.inFlight++;
    if (peer.inFlight > this.counters.maxInFlight) this.counters.maxInFlight = peer.inFlight;

    const job: PendingResponse = { peer, pdu, result: SUBMIT_OK, msgId: undefined, acceptedAt: Date.now(), drop };
    if (this.hit('throttleRate')) {
      job.result = CMPP_SUBMIT_RESULT_FLOW_CONTROL;
      this.counters.throttled++;
    } else if (this.hit('submitFailRate')) {
      job.result = this.options.submitFailResult ?? DEFAULT_SUBMIT_FAIL;
      this.counters.failed++;
    } else {
      job.msgId = this.msgIds.next(job.acceptedAt);
      this.counters.accepted++;
    }
    if (this.listenerCount('submit') > 0) this.emit('submit', observe(peer, pdu, job));

    const latency = this.options.latencyMs ?? 0;
    if (latency > 0) this.responses.push(job, latency);
    else this.respond(job);
  }

  private respond(job: PendingResponse): void {
    const { peer, pdu } = job;
    peer.inFlight--;
    if (peer.closed) return; // the SP never learns the answer and will submit again
    const response = encodeCmppPdu({ command: 'submit_resp', sequenceId: pdu.sequenceId, msgId: job.msgId ?? '0', result: job.result }, peer.version);
    const early = this.options.receiptBeforeResponse === true && job.result === SUBMIT_OK && job.msgId !== undefined;
    if (early) this.afterAccept(peer, pdu, job.msgId as string, job.acceptedAt);
    let sent: boolean;
    if (job.drop) {
      this.counters.drops++;
      sent = peer.write(response, () => peer.socket.destroy());
      if (!sent) peer.socket.destroy();
    } else {
      sent = peer.write(response);
    }
    if (early) return;
    // A submit whose answer could not be written counts as never accepted: no report, no MO.
    if (!sent || job.result !== SUBMIT_OK || !job.msgId) return;
    this.afterAccept(peer, pdu, job.msgId, job.acceptedAt);
  }

  private afterAccept(peer: CmppPeer, pdu: CmppSubmit, msgId: string, acceptedAt: number): void {
    const undelivered = this.hit('undeliveredRate');
    // Registered_Delivery 1: a status report wanted (2.0's 2, "SMC bill only", asks none).
    if (pdu.registeredDelivery === 1) {
      const delay = (this.options.receiptDelayMs ?? 0) + ((this.options.receiptJitterMs ?? 0) > 0 ? Math.floor(this.random() * (this.options.receiptJitterMs ?? 0)) : 0);
      const submitTime = reportTime(acceptedAt);
      const doneTime = reportTime(Date.now() + delay);
      // One report per recipient, each carrying the submit's Msg_Id.
      for (const destTerminalId of pdu.destTerminalIds) {
        const delivery: Delivery = {
          kind: 'report',
          spId: peer.spId,
          preferred: peer,
          deliver: {
            command: 'deliver',
            sequenceId: 0,
            msgId: this.msgIds.next(),
            destId: pdu.srcId,
            serviceId: pdu.serviceId,
            tpPid: 0,
            tpUdhi: 0,
            msgFmt: 0,
            srcTerminalId: destTerminalId,
            srcTerminalType: 0,
            registeredDelivery: 1,
            msgContent: NO_CONTENT,
          },
          report: {
            msgId,
            stat: undelivered ? 'UNDELIV' : 'DELIVRD',
            submitTime,
            doneTime,
            destTerminalId,
            smscSequence: (this.smscSequence = (this.smscSequence + 1) >>> 0),
          },
        };
        if (delay > 0) this.reports.push(delivery, delay);
        else this.deliver(delivery);
      }
    }
    const moEvery = this.options.moEvery ?? 0;
    if (moEvery > 0 && this.counters.accepted % moEvery === 0) {
      try {
        for (const delivery of this.moDeliveries(pdu.destTerminalIds[0], pdu.srcId, this.options.moText ?? 'REPLY', pdu.serviceId, peer.spId)) {
          delivery.preferred = peer;
          this.deliver(delivery);
        }
      } catch {
        this.counters.droppedDeliveries++; // an moText no DELIVER can carry
      }
    }
  }

  private hit(kind: 'throttleRate' | 'submitFailRate' | 'undeliveredRate'): boolean {
    return isFaultHit(this.options[kind], ++this.faultCounters[kind], this.random);
  }

  // ---- status reports and MO ---------------------------------------------------------------------

  /** DELIVERs (Registered_Delivery 0) for one MO text: ASCII or UCS-2, long texts as TP_udhi parts with one reference. */
  private moDeliveries(from: string, to: string, text: string, serviceId: string, spId: string | undefined): Delivery[] {
    const reference = (this.moReference = (this.moReference + 1) & 0xff);
    return cmppTextParts(text, { reference }).map((part) => ({
      kind: 'mo',
      spId,
      deliver: {
        command: 'deliver',
        sequenceId: 0,
        msgId: this.msgIds.next(),
        destId: to,
        serviceId,
        tpPid: 0,
        tpUdhi: part.tpUdhi,
        msgFmt: part.msgFmt,
        srcTerminalId: from,
        srcTerminalType: 0,
        registeredDelivery: 0,
        msgContent: part.msgContent,
      },
    }));
  }

  /** Queues a DELIVER for the next flush; many per tick go out in one corked write per socket. */
  private deliver(delivery: Delivery): void {
    this.ready.push(delivery);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(this.flush);
    }
  }

  private readonly flush = (): void => {
    this.flushScheduled = false;
    const batch = this.ready;
    this.ready = [];
    for (const delivery of batch) this.sendDelivery(delivery);
  };

  private sendDelivery(delivery: Delivery): void {
    if (this.closing) return;
    const peer = this.route(delivery);
    if (!peer) {
      this.park(delivery);
      return;
    }
    const deliver = delivery.deliver;
    deliver.sequenceId = peer.nextSequence();
    let bytes: Buffer;
    try {
      if (delivery.report) deliver.msgContent = encodeCmppStatusReport(delivery.report, peer.version);
      bytes = encodeCmppPdu(deliver, peer.version);
    } catch (error) {
      // Only a 3.0 terminal id longer than 2.0's 21 octets, sent to a 2.0 connection, can get here.
      this.counters.droppedDeliveries++;
      delivery.settle?.(error as Error);
      return;
    }
    if (!peer.write(bytes)) {
      this.park(delivery);
      return;
    }
    peer.unacked.set(deliver.sequenceId, delivery);
    if (delivery.kind === 'report') this.counters.reportsSent++;
    else this.counters.moSent++;
  }

  private onDeliverResponse(peer: CmppPeer, sequenceId: number, result: number): void {
    const delivery = peer.unacked.get(sequenceId);
    if (!delivery) return;
    peer.unacked.delete(sequenceId);
    delivery.settle?.(result === 0 ? undefined : new Error(`SP refused DELIVER with Result ${result}`));
  }

  /** The submitting connection when it can receive, else another connection of the same SP, round-robin. */
  private route(delivery: Delivery): CmppPeer | undefined {
    if (delivery.preferred?.canReceive) return delivery.preferred;
    const candidates = delivery.spId === undefined ? [...this.receivers.values()].flat() : this.receivers.get(delivery.spId);
    if (!candidates || candidates.length === 0) return undefined;
    this.roundRobin = (this.roundRobin + 1) % 0x7fffffff;
    for (let i = 0; i < candidates.length; i++) {
      const peer = candidates[(this.roundRobin + i) % candidates.length];
      if (peer.canReceive) return peer;
    }
    return undefined;
  }

  /** Holds a delivery until its SP connects, like an ISMG storing reports for an absent SP; the oldest go first. */
  private park(delivery: Delivery): void {
    const key = delivery.spId ?? '';
    const list = this.pending.get(key) ?? [];
    list.push(delivery);
    this.pending.set(key, list);
    const max = this.options.maxPendingDeliveries ?? 100_000;
    while (list.length > max) {
      const dropped = list.shift();
      this.counters.droppedDeliveries++;
      dropped?.settle?.(new Error('pending delivery queue full'));
    }
  }

  private releasePending(spId: string): void {
    for (const key of [spId, '']) {
      const list = this.pending.get(key);
      if (!list) continue;
      this.pending.delete(key);
      for (const delivery of list) this.deliver(delivery);
    }
  }
}

export async function startCmppSimulator(options: CmppSimulatorOptions = {}): Promise<CmppSimulator> {
  const simulator = new CmppSimulatorServer(options);
  await simulator.listen();
  return simulator;
}

/**
 * The layout a CONNECT asking `requested` is served in: its own when we speak it (0x2X → 2.0, 0x3X → 3.0); Status 4
 * ("version too high") above `max`; Status 5 ("other error") below 2.0. Refusals are written in `max`'s layout.
 */
function negotiate(requested: number, max: CmppVersion): { status: number; layout: CmppVersion } {
  if (requested > max) return { status: CONNECT_STATUS.VERSION_TOO_HIGH, layout: max };
  if (requested >= CMPP_VERSION.V3_0) return { status: CONNECT_STATUS.OK, layout: CMPP_VERSION.V3_0 };
  if (requested >= CMPP_VERSION.V2_0) return { status: CONNECT_STATUS.OK, layout: CMPP_VERSION.V2_0 };
  return { status: CONNECT_STATUS.OTHER, layout: max };
}

function connectResp(sequenceId: number, status: number, authenticatorIsmg: Buffer, version: number): CmppPdu {
  return { command: 'connect_resp', sequenceId, status, authenticatorIsmg, version };
}

/** A handset number as a terminal id: digits as given, without E.164's '+'. */
function terminalId(number: string): string {
  return number.startsWith('+') ? number.slice(1) : number;
}

/** YYMMDDHHMM in China Standard Time, the format of a status report's Submit_time and Done_time. */
function reportTime(ms: number): string {
  const t = new Date(ms + CST_OFFSET_MS);
  const two = (n: number) => (n < 10 ? `0${n}` : String(n));
  return two(t.getUTCFullYear() % 100) + two(t.getUTCMonth() + 1) + two(t.getUTCDate()) + two(t.getUTCHours()) + two(t.getUTCMinutes());
}

function observe(peer: CmppPeer, pdu: CmppSubmit, job: PendingResponse): CmppObservedSubmit {
  let text = '';
  let concat: Concatenation | undefined;
  try {
    ({ text, concat } = cmppMessageContent(pdu.msgFmt, pdu.tpUdhi, pdu.msgContent));
  } catch {
    // GBK or a broken UDH: observed without its text.
  }
  return {
    spId: peer.spId,
    version: peer.version,
    result: job.result,
    msgId: job.msgId,
    srcId: pdu.srcId,
    destTerminalIds: pdu.destTerminalIds,
    msgFmt: pdu.msgFmt,
    tpUdhi: pdu.tpUdhi,
    registeredDelivery: pdu.registeredDelivery,
    serviceId: pdu.serviceId,
    feeUserType: pdu.feeUserType,
    feeType: pdu.feeType,
    feeCode: pdu.feeCode,
    text,
    concat,
  };
}
