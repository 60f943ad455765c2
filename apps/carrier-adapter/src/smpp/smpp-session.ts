import { EventEmitter } from 'node:events';
import {
  COMMAND_STATUS,
  ConcatenationBuffer,
  SubmitWindow,
  Throttle,
  commandStatusCode,
  commandStatusName,
  connectSmpp,
  doublingDelayMs,
  encodeDeliverSmResp,
  encodeSubmitSm,
  encodeSubmitSmResp,
  isDeliveryReceipt,
  isHotPdu,
  isThrottlingStatus,
  smpp,
  submitSmFields,
  toInboundPart,
  toReceipt,
  toSmppAddress,
  withJitter,
  type ConcatenationScheme,
  type HotPdu,
  type IncomingMessagePdu,
  type Outstanding,
  type Pdu,
  type SmppConnection,
  type SmppReceipt,
  type SubmitSmFields,
} from '@sms/carrier-protocols';
import { Waiters } from '../session/waiters';
import { PendingSubmit, type SubmitResult } from './pending-submit';
import { SmppBindError, SmppSessionClosedError } from './smpp-errors';

export { SmppBindError, SmppSessionClosedError } from './smpp-errors';
export type { SubmitPartError, SubmitPartResult, SubmitResult } from './pending-submit';
export type { SmppReceipt } from '@sms/carrier-protocols';

export type SmppBindType = 'transceiver' | 'transmitter' | 'receiver';

export interface SmppSessionOptions {
  host: string;
  port: number;
  systemId: string;
  password: string;
  systemType?: string;
  /** Default 'transceiver'. A transmitter gets no receipts or MO; a receiver cannot submit. */
  bindType?: SmppBindType;
  /** Submits in flight (sent, not yet answered). Default 50. */
  window?: number;
  /** Idle time after which an enquire_link checks the link. Default 30000. */
  enquireLinkMs?: number;
  /** Reconnect delay bounds; the delay doubles per failed attempt, with jitter. Default [1000, 30000]. */
  reconnectBackoffMs?: [number, number];
  /** How many times one part is re-sent after ESME_RTHROTTLED before reporting it. Default 5. */
  throttleRetries?: number;
  /** Pause bounds after a throttling answer; doubles while answers keep saying so. Default [100, 5000]. */
  throttleBackoffMs?: [number, number];
  /** Submits per second on this session. Default: no cap. */
  maxTps?: number;
  /**
   * A throttle shared by the sessions of one channel, so its TPS cap and back-off hold for the channel as a whole.
   * When given, `maxTps` and `throttleBackoffMs` are not used.
   */
  throttle?: Throttle;
  /** How the parts of a long message are tied together. Default 'udh8' (8-bit reference UDH). */
  concatenation?: ConcatenationScheme;
  /** A bind, submit or enquire_link unanswered this long means the link is dead: drop and reconnect. Default 30000. */
  responseTimeoutMs?: number;
  /** Default sender when a submit has no `from`. */
  sourceAddr?: string;
  /** How long a concatenated MO may wait for its missing parts. Default 300000. */
  moReassemblyMs?: number;
  /**
   * A refused bind is tried again with the reconnect backoff (an operator may fix the account on its side), instead of
   * closing the session when the first bind is refused. start() still rejects with the first refusal. Default false.
   */
  retryRefusedBind?: boolean;
}

export interface SubmitRequest {
  /** E.164, e.g. +8613800138000. */
  to: string;
  from?: string;
  text: string;
  /** Ask the SMSC for a delivery receipt per part. Default true. */
  registeredDelivery?: boolean;
}

export interface SmppInbound {
  from: string;
  to: string;
  text: string;
  receivedAt: Date;
}

export interface SmppSessionStats {
  up: boolean;
  inFlight: number;
  queued: number;
}

type State = 'idle' | 'connecting' | 'binding' | 'bound' | 'waiting' | 'closing' | 'closed';

