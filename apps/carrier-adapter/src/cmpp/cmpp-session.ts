import { EventEmitter } from 'node:events';
import {
  CMPP_SUBMIT_RESULT_FLOW_CONTROL,
  CMPP_VERSION,
  ConcatenationBuffer,
  SubmitWindow,
  Throttle,
  cmppAuthenticatorSource,
  cmppTextParts,
  cmppTimestamp,
  cmppTimestampValue,
  doublingDelayMs,
  encodeCmppPdu,
  isCmppVersion,
  withJitter,
  type CmppConnectResp,
  type CmppDeliver,
  type CmppPdu,
  type CmppProtocolError,
  type CmppSubmit,
  type CmppVersion,
  type InboundPart,
  type Outstanding,
  type SmppReceipt,
} from '@sms/carrier-protocols';
import { Waiters } from '../session/waiters';
import { PendingSubmit, type SubmitResult } from '../smpp/pending-submit';
import type { SmppInbound, SubmitRequest } from '../smpp/smpp-session';
import { CMPP_UTC_OFFSET_MINUTES, toCmppInboundPart, toCmppReceipt } from './cmpp-deliver';
import { CmppConnectError, CmppSessionClosedError } from './cmpp-errors';
import { connectCmpp, type CmppLink } from './cmpp-link';
import { toCmppTerminalId } from './cmpp-numbers';
import { CMPP_CONNECT_VERSION_TOO_HIGH, cmppSubmitError } from './cmpp-status';

export { CmppConnectError, CmppSessionClosedError } from './cmpp-errors';
export type { SubmitPartError, SubmitPartResult, SubmitResult } from '../smpp/pending-submit';
export type { SmppReceipt as CmppReceipt } from '@sms/carrier-protocols';
export type { SmppInbound as CmppInbound, SubmitRequest as CmppSubmitRequest } from '../smpp/smpp-session';

export interface CmppSessionOptions {
  host: string;
  port: number;
  /** SP_Id, CONNECT's Source_Addr (six characters). */
  spId: string;
  sharedSecret: string;
  /**
   * The version asked for at connect: 0x30 (3.0, default) or 0x20 (2.0). An ISMG that answers with an older one is
   * spoken to in that one from then on.
   */
  version?: CmppVersion;
  /** SUBMITs in flight (sent, not yet answered). Default 50. */
  window?: number;
  /** Idle time after which an ACTIVE_TEST checks the link. Default 30000. */
  activeTestMs?: number;
  /** A CONNECT, SUBMIT or ACTIVE_TEST unanswered this long means the link is dead: drop and reconnect. Default 30000. */
  responseTimeoutMs?: number;
  /** Reconnect delay bounds; the delay doubles per failed attempt, with jitter. Default [1000, 30000]. */
  reconnectBackoffMs?: [number, number];
  /** How many times one part is re-sent after Result 8 (flow control) before reporting it. Default 5. */
  throttleRetries?: number;
  /** Pause bounds after Result 8; doubles while answers keep saying so. Default [100, 5000]. */
  throttleBackoffMs?: [number, number];
  /** Submits per second on this session. Default: no cap. */
  maxTps?: number;
  /** A throttle shared by the sessions of one channel; when given, `maxTps` and `throttleBackoffMs` are not used. */
  throttle?: Throttle;
  /** Service_Id, the business code the SP registered with the operator. Default ''. */
  serviceId?: string;
  /** Src_Id: the SP's access number (plus extension), what the handset shows; a submit's `from` replaces it. */
  srcId?: string;
  /** Msg_src. Default `spId`. */
  msgSrc?: string;
  /** Fee_UserType: 0 bill the recipient (default), 1 the sender, 2 the SP, 3 Fee_terminal_Id. */
  feeUserType?: number;
  /** FeeType: '01' free (default), '02' per message, '03' monthly. */
  feeType?: string;
  /** FeeCode in fen. Default '000000'. */
  feeCode?: string;
  /** How long a concatenated MO may wait for its missing parts. Default 300000. */
  moReassemblyMs?: number;
  /** The gateway's clock, for CONNECT's Timestamp and a report's times: minutes from UTC. Default 480 (UTC+8). */
  utcOffsetMinutes?: number;
  /**
   * A refused CONNECT is tried again with the reconnect backoff (an operator may fix the account on its side), instead
   * of closing the session when the first one is refused. start() still rejects with the first refusal. Default false.
   */
  retryRefusedConnect?: boolean;
}

