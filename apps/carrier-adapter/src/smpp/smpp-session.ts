import { EventEmitter } from 'node:events';
import {
  concatenationUdh,
  decodeGsm7Unpacked,
  decodeUcs2,
  encodeGsm7Unpacked,
  encodeUcs2,
  messageStateStat,
  messageStateStatus,
  parseDeliveryReceipt,
  receiptStatus,
  segmentText,
  type ReceiptStatus,
} from '@sms/sms';
import { ConcatenationBuffer, type Concatenation } from './concatenation-buffer';
import { fromSmppAddress, toSmppAddress } from './smpp-address';
import { commandStatusName, smpp, type LibSession, type Pdu } from './smpp-lib';

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
  /** A bind, submit or enquire_link unanswered this long means the link is dead: drop and reconnect. Default 30000. */
  responseTimeoutMs?: number;
  /** Default sender when a submit has no `from`. */
  sourceAddr?: string;
  /** How long a concatenated MO may wait for its missing parts. Default 300000. */
  moReassemblyMs?: number;
}

export interface SubmitRequest {
  /** E.164, e.g. +8613800138000. */
  to: string;
  from?: string;
  text: string;
  /** Ask the SMSC for a delivery receipt per part. Default true. */
  registeredDelivery?: boolean;
}

export interface SubmitPartError {
  commandStatus: number;
  /** `SMPP_0x45` */
  code: string;
  detail: string;
}

export interface SubmitPartResult {
  /** 1-based part number. */
  seq: number;
  operatorMessageId?: string;
  error?: SubmitPartError;
}

export interface SubmitResult {
  parts: SubmitPartResult[];
}

export interface SmppReceipt {
  operatorMessageId: string;
  status: ReceiptStatus;
  stat: string;
  err: string;
  submitDate?: Date;
  doneDate?: Date;
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

/** A submit could not complete because the session was closed (or never bound). */
export class SmppSessionClosedError extends Error {
  readonly code = 'SMPP_SESSION_CLOSED';
  constructor(message = 'SMPP session is closed') {
    super(message);
    this.name = 'SmppSessionClosedError';
  }
}

/** The SMSC refused the bind (wrong system_id/password, not allowed, already bound). */
export class SmppBindError extends Error {
  readonly code: string;
  constructor(readonly commandStatus: number) {
    super(`SMPP bind refused: ${commandStatusName(commandStatus)} (0x${commandStatus.toString(16).padStart(2, '0')})`);
    this.name = 'SmppBindError';
    this.code = statusCode(commandStatus);
  }
}

const STATUS_OK = 0x00;
const STATUS_MESSAGE_QUEUE_FULL = 0x14;
const STATUS_THROTTLED = 0x58;
const ESM_UDHI = 0x40;
const ESM_DELIVERY_RECEIPT = 0x04;
const ESM_INTERMEDIATE_NOTIFICATION = 0x20;
const DATA_CODING_GSM7 = 0x00;
const DATA_CODING_UCS2 = 0x08;

type State = 'idle' | 'connecting' | 'binding' | 'bound' | 'waiting' | 'closing' | 'closed';

interface PartJob {
  fields: Record<string, unknown>;
  seq: number;
  throttled: number;
  sentAt: number;
  message: MessageJob;
}

interface MessageJob {
  results: SubmitPartResult[];
  remaining: number;
  settled: boolean;
  resolve: (result: SubmitResult) => void;
  reject: (error: Error) => void;
}

/**
 * One SMPP 3.4 ESME session to an SMSC: binds, keeps the link alive, reconnects forever with backoff and
 * windows submits. Delivery is at least once: submits in flight when the link drops are sent again after
 * the next bind, so an SMSC that had accepted one before the drop may see it twice (and send two receipts).
 *
 * Events: 'up' (bound), 'down' ({ reason }), 'reconnecting' ({ attempt, delayMs, reason }),
 * 'receipt' (SmppReceipt), 'inbound' (SmppInbound).
 */
export class SmppSession extends EventEmitter {
  private readonly opts: Required<Omit<SmppSessionOptions, 'systemType' | 'sourceAddr'>> & Pick<SmppSessionOptions, 'systemType' | 'sourceAddr'>;
  private state: State = 'idle';
  private lib: LibSession | undefined;
  private everBound = false;
  private attempt = 0;
  private lastError = '';
  private connectStartedAt = 0;
  private bindSequence = 0;
  private startPromise: Promise<void> | undefined;
  private startSettle: { resolve: () => void; reject: (error: Error) => void } | undefined;