type Defaulted = 'bindType' | 'window' | 'enquireLinkMs' | 'reconnectBackoffMs' | 'throttleRetries' | 'throttleBackoffMs' | 'responseTimeoutMs' | 'moReassemblyMs';

/** One message part waiting for, or in, the window. */
interface PartJob {
  fields: SubmitSmFields;
  seq: number;
  /** Throttling answers this part has had so far. */
  throttled: number;
  message: PendingSubmit;
}

/**
 * One SMPP 3.4 ESME session to an SMSC: binds, keeps the link alive, reconnects forever with backoff and
 * windows submits. Delivery is at least once: submits in flight when the link drops are sent again after
 * the next bind, so an SMSC that had accepted one before the drop may see it twice (and send two receipts).
 *
 * The session owns the connection lifecycle; the connection (framing, the hot PDUs' codec), the submit window and
 * the throttle come from @sms/carrier-protocols. Rare PDUs (binds, enquire_link, unbind) are the smpp package's.
 *
 * Events: 'up' (bound), 'down' ({ reason }), 'reconnecting' ({ attempt, delayMs, reason }), 'refused' (SmppBindError),
 * 'receipt' (SmppReceipt), 'inbound' (SmppInbound), 'throttled' (a submit answered 0x58 or 0x14).
 */
export class SmppSession extends EventEmitter {
  private readonly opts: SmppSessionOptions & Required<Pick<SmppSessionOptions, Defaulted>>;
  private state: State = 'idle';
  private lib: SmppConnection | undefined;
  private everBound = false;
  private attempt = 0;
  private lastError = '';
  private connectStartedAt = 0;
  private bindSequence = 0;
  private startPromise: Promise<void> | undefined;
  private startSettle: { resolve: () => void; reject: (error: Error) => void } | undefined;

  private readonly window: SubmitWindow<number, PartJob>;
  private readonly throttle: Throttle;
  /** Concatenation reference counter; the codec takes its low 8 or 16 bits. */
  private reference = Math.floor(Math.random() * 0x10000);

  private lastReceivedAt = 0;
  private enquireSentAt = 0;
  private unbindSequence = 0;
  private sweepTimer: NodeJS.Timeout | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private resumeTimer: NodeJS.Timeout | undefined;
  private readonly waiters = new Waiters();
  private readonly concatenated: ConcatenationBuffer;

  constructor(options: SmppSessionOptions) {
    super();
    this.opts = {
      bindType: 'transceiver',
      window: 50,
      enquireLinkMs: 30_000,
      reconnectBackoffMs: [1_000, 30_000],
      throttleRetries: 5,
      throttleBackoffMs: [100, 5_000],
      responseTimeoutMs: 30_000,
      moReassemblyMs: 300_000,
      ...options,
    };
    if (!(this.opts.window >= 1)) throw new RangeError('window must be at least 1');
    this.window = new SubmitWindow({ size: this.opts.window, responseTimeoutMs: this.opts.responseTimeoutMs, onTimeout: this.onSubmitTimeout });
    this.throttle = options.throttle ?? new Throttle({ tps: this.opts.maxTps, backoffMs: this.opts.throttleBackoffMs });
    this.concatenated = new ConcatenationBuffer(this.opts.moReassemblyMs);
  }

  get isUp(): boolean {
    return this.state === 'bound';
  }

  stats(): SmppSessionStats {
    return { up: this.isUp, inFlight: this.window.inFlight, queued: this.window.queued };
  }

  /**
   * Connects and binds. Resolves on the first successful bind; rejects with SmppBindError if the SMSC refuses
   * that first bind (the session is then closed). Connection failures are retried with backoff forever.
   */
  start(): Promise<void> {
    if (this.startPromise) return this.startPromise;
    if (this.state === 'closed') return Promise.reject(new SmppSessionClosedError());
    this.startPromise = new Promise<void>((resolve, reject) => {
      this.startSettle = { resolve, reject };
    });
    this.sweepTimer = setInterval(this.sweep, Math.max(20, Math.min(1_000, this.opts.responseTimeoutMs / 4)));
    this.connect();
    return this.startPromise;
  }

