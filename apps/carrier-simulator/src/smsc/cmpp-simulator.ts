import { EventEmitter } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import {
  CMPP_SUBMIT_RESULT_FLOW_CONTROL,
  CMPP_VERSION,
  CmppFrameDecoder,
  CorkedWriter,
  cmppAuthenticatorIsmg,
  cmppAuthenticatorSource,
  cmppMessageContent,
  cmppTextParts,
  cmppTimestampText,
  composeCmppMsgId,
  encodeCmppPdu,
  encodeCmppStatusReport,
  SequenceNumbers,
  type CmppConnect,
  type CmppDeliver,
  type CmppPdu,
  type CmppStatusReport,
  type CmppSubmit,
  type CmppVersion,
  type Concatenation,
} from '@sms/carrier-protocols';
import { DeliveryRouter } from './delivery-router';
import { FaultPlan } from './fault-plan';
import type { FaultRate } from './fault-rate';
import { listen } from './listen';
import { SimPeer, type Delivery } from './sim-peer';
import { SubmitDesk, type SubmitJob } from './submit-desk';

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
const DEFAULT_SUBMIT_FAIL = 9;
/** DELIVER_RESP Result 2, "wrong command": an SP does not send DELIVER. */
const DELIVER_WRONG_COMMAND = 2;
const NO_AUTHENTICATOR = Buffer.alloc(16);
/** A report's Msg_Content until it is encoded for the connection it goes out on. */
const NO_CONTENT = Buffer.alloc(0);
/** Msg_Ids, Submit_time and Done_time are in the ISMG's local time, China Standard Time. */
const CST_OFFSET_MS = 8 * 3_600_000;

/** A connection; its `account` is the Source_Addr (SP id) it connected with. */
class CmppPeer extends SimPeer<CmppDelivery> {
  version: CmppVersion = CMPP_VERSION.V3_0;
  connected = false;
  readonly decoder = new CmppFrameDecoder();
  private readonly sequences = new SequenceNumbers();
  private readonly writer: CorkedWriter;

  constructor(readonly socket: Socket) {
    super();
    this.writer = new CorkedWriter(socket);
  }

  get canReceive(): boolean {
    return this.connected && !this.closed && !this.leaving;
  }

  /** Sequence_Id of a request we send (DELIVER, TERMINATE): 1..0x7FFFFFFF, wrapping to 1. */
  nextSequence(): number {
    return this.sequences.next();
  }

  /** Corked until the end of the tick, like every connection's writes, so a burst of answers leaves in one writev. */
  write(bytes: Buffer, onSent?: () => void): boolean {
    return !this.closed && this.writer.write(bytes, onSent);
  }

  destroy(): void {
    this.socket.destroy();
  }
}

interface CmppDelivery extends Delivery<CmppPeer> {
  /** Sequence_Id is set per send; a report's Msg_Content is encoded per send, in the receiving connection's layout. */
  deliver: CmppDeliver;
  report?: CmppStatusReport;
}