  private queue: PartJob[] = [];
  private queueHead = 0;
  private readonly inFlight = new Map<number, PartJob>();
  private throttledUntil = 0;
  private consecutiveThrottles = 0;
  private reference = Math.floor(Math.random() * 256);
  private corked = false;

  private lastReceivedAt = 0;
  private enquireSentAt = 0;
  private unbindSequence = 0;
  private sweepTimer: NodeJS.Timeout | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private resumeTimer: NodeJS.Timeout | undefined;
  private readonly waiters = new Set<(force?: boolean) => void>();
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
    this.concatenated = new ConcatenationBuffer(this.opts.moReassemblyMs);
  }

  get isUp(): boolean {
    return this.state === 'bound';
  }

  stats(): SmppSessionStats {
    return { up: this.isUp, inFlight: this.inFlight.size, queued: this.queue.length - this.queueHead };
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
    let parts: Array<Record<string, unknown>>;
    try {
      parts = this.buildParts(request);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<SubmitResult>((resolve, reject) => {
      const message: MessageJob = { results: new Array(parts.length), remaining: parts.length, settled: false, resolve, reject };
      parts.forEach((fields, i) => this.queue.push({ fields, seq: i + 1, throttled: 0, sentAt: 0, message }));
      this.pump();
    });
  }

  /** Waits (briefly) for answers to submits in flight, unbinds and closes; queued submits are rejected. */
  async close(): Promise<void> {
    if (this.state === 'closed') return;
    if (this.state === 'closing') return this.waitUntil(() => this.state === 'closed', Infinity);
    const wasBound = this.state === 'bound';
    this.state = 'closing';
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.resumeTimer);
    this.rejectQueued(new SmppSessionClosedError('SMPP session closed before the submit was sent'));
    if (wasBound && this.lib) {
      const grace = Math.min(this.opts.responseTimeoutMs, 5_000);
      await this.waitUntil(() => this.inFlight.size === 0 || !this.lib, grace);
      const lib = this.lib;
      if (lib) {
        const unbind = new smpp.PDU('unbind');
        if (lib.send(unbind)) {
          this.unbindSequence = unbind.sequence_number;
          await this.waitUntil(() => this.unbindSequence === 0 || !this.lib, Math.min(grace, 1_000));
        }
      }
    }
    this.finishClose();
  }

  // ---- connection lifecycle ----------------------------------------------------------------------

  private connect(): void {
    this.state = 'connecting';
    this.connectStartedAt = Date.now();
    const lib = smpp.connect({ host: this.opts.host, port: this.opts.port });
    this.lib = lib;
    lib.socket.setNoDelay(true);
    lib.on('connect', () => this.bind(lib));
    lib.on('pdu', (pdu: Pdu) => this.onPdu(lib, pdu));
    lib.on('error', (error: Error) => {
      this.lastError = error.message;
      // The smpp package stops reading after a framing error; only a fresh connection recovers.
      lib.destroy();
    });
    lib.on('close', () => this.onClose(lib));
  }