  /** Sends a message, split into concatenated parts when needed; resolves once every part has an answer. */
  submit(request: SubmitRequest): Promise<SubmitResult> {
    if (this.state === 'closing' || this.state === 'closed') return Promise.reject(new SmppSessionClosedError());
    if (this.opts.bindType === 'receiver') return Promise.reject(new Error('a receiver session cannot submit'));
    let parts: SubmitSmFields[];
    try {
      parts = submitSmFields({
        source: toSmppAddress(request.from ?? this.opts.sourceAddr ?? ''),
        destination: toSmppAddress(request.to),
        text: request.text,
        registeredDelivery: request.registeredDelivery !== false,
        serviceType: this.opts.systemType ?? '',
        concatenation: this.opts.concatenation,
        reference: () => (this.reference = (this.reference + 1) & 0xffff),
      });
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<SubmitResult>((resolve, reject) => {
      const message = new PendingSubmit(parts.length, resolve, reject);
      parts.forEach((fields, i) => this.window.enqueue({ fields, seq: i + 1, throttled: 0, message }));
      this.pump();
    });
  }

  /** Waits (briefly) for answers to submits in flight, unbinds and closes; queued submits are rejected. */
  async close(): Promise<void> {
    if (this.state === 'closed') return;
    if (this.state === 'closing') return this.waiters.until(() => this.state === 'closed', Infinity);
    const wasBound = this.state === 'bound';
    this.state = 'closing';
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.resumeTimer);
    this.failQueued(new SmppSessionClosedError('SMPP session closed before the submit was sent'));
    if (wasBound && this.lib) {
      const grace = Math.min(this.opts.responseTimeoutMs, 5_000);
      await this.waiters.until(() => this.window.inFlight === 0 || !this.lib, grace);
      const lib = this.lib;
      if (lib) {
        const unbind = new smpp.PDU('unbind');
        if (lib.send(unbind)) {
          this.unbindSequence = unbind.sequence_number;
          await this.waiters.until(() => this.unbindSequence === 0 || !this.lib, Math.min(grace, 1_000));
        }
      }
    }
    this.finishClose();
  }

  // ---- connection lifecycle ----------------------------------------------------------------------

  private connect(): void {
    this.state = 'connecting';
    this.connectStartedAt = Date.now();
    const lib = connectSmpp({ host: this.opts.host, port: this.opts.port });
    this.lib = lib;
    lib.on('connect', () => this.bind(lib));
    lib.on('pdu', (pdu) => this.onPdu(lib, pdu));
    lib.on('error', (error: Error) => {
      this.lastError = error.message;
      // A PDU we cannot read is an SMSC we cannot trust to be in step: only a fresh connection recovers.
      lib.destroy();
    });
    lib.on('close', () => this.onClose(lib));
  }

  private bind(lib: SmppConnection): void {
    if (lib !== this.lib || this.state !== 'connecting') return;
    this.state = 'binding';
    this.lastReceivedAt = Date.now();
    const pdu = new smpp.PDU(`bind_${this.opts.bindType}`, {
      system_id: this.opts.systemId,
      password: this.opts.password,
      system_type: this.opts.systemType ?? '',
      interface_version: 0x34,
    });
    if (lib.send(pdu)) this.bindSequence = pdu.sequence_number;
  }

  private onBound(): void {
    this.state = 'bound';
    this.everBound = true;
    this.attempt = 0;
    this.enquireSentAt = 0;
    this.emit('up');
    this.startSettle?.resolve();
    this.startSettle = undefined;
    this.pump();
  }

  private onBindRefused(lib: SmppConnection, status: number): void {
    const error = new SmppBindError(status);
    this.lastError = error.message;
    if (this.listenerCount('refused') > 0) this.emit('refused', error);
    if (!this.everBound) {
      this.startSettle?.reject(error);
      this.startSettle = undefined;
    }
    if (!this.everBound && !this.opts.retryRefusedBind) {
      // Credentials do not fix themselves: the first bind failing is reported, not retried.
      this.state = 'closing';
      this.failQueued(error);
      this.finishClose();
      return;
    }
    lib.destroy();
  }