export interface CmppSessionStats {
  up: boolean;
  inFlight: number;
  queued: number;
  /** The version spoken (or to be asked for next). */
  version: CmppVersion;
}

type State = 'idle' | 'connecting' | 'authenticating' | 'up' | 'waiting' | 'closing' | 'closed';

type Defaulted =
  | 'version'
  | 'window'
  | 'activeTestMs'
  | 'responseTimeoutMs'
  | 'reconnectBackoffMs'
  | 'throttleRetries'
  | 'throttleBackoffMs'
  | 'serviceId'
  | 'feeUserType'
  | 'feeType'
  | 'feeCode'
  | 'moReassemblyMs'
  | 'utcOffsetMinutes';

/** Dest_terminal_Id is 21 octets in 2.0: a longer one could not be re-encoded if the ISMG turns out to speak 2.0. */
const MAX_TERMINAL_ID = 21;

/** One message part waiting for, or in, the window. */
interface PartJob {
  pdu: CmppSubmit;
  /** Encoded once, in `version`; each send writes its Sequence_Id into it. */
  bytes: Buffer;
  version: CmppVersion;
  seq: number;
  /** Flow-control answers this part has had so far. */
  throttled: number;
  message: PendingSubmit;
}

/**
 * One CMPP 3.0/2.0 client (SP) connection to China Mobile's gateway (ISMG), the twin of `SmppSession`: connects with
 * the MD5 authenticator, negotiates the version, keeps the link alive with ACTIVE_TEST, reconnects forever with
 * backoff, and windows SUBMITs with the shared `SubmitWindow` and `Throttle`. Delivery is at least once: SUBMITs in
 * flight when the link drops or an answer times out are sent again on the next connection, so an ISMG that had
 * accepted one may see it twice (two Msg_Ids, two reports).
 *
 * Numbers go out national (`13800138000`) and come back E.164; Result 8 (flow control) is the throttling answer.
 *
 * Events: 'up' (connected), 'down' ({ reason }), 'reconnecting' ({ attempt, delayMs, reason }), 'refused'
 * (CmppConnectError), 'receipt' (SmppReceipt shape), 'inbound' ({ from, to, text, receivedAt }), 'throttled' (a
 * SUBMIT answered Result 8).
 */
export class CmppSession extends EventEmitter {
  private readonly opts: CmppSessionOptions & Required<Pick<CmppSessionOptions, Defaulted>>;
  private state: State = 'idle';
  private link: CmppLink | undefined;
  /** Asked for at connect; lowered for good when an ISMG names an older one. */
  private version: CmppVersion;
  private renegotiate = false;
  private everUp = false;
  private attempt = 0;
  private lastError = '';
  private connectStartedAt = 0;
  private connectSequence = 0;
  private startPromise: Promise<void> | undefined;
  private startSettle: { resolve: () => void; reject: (error: Error) => void } | undefined;

  private readonly window: SubmitWindow<number, PartJob>;
  private readonly throttle: Throttle;
  /** Concatenation reference counter; the codec takes its low 8 bits. */
  private reference = Math.floor(Math.random() * 0x100);

  private lastReceivedAt = 0;
  private activeTestSentAt = 0;
  private terminateSequence = 0;
  private sweepTimer: NodeJS.Timeout | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private resumeTimer: NodeJS.Timeout | undefined;
  private readonly waiters = new Waiters();
  private readonly concatenated: ConcatenationBuffer;

  constructor(options: CmppSessionOptions) {
    super();
    this.opts = {
      version: CMPP_VERSION.V3_0,
      window: 50,
      activeTestMs: 30_000,
      responseTimeoutMs: 30_000,
      reconnectBackoffMs: [1_000, 30_000],
      throttleRetries: 5,
      throttleBackoffMs: [100, 5_000],
      serviceId: '',
      feeUserType: 0,
      feeType: '01',
      feeCode: '000000',
      moReassemblyMs: 300_000,
      utcOffsetMinutes: CMPP_UTC_OFFSET_MINUTES,
      ...definedOnly(options),
    };
    if (!isCmppVersion(this.opts.version)) throw new RangeError('version must be 0x30 (CMPP 3.0) or 0x20 (CMPP 2.0)');
    if (!(this.opts.window >= 1)) throw new RangeError('window must be at least 1');
    this.version = this.opts.version;
    this.window = new SubmitWindow({ size: this.opts.window, responseTimeoutMs: this.opts.responseTimeoutMs, onTimeout: this.onSubmitTimeout });
    this.throttle = options.throttle ?? new Throttle({ tps: this.opts.maxTps, backoffMs: this.opts.throttleBackoffMs });
    this.concatenated = new ConcatenationBuffer(this.opts.moReassemblyMs);
  }