type Job = SubmitJob<CmppPeer, CmppSubmit>;

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
  private readonly faults: FaultPlan;
  private readonly desk: SubmitDesk<CmppPeer, CmppSubmit>;
  private readonly router: DeliveryRouter<CmppPeer, CmppDelivery>;
  private readonly msgIds: MsgIdSource;
  private readonly counters = { connects: 0, refusedConnects: 0, activeTests: 0 };
  private smscSequence = 0;
  private moReference = 0;
  private closing = false;

  constructor(private readonly options: CmppSimulatorOptions) {
    super();
    this.host = options.host ?? '127.0.0.1';
    this.maxVersion = options.version ?? CMPP_VERSION.V3_0;
    if (this.maxVersion !== CMPP_VERSION.V3_0 && this.maxVersion !== CMPP_VERSION.V2_0) {
      throw new RangeError(`CMPP simulator version must be 0x30 or 0x20, got 0x${Number(this.maxVersion).toString(16)}`);
    }
    this.msgIds = new MsgIdSource(options.gatewayCode ?? 123456);
    this.faults = new FaultPlan(options);
    this.desk = new SubmitDesk(
      this.faults,
      {
        throttledStatus: CMPP_SUBMIT_RESULT_FLOW_CONTROL,
        failedStatus: options.submitFailResult ?? DEFAULT_SUBMIT_FAIL,
        assignId: (acceptedAt) => this.msgIds.next(acceptedAt),
        answer: ({ peer, pdu, status, id }) => encodeCmppPdu({ command: 'submit_resp', sequenceId: pdu.sequenceId, msgId: id ?? '0', result: status }, peer.version),
        accepted: (job, msgId) => this.afterAccept(job, msgId),
        observe,
      },
      this,
      options,
    );
    this.router = new DeliveryRouter<CmppPeer, CmppDelivery>({
      maxPending: options.maxPendingDeliveries ?? 100_000,
      transmit: (peer, delivery) => {
        const deliver = delivery.deliver;
        deliver.sequenceId = peer.nextSequence();
        // Throws only for a 3.0 terminal id longer than 2.0's 21 octets, sent to a 2.0 connection: given up.
        if (delivery.report) deliver.msgContent = encodeCmppStatusReport(delivery.report, peer.version);
        return peer.write(encodeCmppPdu(deliver, peer.version)) ? deliver.sequenceId : undefined;
      },
    });
    this.server = createServer({ noDelay: true }, (socket) => this.accept(socket));
  }

  async listen(): Promise<void> {
    this.port = await listen(this.server, this.options.port ?? 7890, this.host);
  }

  stats(): CmppSimulatorStats {
    let connected = 0;
    for (const peer of this.peers) if (peer.connected && !peer.closed) connected++;
    const f = this.faults.counters;
    const r = this.router.counters;
    return {
      connects: this.counters.connects,
      connected,
      refusedConnects: this.counters.refusedConnects,
      submits: f.submits,
      accepted: f.accepted,
      throttled: f.throttled,
      failed: f.failed,
      reportsSent: r.receiptsSent,
      moSent: r.moSent,
      pendingDeliveries: this.router.pendingDeliveries,
      droppedDeliveries: r.droppedDeliveries,
      drops: f.drops,
      hangs: f.hangs,
      maxInFlight: f.maxInFlight,
      activeTests: this.counters.activeTests,
    };
  }

  sendMo(input: CmppMoInput): Promise<void> {
    if (this.closing) return Promise.reject(new Error('simulator is closed'));
    let deliveries: CmppDelivery[];
    try {
      deliveries = this.moDeliveries(terminalId(input.from), input.to, input.text, '', input.spId);
      // A field the layout cannot carry (a number too long, not ASCII) is the caller's error, not a lost MO.
      for (const { deliver } of deliveries) encodeCmppPdu(deliver, this.maxVersion);
    } catch (error) {
      return Promise.reject(error as Error);
    }
    return this.router.deliverAcknowledged(deliveries);
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    this.desk.close();
    this.router.close(this.peers);

    // TERMINATE to every connected SP, best effort: each closes on its TERMINATE_RESP, the rest after a grace period.
    const peers = [...this.peers];
    const gone = peers.map((peer) => (peer.closed ? Promise.resolve() : new Promise<void>((resolve) => peer.socket.once('close', () => resolve()))));
    for (const peer of peers) {
      const told = peer.canReceive && peer.write(encodeCmppPdu({ command: 'terminate', sequenceId: peer.nextSequence() }, peer.version));
      if (told) peer.leaving = true;
      else peer.destroy();
    }
    const grace = setTimeout(() => peers.forEach((peer) => peer.destroy()), this.options.terminateGraceMs ?? 200);
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
    socket.on('close', () => {
      peer.closed = true;
      this.peers.delete(peer);
      this.router.detach(peer);
    });
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
        peer.destroy();
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
    if (pdu.command === 'submit' && peer.connected) return this.desk.receive(peer, pdu);
    if (pdu.command === 'connect') return this.onConnect(peer, pdu);
    if (!peer.connected) {
      // Nothing but CONNECT is accepted before a successful one.
      peer.leaving = true;
      peer.destroy();
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
      if (!peer.write(answer, () => peer.socket.end())) peer.destroy();
      return;
    }
    const secret = this.options.credentials?.[pdu.sourceAddr] ?? '';
    peer.write(encodeCmppPdu(connectResp(pdu.sequenceId, status, cmppAuthenticatorIsmg(status, pdu.authenticatorSource, secret, layout), this.maxVersion), layout));
    peer.account = pdu.sourceAddr;
    peer.version = layout;
    peer.decoder.version = layout;
    peer.connected = true;
    this.counters.connects++;
    this.router.addReceiver(peer);
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
    this.router.detach(peer);
    peer.connected = false;
    peer.leaving = true;
    if (!peer.write(encodeCmppPdu({ command: 'terminate_resp', sequenceId }, peer.version), () => peer.socket.end())) peer.destroy();
  }

  // ---- status reports and MO ---------------------------------------------------------------------

  private afterAccept({ peer, pdu, acceptedAt }: Job, msgId: string): void {
    const undelivered = this.faults.undelivered();
    // Registered_Delivery 1: a status report wanted (2.0's 2, "SMC bill only", asks none).
    if (pdu.registeredDelivery === 1) {
      const delay = this.faults.receiptDelayMs();
      const submitTime = reportTime(acceptedAt);
      const doneTime = reportTime(Date.now() + delay);
      // One report per recipient, each carrying the submit's Msg_Id.
      for (const destTerminalId of pdu.destTerminalIds) {
        const delivery: CmppDelivery = {
          kind: 'receipt',
          account: peer.account,
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
        this.router.deliver(delivery, delay);
      }
    }
    if (this.faults.moDue()) {
      try {
        for (const delivery of this.moDeliveries(pdu.destTerminalIds[0], pdu.srcId, this.options.moText ?? 'REPLY', pdu.serviceId, peer.account)) {
          delivery.preferred = peer;
          this.router.deliver(delivery);
        }
      } catch {
        this.router.counters.droppedDeliveries++; // an moText no DELIVER can carry
      }
    }
  }

  /** DELIVERs (Registered_Delivery 0) for one MO text: ASCII or UCS-2, long texts as TP_udhi parts with one reference. */
  private moDeliveries(from: string, to: string, text: string, serviceId: string, spId: string | undefined): CmppDelivery[] {
    const reference = (this.moReference = (this.moReference + 1) & 0xff);
    return cmppTextParts(text, { reference }).map((part) => ({
      kind: 'mo',
      account: spId,
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

  private onDeliverResponse(peer: CmppPeer, sequenceId: number, result: number): void {
    const delivery = this.router.answered(peer, sequenceId);
    delivery?.settle?.(result === 0 ? undefined : new Error(`SP refused DELIVER with Result ${result}`));
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

function observe({ peer, pdu, status, id }: Job): CmppObservedSubmit {
  let text = '';
  let concat: Concatenation | undefined;
  try {
    ({ text, concat } = cmppMessageContent(pdu.msgFmt, pdu.tpUdhi, pdu.msgContent));
  } catch {
    // GBK or a broken UDH: observed without its text.
  }
  return {
    spId: peer.account,
    version: peer.version,
    result: status,
    msgId: id,
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