  private onClose(lib: SmppConnection): void {
    if (lib !== this.lib) return;
    this.lib = undefined;
    this.bindSequence = 0;
    this.unbindSequence = 0;
    const wasUp = this.state === 'bound';
    // At least once: whatever had no answer goes out again, first, after the next bind.
    this.window.requeue(this.window.abortAll());
    this.waiters.notify();
    if (this.state === 'closing' || this.state === 'closed') return;
    const reason = this.lastError || 'connection closed';
    this.lastError = '';
    if (wasUp) this.emit('down', { reason });
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
    const lib = this.lib;
    this.lib = undefined;
    lib?.destroy();
    const error = new SmppSessionClosedError('SMPP session closed before the SMSC answered the submit');
    for (const job of this.window.abortAll()) job.message.fail(error);
    this.failQueued(error);
    this.startSettle?.reject(new SmppSessionClosedError('SMPP session closed before it was bound'));
    this.startSettle = undefined;
    for (const message of this.concatenated.expire(Infinity)) this.emitSafely('inbound', message);
    this.waiters.notify();
  }

  /** An unanswered submit means the link is dead: everything in flight goes out again after the next bind. */
  private readonly onSubmitTimeout = (expired: Array<Outstanding<number, PartJob>>): void => {
    const lib = this.lib;
    if (this.state !== 'bound' || !lib) {
      // Closing: the session is about to fail what is left; no link to drop.
      this.window.requeue(expired.map((entry) => entry.item));
      this.waiters.notify();
      return;
    }
    this.window.requeue([...expired.map((entry) => entry.item), ...this.window.abortAll()]);
    this.lastError = `submit unanswered for ${this.opts.responseTimeoutMs} ms`;
    lib.destroy();
  };

  /** Periodic check: connects and binds that hang, idle links (enquire_link) and stale MO parts. */
  private readonly sweep = (): void => {
    const now = Date.now();
    const timeout = this.opts.responseTimeoutMs;
    for (const message of this.concatenated.expire(now)) this.emitSafely('inbound', message);
    const lib = this.lib;
    if (!lib) return;
    if ((this.state === 'connecting' || this.state === 'binding') && now - this.connectStartedAt > timeout) {
      this.lastError = `no ${this.state === 'connecting' ? 'connection' : 'bind answer'} within ${timeout} ms`;
      lib.destroy();
      return;
    }
    if (this.state !== 'bound') return;
    if (this.enquireSentAt) {
      if (now - this.enquireSentAt > timeout) {
        this.lastError = `enquire_link unanswered for ${timeout} ms`;
        lib.destroy();
      }
      return;
    }
    if (now - this.lastReceivedAt >= this.opts.enquireLinkMs) {
      if (lib.send(new smpp.PDU('enquire_link'))) this.enquireSentAt = now;
    }
  };

  // ---- incoming PDUs -----------------------------------------------------------------------------