  get isUp(): boolean {
    return this.state === 'up';
  }

  stats(): CmppSessionStats {
    return { up: this.isUp, inFlight: this.window.inFlight, queued: this.window.queued, version: this.version };
  }

  /**
   * Connects. Resolves on the first accepted CONNECT; rejects with CmppConnectError if the ISMG refuses that first one
   * (the session is then closed, unless `retryRefusedConnect`). Connection failures are retried with backoff forever.
   */
  start(): Promise<void> {
    if (this.startPromise) return this.startPromise;
    if (this.state === 'closed') return Promise.reject(new CmppSessionClosedError());
    this.startPromise = new Promise<void>((resolve, reject) => {
      this.startSettle = { resolve, reject };
    });
    this.sweepTimer = setInterval(this.sweep, Math.max(20, Math.min(1_000, this.opts.responseTimeoutMs / 4)));
    this.connect();
    return this.startPromise;
  }

  /** Sends a message, cut into TP_udhi parts when needed; resolves once every part has an answer. */
  submit(request: SubmitRequest): Promise<SubmitResult> {
    if (this.state === 'closing' || this.state === 'closed') return Promise.reject(new CmppSessionClosedError());
    let jobs: Array<Omit<PartJob, 'message'>>;
    try {
      jobs = this.submitParts(request).map((pdu) => ({ pdu, bytes: encodeCmppPdu(pdu, this.version), version: this.version, seq: pdu.pkNumber, throttled: 0 }));
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<SubmitResult>((resolve, reject) => {
      const message = new PendingSubmit(jobs.length, resolve, reject);
      for (const job of jobs) this.window.enqueue({ ...job, message });
      this.pump();
    });
  }

  /** Waits (briefly) for answers to SUBMITs in flight, sends TERMINATE and closes; queued submits are rejected. */
  async close(): Promise<void> {
    if (this.state === 'closed') return;
    if (this.state === 'closing') return this.waiters.until(() => this.state === 'closed', Infinity);
    const wasUp = this.state === 'up';
    this.state = 'closing';
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.resumeTimer);
    this.failQueued(new CmppSessionClosedError('CMPP session closed before the submit was sent'));
    if (wasUp && this.link) {
      const grace = Math.min(this.opts.responseTimeoutMs, 5_000);
      await this.waiters.until(() => this.window.inFlight === 0 || !this.link, grace);
      const link = this.link;
      if (link) {
        const sequenceId = link.nextSequence();
        if (link.send({ command: 'terminate', sequenceId })) {
          this.terminateSequence = sequenceId;
          await this.waiters.until(() => this.terminateSequence === 0 || !this.link, Math.min(grace, 1_000));
        }
      }
    }
    this.finishClose();
  }

  // ---- connection lifecycle ----------------------------------------------------------------------

  private connect(): void {
    this.state = 'connecting';
    this.connectStartedAt = Date.now();
    const link = connectCmpp({ host: this.opts.host, port: this.opts.port, version: this.version });
    this.link = link;
    link.on('connect', () => this.authenticate(link));
    link.on('pdu', (pdu) => this.onPdu(link, pdu));
    link.on('error', (error) => this.onLinkError(link, error));
    link.on('close', () => this.onClose(link));
  }

  private authenticate(link: CmppLink): void {
    if (link !== this.link || this.state !== 'connecting') return;
    this.state = 'authenticating';
    this.lastReceivedAt = Date.now();
    const timestamp = cmppTimestamp(new Date(), this.opts.utcOffsetMinutes);
    const sequenceId = link.nextSequence();
    const sent = link.send({
      command: 'connect',
      sequenceId,
      sourceAddr: this.opts.spId,
      authenticatorSource: cmppAuthenticatorSource(this.opts.spId, this.opts.sharedSecret, timestamp),
      version: this.version,
      timestamp: cmppTimestampValue(timestamp),
    });
    if (sent) this.connectSequence = sequenceId;
  }