  private bind(lib: LibSession): void {
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

  private onBindRefused(lib: LibSession, status: number): void {
    const error = new SmppBindError(status);
    this.lastError = error.message;
    if (!this.everBound) {
      // Credentials do not fix themselves: the first bind failing is reported, not retried.
      this.startSettle?.reject(error);
      this.startSettle = undefined;
      this.state = 'closing';
      this.rejectQueued(error);
      this.finishClose();
      return;
    }
    lib.destroy();
  }

  private onClose(lib: LibSession): void {
    if (lib !== this.lib) return;
    this.lib = undefined;
    this.bindSequence = 0;
    this.unbindSequence = 0;
    this.corked = false;
    const wasUp = this.state === 'bound';
    // At least once: whatever had no answer goes out again, first, after the next bind.
    if (this.inFlight.size > 0) {
      const unanswered = [...this.inFlight.values()];
      this.inFlight.clear();
      this.queue = unanswered.concat(this.queue.slice(this.queueHead));
      this.queueHead = 0;
    }
    this.notify();
    if (this.state === 'closing' || this.state === 'closed') return;
    const reason = this.lastError || 'connection closed';
    this.lastError = '';
    if (wasUp) this.emit('down', { reason });
    this.scheduleReconnect(reason);
  }

  private scheduleReconnect(reason: string): void {
    this.state = 'waiting';
    const [min, max] = this.opts.reconnectBackoffMs;
    const ceiling = Math.min(max, min * 2 ** Math.min(this.attempt, 20));
    const delayMs = Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
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
    const unanswered = [...this.inFlight.values()];
    this.inFlight.clear();
    const error = new SmppSessionClosedError('SMPP session closed before the SMSC answered the submit');
    for (const job of unanswered) this.failMessage(job.message, error);
    this.rejectQueued(error);
    this.startSettle?.reject(new SmppSessionClosedError('SMPP session closed before it was bound'));
    this.startSettle = undefined;
    for (const message of this.concatenated.expire(Infinity)) this.emitSafely('inbound', message);
    this.notify();
  }

  /** Periodic check: dead links (unanswered PDUs), idle links (enquire_link) and stale MO parts. */
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
    const oldest = this.inFlight.values().next();
    if (!oldest.done && now - oldest.value.sentAt > timeout) {
      this.lastError = `submit unanswered for ${timeout} ms`;
      lib.destroy();
      return;
    }
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

  private onPdu(lib: LibSession, pdu: Pdu): void {
    if (lib !== this.lib) return;
    this.lastReceivedAt = Date.now();
    switch (pdu.command) {
      case 'submit_sm_resp':
        return this.onSubmitResponse(pdu.sequence_number, pdu.command_status, pdu.message_id);
      case 'deliver_sm':
      case 'data_sm':
        return this.onDeliver(lib, pdu);
      case 'enquire_link_resp':
        this.enquireSentAt = 0;
        return;
      case 'enquire_link':
        this.write(lib, pdu.response());
        return;
      case 'generic_nack':
        if (this.inFlight.has(pdu.sequence_number)) this.onSubmitResponse(pdu.sequence_number, pdu.command_status || 0x08, undefined);
        else if (pdu.sequence_number === this.bindSequence) this.onBindRefused(lib, pdu.command_status || 0x0d);
        return;
      case 'unbind':
        // The SMSC is going away (maintenance, overload): answer, then reconnect with backoff.
        this.lastError = 'unbound by the SMSC';
        this.write(lib, pdu.response(), () => lib.destroy());
        return;
      case 'unbind_resp':
        if (pdu.sequence_number === this.unbindSequence) this.unbindSequence = 0;
        this.notify();
        return;
      case 'bind_transceiver_resp':
      case 'bind_transmitter_resp':
      case 'bind_receiver_resp':
        if (pdu.sequence_number !== this.bindSequence || this.state !== 'binding') return;
        this.bindSequence = 0;
        if (pdu.command_status === STATUS_OK) this.onBound();
        else this.onBindRefused(lib, pdu.command_status);
        return;
      default:
        if (pdu.command === 'unknown') this.write(lib, pdu.response());
        else if (!pdu.isResponse() && smpp.commands[`${pdu.command}_resp`]) {
          this.write(lib, pdu.response({ command_status: 0x03 })); // ESME_RINVCMDID: not something an ESME serves
        }
    }
  }

  private onSubmitResponse(sequence: number, status: number, messageId: unknown): void {
    const job = this.inFlight.get(sequence);
    if (!job) return;
    this.inFlight.delete(sequence);
    if (status === STATUS_OK) {
      this.consecutiveThrottles = 0;
      this.completePart(job, { seq: job.seq, operatorMessageId: typeof messageId === 'string' && messageId ? messageId : undefined });
    } else if ((status === STATUS_THROTTLED || status === STATUS_MESSAGE_QUEUE_FULL) && job.throttled < this.opts.throttleRetries) {
      job.throttled++;
      this.queue.splice(this.queueHead, 0, job);
      this.throttle();
    } else {
      this.completePart(job, { seq: job.seq, error: { commandStatus: status, code: statusCode(status), detail: commandStatusName(status) } });
    }
    this.notify();
    this.pump();
  }

  /** The SMSC asked us to slow down: the whole session pauses, not just the refused part. */
  private throttle(): void {
    this.consecutiveThrottles++;
    const [min, max] = this.opts.throttleBackoffMs;
    const delay = Math.min(max, min * 2 ** Math.min(this.consecutiveThrottles - 1, 20));
    this.throttledUntil = Math.max(this.throttledUntil, Date.now() + delay);
    this.scheduleResume();
  }

  /** One timer for the pause; if it fires a little early, pump() simply asks for another. */
  private scheduleResume(): void {
    if (this.resumeTimer) return;
    this.resumeTimer = setTimeout(
      () => {
        this.resumeTimer = undefined;
        this.pump();
      },
      Math.max(1, this.throttledUntil - Date.now()),
    );
  }

  private onDeliver(lib: LibSession, pdu: Pdu): void {
    // Answer first: an SMSC re-sends unanswered deliver_sm, and what we do with it cannot fail the SMSC.
    this.write(lib, pdu.response());
    const esmClass: number = pdu.esm_class ?? 0;
    const isReceipt =
      (esmClass & ESM_DELIVERY_RECEIPT) !== 0 || (esmClass & ESM_INTERMEDIATE_NOTIFICATION) !== 0 || pdu.receipted_message_id !== undefined;
    if (isReceipt) {
      const receipt = toReceipt(pdu);
      if (receipt) this.emitSafely('receipt', receipt);
      return;
    }
    const content = messageContent(pdu);
    const message = this.concatenated.add({
      from: fromSmppAddress(String(pdu.source_addr ?? ''), pdu.source_addr_ton),
      to: fromSmppAddress(String(pdu.destination_addr ?? ''), pdu.dest_addr_ton),
      text: content.text,
      receivedAt: new Date(),
      concat: content.concat,
    });
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

  private buildParts(request: SubmitRequest): Array<Record<string, unknown>> {
    const destination = toSmppAddress(request.to);
    if (!destination.addr) throw new RangeError('submit needs a destination number');
    const source = toSmppAddress(request.from ?? this.opts.sourceAddr ?? '');
    const segmentation = segmentText(request.text);
    const ucs2 = segmentation.encoding === 'ucs2';
    const multipart = segmentation.count > 1;
    const ref = multipart ? (this.reference = (this.reference + 1) & 0xff) : 0;
    const registeredDelivery = request.registeredDelivery === false ? 0 : 1;
    return segmentation.segments.map((segment, i) => {
      const body = ucs2 ? encodeUcs2(segment) : encodeGsm7Unpacked(segment);
      return {
        service_type: this.opts.systemType ?? '',
        source_addr_ton: source.ton,
        source_addr_npi: source.npi,
        source_addr: source.addr,
        dest_addr_ton: destination.ton,
        dest_addr_npi: destination.npi,
        destination_addr: destination.addr,
        esm_class: multipart ? ESM_UDHI : 0,
        registered_delivery: registeredDelivery,
        data_coding: ucs2 ? DATA_CODING_UCS2 : DATA_CODING_GSM7,
        // Encoded here, not by the smpp package, so GSM-7 and UCS-2 follow our codec exactly.
        short_message: multipart ? Buffer.concat([concatenationUdh(ref, segmentation.count, i + 1), body]) : body,
      };
    });
  }

  /** Sends queued parts while the window has room. */
  private pump(): void {
    const lib = this.lib;
    if (!lib || this.state !== 'bound') return;
    const now = Date.now();
    if (now < this.throttledUntil) {
      this.scheduleResume();
      return;
    }
    const window = this.opts.window;
    while (this.inFlight.size < window && this.queueHead < this.queue.length) {
      const job = this.queue[this.queueHead];
      if (job.message.settled) {
        this.dequeue();
        continue;
      }
      const pdu = new smpp.PDU('submit_sm', job.fields);
      if (!this.write(lib, pdu)) return; // socket gone; 'close' will follow and requeue
      this.dequeue();
      job.sentAt = now;
      this.inFlight.set(pdu.sequence_number, job);
    }
    if (this.queueHead === this.queue.length) {
      this.queue = [];
      this.queueHead = 0;
    }
  }

  private dequeue(): void {
    this.queue[this.queueHead++] = undefined as never;
    if (this.queueHead > 4096 && this.queueHead * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.queueHead);
      this.queueHead = 0;
    }
  }

  private completePart(job: PartJob, result: SubmitPartResult): void {
    const message = job.message;
    if (message.settled) return;
    message.results[job.seq - 1] = result;
    if (--message.remaining === 0) {
      message.settled = true;
      message.resolve({ parts: message.results });
    }
  }

  private failMessage(message: MessageJob, error: Error): void {
    if (message.settled) return;
    message.settled = true;
    message.reject(error);
  }

  private rejectQueued(error: Error): void {
    for (let i = this.queueHead; i < this.queue.length; i++) this.failMessage(this.queue[i].message, error);
    this.queue = [];
    this.queueHead = 0;
  }

  /** Writes one PDU, corking the socket until the end of this tick so a burst leaves in few syscalls. */
  private write(lib: LibSession, pdu: Pdu, onSent?: () => void): boolean {
    if (!this.corked) {
      this.corked = true;
      const socket = lib.socket;
      socket.cork();
      process.nextTick(() => {
        this.corked = false;
        socket.uncork();
      });
    }
    return lib.send(pdu, undefined, onSent ? () => onSent() : undefined);
  }

  /** Resolves when `done()` holds (re-checked on every notify) or after the timeout, whichever is first. */
  private waitUntil(done: () => boolean, timeoutMs: number): Promise<void> {
    if (done()) return Promise.resolve();
    return new Promise<void>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const check = (force = false) => {
        if (!force && !done()) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      if (Number.isFinite(timeoutMs)) timer = setTimeout(() => check(true), timeoutMs);
      this.waiters.add(check);
    });
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

function statusCode(status: number): string {
  return `SMPP_0x${status.toString(16).toUpperCase().padStart(2, '0')}`;
}

/** Receipt fields from the TLVs when present, else from the standard receipt text. */
function toReceipt(pdu: Pdu): SmppReceipt | undefined {
  const parsed = parseDeliveryReceipt(messageContent(pdu).text);
  const tlvId = pdu.receipted_message_id;
  const operatorMessageId = typeof tlvId === 'string' && tlvId ? tlvId : parsed?.id;
  if (!operatorMessageId) return undefined; // nothing to correlate it with
  const state: unknown = pdu.message_state;
  const hasState = typeof state === 'number';
  const stat = hasState ? messageStateStat(state) : (parsed?.stat ?? 'UNKNOWN');
  const status = hasState ? messageStateStatus(state) : receiptStatus(stat);
  return {
    operatorMessageId,
    status,
    stat,
    err: networkErrorCode(pdu.network_error_code) ?? parsed?.err ?? '',
    submitDate: parsed?.submitDate,
    doneDate: parsed?.doneDate,
  };
}

/** network_error_code TLV: network type (1 octet) + error code (2 octets); we keep the code, padded like `err:`. */
function networkErrorCode(value: unknown): string | undefined {
  if (!Buffer.isBuffer(value) || value.length < 3) return undefined;
  return String(value.readUInt16BE(1)).padStart(3, '0');
}

/** Text and concatenation info of a deliver_sm/data_sm (short_message, or message_payload when that is empty). */
function messageContent(pdu: Pdu): { text: string; concat?: Concatenation } {
  const short = pdu.short_message;
  const value = short && short.message && short.message.length > 0 ? short : (pdu.message_payload ?? short);
  const text = value ? decodeText(value.message, pdu.data_coding ?? 0) : '';
  return { text, concat: udhConcatenation(value?.udh) ?? sarConcatenation(pdu) };
}

/** The smpp package decodes GSM/Latin-1/UCS-2 itself; other data codings arrive as bytes. */
function decodeText(message: unknown, dataCoding: number): string {
  if (typeof message === 'string') return message;
  if (!Buffer.isBuffer(message)) return '';
  if ((dataCoding & 0x0f) === DATA_CODING_UCS2) return decodeUcs2(message);
  if ((dataCoding & 0x0f) === DATA_CODING_GSM7) return decodeGsm7Unpacked(message);
  return message.toString('latin1');
}

function udhConcatenation(udh: unknown): Concatenation | undefined {
  if (!Array.isArray(udh)) return undefined;
  for (const ie of udh as Buffer[]) {
    if (ie[0] === 0x00 && ie[1] === 3) return { ref: ie[2], total: ie[3], seq: ie[4] };
    if (ie[0] === 0x08 && ie[1] === 4) return { ref: ie.readUInt16BE(2), total: ie[4], seq: ie[5] };
  }
  return undefined;
}

function sarConcatenation(pdu: Pdu): Concatenation | undefined {
  if (typeof pdu.sar_msg_ref_num !== 'number' || typeof pdu.sar_total_segments !== 'number' || typeof pdu.sar_segment_seqnum !== 'number') {
    return undefined;
  }
  return { ref: pdu.sar_msg_ref_num, total: pdu.sar_total_segments, seq: pdu.sar_segment_seqnum };
}