  private onPdu(lib: SmppConnection, pdu: HotPdu | Pdu): void {
    if (lib !== this.lib) return;
    this.lastReceivedAt = Date.now();
    if (isHotPdu(pdu)) {
      switch (pdu.command) {
        case 'submit_sm_resp':
          return this.onSubmitResponse(pdu.sequence_number, pdu.command_status, pdu.message_id);
        case 'deliver_sm':
          // Answer first: an SMSC re-sends unanswered deliver_sm, and what we do with it cannot fail the SMSC.
          lib.write(encodeDeliverSmResp(pdu.sequence_number));
          return this.onDeliver(pdu);
        case 'submit_sm':
          // Not something an ESME serves.
          lib.write(encodeSubmitSmResp(pdu.sequence_number, COMMAND_STATUS.INVALID_COMMAND, ''));
          return;
        default:
          return; // a deliver_sm_resp we never asked for
      }
    }
    switch (pdu.command) {
      case 'data_sm':
        lib.send(pdu.response());
        return this.onDeliver(pdu);
      case 'enquire_link_resp':
        this.enquireSentAt = 0;
        return;
      case 'enquire_link':
        lib.send(pdu.response());
        return;
      case 'generic_nack':
        if (this.window.isOutstanding(pdu.sequence_number)) this.onSubmitResponse(pdu.sequence_number, pdu.command_status || COMMAND_STATUS.SYSTEM_ERROR, undefined);
        else if (pdu.sequence_number === this.bindSequence) this.onBindRefused(lib, pdu.command_status || COMMAND_STATUS.BIND_FAILED);
        return;
      case 'unbind':
        // The SMSC is going away (maintenance, overload): answer, then reconnect with backoff.
        this.lastError = 'unbound by the SMSC';
        lib.send(pdu.response(), () => lib.destroy());
        return;
      case 'unbind_resp':
        if (pdu.sequence_number === this.unbindSequence) this.unbindSequence = 0;
        this.waiters.notify();
        return;
      case 'bind_transceiver_resp':
      case 'bind_transmitter_resp':
      case 'bind_receiver_resp':
        if (pdu.sequence_number !== this.bindSequence || this.state !== 'binding') return;
        this.bindSequence = 0;
        if (pdu.command_status === COMMAND_STATUS.OK) this.onBound();
        else this.onBindRefused(lib, pdu.command_status);
        return;
      default:
        if (pdu.command === 'unknown') lib.send(pdu.response());
        else if (!pdu.isResponse() && smpp.commands[`${pdu.command}_resp`]) {
          // Not something an ESME serves.
          lib.send(pdu.response({ command_status: COMMAND_STATUS.INVALID_COMMAND }));
        }
    }
  }

  private onSubmitResponse(sequence: number, status: number, messageId: unknown): void {
    const job = this.window.settle(sequence);
    if (!job) return;
    // Counted for the channel's health (ADR 0018), whether the part is tried again or reported.
    if (isThrottlingStatus(status)) this.emit('throttled');
    if (status === COMMAND_STATUS.OK) {
      this.throttle.recovered();
      job.message.complete({ seq: job.seq, operatorMessageId: typeof messageId === 'string' && messageId ? messageId : undefined });
    } else if (isThrottlingStatus(status) && job.throttled < this.opts.throttleRetries) {
      job.throttled++;
      this.window.requeue([job]);
      // The SMSC asked us to slow down: the whole session (or channel, when the throttle is shared) pauses.
      this.throttle.backOff();
      this.scheduleResume();
    } else {
      job.message.complete({ seq: job.seq, error: { commandStatus: status, code: commandStatusCode(status), detail: commandStatusName(status) } });
    }
    this.waiters.notify();
    this.pump();
  }

  /** A deliver_sm or data_sm, already answered: a receipt, or a part of a message from a handset. */
  private onDeliver(pdu: IncomingMessagePdu): void {
    if (isDeliveryReceipt(pdu)) {
      const receipt = toReceipt(pdu);
      if (receipt) this.emitSafely('receipt', receipt);
      return;
    }
    const message = this.concatenated.add(toInboundPart(pdu, new Date()));
    if (message) this.emitSafely('inbound', message);
  }

  /** A listener that throws must not break the PDU loop of the smpp package. */
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

  /** Sends queued parts while the window has room and the throttle allows. */
  private pump(): void {
    const lib = this.lib;
    if (!lib || this.state !== 'bound') return;
    this.window.fill((job) => {
      if (!this.throttle.tryTake()) {
        this.scheduleResume();
        return undefined;
      }
      const sequence = lib.nextSequence();
      // A failed write means the socket is gone; 'close' follows and re-queues what is in flight.
      return lib.write(encodeSubmitSm(sequence, job.fields)) ? sequence : undefined;
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