  private onConnectResponse(link: CmppLink, pdu: CmppConnectResp): void {
    if (pdu.sequenceId !== this.connectSequence || this.state !== 'authenticating') return;
    this.connectSequence = 0;
    const offered = pdu.version;
    const older = isCmppVersion(offered) && offered < this.version;
    if (pdu.status === 0 && !older) return this.onUp();
    if (older && (pdu.status === 0 || pdu.status === CMPP_CONNECT_VERSION_TOO_HIGH)) {
      // Version negotiation. Even an ISMG that accepted us while naming an older version gets a fresh connection in
      // that version, so no PDU is ever read in the wrong layout (a DELIVER may follow CONNECT_RESP in the same chunk).
      this.version = offered;
      this.renegotiate = true;
      this.lastError = `the ISMG speaks CMPP ${offered >> 4}.${offered & 0xf}`;
      link.destroy();
      return;
    }
    this.onConnectRefused(link, pdu.status);
  }

  private onUp(): void {
    this.state = 'up';
    this.everUp = true;
    this.attempt = 0;
    this.activeTestSentAt = 0;
    this.emit('up');
    this.startSettle?.resolve();
    this.startSettle = undefined;
    this.pump();
  }

  private onConnectRefused(link: CmppLink, status: number): void {
    const error = new CmppConnectError(status);
    this.lastError = error.message;
    if (this.listenerCount('refused') > 0) this.emit('refused', error);
    if (!this.everUp) {
      this.startSettle?.reject(error);
      this.startSettle = undefined;
    }
    if (!this.everUp && !this.opts.retryRefusedConnect) {
      // Credentials do not fix themselves: the first CONNECT refused is reported, not retried.
      this.state = 'closing';
      this.failQueued(error);
      this.finishClose();
      return;
    }
    link.destroy();
  }

  private onLinkError(link: CmppLink, error: Error | CmppProtocolError): void {
    if (link !== this.link) return;
    // A command we do not know (a vendor's extension) was a whole frame: the stream goes on without it.
    if ((error as CmppProtocolError).code === 'CMPP_UNKNOWN_COMMAND') return;
    this.lastError = error.message;
    // A PDU we cannot read is an ISMG we cannot trust to be in step: only a fresh connection recovers.
    link.destroy();
  }

  private onClose(link: CmppLink): void {
    if (link !== this.link) return;
    this.link = undefined;
    this.connectSequence = 0;
    this.terminateSequence = 0;
    this.activeTestSentAt = 0;
    const wasUp = this.state === 'up';
    // At least once: whatever had no answer goes out again, first, on the next connection.
    this.window.requeue(this.window.abortAll());
    this.waiters.notify();
    if (this.state === 'closing' || this.state === 'closed') return;
    const reason = this.lastError || 'connection closed';
    this.lastError = '';
    if (wasUp) this.emit('down', { reason });
    if (this.renegotiate) {
      this.renegotiate = false;
      this.connect(); // at once: nothing is wrong with the ISMG, we only asked for too new a version
      return;
    }
    this.scheduleReconnect(reason);
  }

  private scheduleReconnect(reason: string): void {
    this.state = 'waiting';
    const delayMs = withJitter(doublingDelayMs(this.opts.reconnectBackoffMs, this.attempt));
    this.attempt++;
    this.emit('reconnecting', { attempt: this.attempt, delayMs, reason });
    this.reconnectTimer = setTimeout(() => {
      if (this.state === 'waiting') this.connect();
    }, delayMs);
  }

  private finishClose(): void {
    this.state = 'closed';
    clearInterval(this.sweepTimer);
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.resumeTimer);
    const link = this.link;
    this.link = undefined;
    link?.destroy();
    const error = new CmppSessionClosedError('CMPP session closed before the ISMG answered the submit');
    for (const job of this.window.abortAll()) job.message.fail(error);
    this.failQueued(error);
    this.startSettle?.reject(new CmppSessionClosedError('CMPP session closed before it was connected'));
    this.startSettle = undefined;
    for (const message of this.concatenated.expire(Infinity)) this.emitSafely('inbound', message);
    this.waiters.notify();
  }

  /** An unanswered SUBMIT means the link is dead: everything in flight goes out again on the next connection. */
  private readonly onSubmitTimeout = (expired: Array<Outstanding<number, PartJob>>): void => {
    const link = this.link;
    if (this.state !== 'up' || !link) {
      // Closing: the session is about to fail what is left; no link to drop.
      this.window.requeue(expired.map((entry) => entry.item));
      this.waiters.notify();
      return;
    }
    this.window.requeue([...expired.map((entry) => entry.item), ...this.window.abortAll()]);
    this.lastError = `submit unanswered for ${this.opts.responseTimeoutMs} ms`;
    link.destroy();
  };

  /** Periodic check: connects that hang, idle links (ACTIVE_TEST) and stale MO parts. */
  private readonly sweep = (): void => {
    const now = Date.now();
    const timeout = this.opts.responseTimeoutMs;
    for (const message of this.concatenated.expire(now)) this.emitSafely('inbound', message);
    const link = this.link;
    if (!link) return;
    if ((this.state === 'connecting' || this.state === 'authenticating') && now - this.connectStartedAt > timeout) {
      this.lastError = `no ${this.state === 'connecting' ? 'connection' : 'CONNECT_RESP'} within ${timeout} ms`;
      link.destroy();
      return;
    }
    if (this.state !== 'up') return;
    if (this.activeTestSentAt) {
      if (now - this.activeTestSentAt > timeout) {
        this.lastError = `ACTIVE_TEST unanswered for ${timeout} ms`;
        link.destroy();
      }
      return;
    }
    if (now - this.lastReceivedAt >= this.opts.activeTestMs) {
      if (link.send({ command: 'active_test', sequenceId: link.nextSequence() })) this.activeTestSentAt = now;
    }
  };

  // ---- incoming PDUs -----------------------------------------------------------------------------

  private onPdu(link: CmppLink, pdu: CmppPdu): void {
    if (link !== this.link) return;
    this.lastReceivedAt = Date.now();
    switch (pdu.command) {
      case 'submit_resp':
        return this.onSubmitResponse(pdu.sequenceId, pdu.result, pdu.msgId);
      case 'deliver':
        // Answer first: an ISMG re-sends an unanswered DELIVER, and what we do with it cannot fail the ISMG.
        link.send({ command: 'deliver_resp', sequenceId: pdu.sequenceId, msgId: pdu.msgId, result: 0 });
        return this.onDeliver(pdu, link.version);
      case 'active_test':
        link.send({ command: 'active_test_resp', sequenceId: pdu.sequenceId, reserved: 0 });
        return;
      case 'active_test_resp':
        this.activeTestSentAt = 0;
        return;
      case 'connect_resp':
        return this.onConnectResponse(link, pdu);
      case 'terminate':
        // The ISMG is going away (maintenance, overload): answer, then reconnect with backoff.
        this.lastError = 'terminated by the ISMG';
        link.send({ command: 'terminate_resp', sequenceId: pdu.sequenceId }, () => link.destroy());
        return;
      case 'terminate_resp':
        if (pdu.sequenceId === this.terminateSequence) this.terminateSequence = 0;
        this.waiters.notify();
        return;
      case 'submit':
        // Not something an SP serves: Result 2, command error.
        link.send({ command: 'submit_resp', sequenceId: pdu.sequenceId, msgId: '0', result: 2 });
        return;
      default:
        return; // a CONNECT or DELIVER_RESP, which an ISMG has no reason to send
    }
  }

  private onSubmitResponse(sequenceId: number, result: number, msgId: string): void {
    const job = this.window.settle(sequenceId);
    if (!job) return;
    const flowControl = result === CMPP_SUBMIT_RESULT_FLOW_CONTROL;
    // Counted for the channel's health (ADR 0018), whether the part is tried again or reported.
    if (flowControl) this.emit('throttled');
    if (result === 0) {
      this.throttle.recovered();
      job.message.complete({ seq: job.seq, operatorMessageId: msgId !== '0' ? msgId : undefined });
    } else if (flowControl && job.throttled < this.opts.throttleRetries) {
      job.throttled++;
      this.window.requeue([job]);
      // The ISMG asked us to slow down: the whole session (or channel, when the throttle is shared) pauses.
      this.throttle.backOff();
      this.scheduleResume();
    } else {
      job.message.complete({ seq: job.seq, error: cmppSubmitError(result, this.version) });
    }
    this.waiters.notify();
    this.pump();
  }

  /** A DELIVER, already answered: a status report, or a part of a message from a handset. */
  private onDeliver(pdu: CmppDeliver, version: CmppVersion): void {
    if (pdu.registeredDelivery === 1) {
      const receipt = readReport(pdu, version, this.opts.utcOffsetMinutes);
      if (receipt) this.emitSafely('receipt', receipt);
      return;
    }
    let part: InboundPart;
    try {
      part = toCmppInboundPart(pdu, new Date());
    } catch {
      return; // a UDH running past Msg_Content: nothing trustworthy to deliver
    }
    const message = this.concatenated.add(part);
    if (message) this.emitSafely('inbound', message);
  }

  /** A listener that throws must not break the PDU loop. */
  private emitSafely(event: 'receipt' | 'inbound', payload: SmppReceipt | SmppInbound): void {
    try {
      this.emit(event, payload);
    } catch (error) {
      process.nextTick(() => {
        throw error;
      });
    }
  }

  // ---- submitting --------------------------------------------------------------------------------

  /** The SUBMIT records of one message, in part order; throws (CmppProtocolError, RangeError) on what cannot be sent. */
  private submitParts(request: SubmitRequest): CmppSubmit[] {
    const destination = toCmppTerminalId(request.to);
    if (!/^\d+$/.test(destination) || destination.length > MAX_TERMINAL_ID) {
      throw new RangeError(`a CMPP recipient must be a number of at most ${MAX_TERMINAL_ID} digits once national`);
    }
    const parts = cmppTextParts(request.text, { reference: (this.reference = (this.reference + 1) & 0xff) });
    const o = this.opts;
    return parts.map((part) => ({
      command: 'submit',
      sequenceId: 0,
      msgId: '0',
      pkTotal: part.pkTotal,
      pkNumber: part.pkNumber,
      registeredDelivery: request.registeredDelivery === false ? 0 : 1,
      msgLevel: 0,
      serviceId: o.serviceId,
      feeUserType: o.feeUserType,
      feeTerminalId: '',
      feeTerminalType: 0,
      tpPid: 0,
      tpUdhi: part.tpUdhi,
      msgFmt: part.msgFmt,
      msgSrc: o.msgSrc ?? o.spId,
      feeType: o.feeType,
      feeCode: o.feeCode,
      validTime: '',
      atTime: '',
      srcId: request.from ?? o.srcId ?? '',
      destTerminalIds: [destination],
      destTerminalType: 0,
      msgContent: part.msgContent,
      linkId: '',
      reserve: '',
    }));
  }

  /** Sends queued parts while the window has room and the throttle allows. */
  private pump(): void {
    const link = this.link;
    if (!link || this.state !== 'up') return;
    this.window.fill((job) => {
      if (!this.throttle.tryTake()) {
        this.scheduleResume();
        return undefined;
      }
      if (job.version !== link.version) {
        job.bytes = encodeCmppPdu(job.pdu, link.version);
        job.version = link.version;
      }
      const sequenceId = link.nextSequence();
      // The bytes of an earlier send of this part are flushed (it was answered) or dropped with its socket.
      job.bytes.writeUInt32BE(sequenceId, 8);
      // A failed write means the socket is gone; 'close' follows and re-queues what is in flight.
      return link.write(job.bytes) ? sequenceId : undefined;
    });
  }

  /** One timer for the pause; if it fires a little early, pump() simply asks for another. */
  private scheduleResume(): void {
    if (this.resumeTimer) return;
    this.resumeTimer = setTimeout(
      () => {
        this.resumeTimer = undefined;
        this.pump();
      },
      Math.max(1, this.throttle.waitMs()),
    );
  }

  private failQueued(error: Error): void {
    for (const job of this.window.drainQueue()) job.message.fail(error);
  }
}

/**
 * The report in the link's version, else in the other one (gateways that mix 2.0 report bodies into 3.0 links exist);
 * undefined when neither fits — without a readable Msg_Id there is nothing to correlate.
 */
function readReport(pdu: CmppDeliver, version: CmppVersion, utcOffsetMinutes: number): SmppReceipt | undefined {
  const other = version === CMPP_VERSION.V3_0 ? CMPP_VERSION.V2_0 : CMPP_VERSION.V3_0;
  for (const v of [version, other]) {
    try {
      return toCmppReceipt(pdu, v, utcOffsetMinutes);
    } catch {
      // try the other layout
    }
  }
  return undefined;
}

/** Options without the keys set to undefined, so a caller passing `{ window: undefined }` still gets the default. */
function definedOnly<T extends object>(options: T): T {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as T;
}
