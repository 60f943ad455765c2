import { EventEmitter } from 'node:events';
import {
  ConcatenationBuffer,
  SubmitWindow,
  Throttle,
  doublingDelayMs,
  withJitter,
  type InboundMessage,
  type InboundPart,
  type Outstanding,
  type SmppReceipt,
} from '@sms/carrier-protocols';
import { PendingSubmit, type SubmitPartError, type SubmitResult } from './pending-submit';
import { Waiters } from './waiters';

export interface SubmitRequest {
  /** E.164, e.g. +8613800138000. */
  to: string;
  from?: string;
  text: string;
  /** Ask the operator for a delivery receipt per part. Default true. */
  registeredDelivery?: boolean;
}

/** A message from a handset, its parts joined. */
export interface SessionInbound {
  from: string;
  to: string;
  text: string;
  receivedAt: Date;
}

export interface SessionStats {
  up: boolean;
  inFlight: number;
  queued: number;
}

/** The protocol-agnostic settings, each protocol's option names and defaults already applied. */
export interface WindowedSessionSettings {
  /** Submits in flight (sent, not yet answered). */
  window: number;
  /** A login, submit or keep-alive unanswered this long means the link is dead: drop and reconnect. */
  responseTimeoutMs: number;
  /** Idle time after which a keep-alive checks the link. */
  keepAliveMs: number;
  /** Reconnect delay bounds; the delay doubles per failed attempt, with jitter. */
  reconnectBackoffMs: [number, number];
  /** How many times one part is re-sent after a "slow down" answer before reporting it. */
  throttleRetries: number;
  /** The session's own throttle, when no shared one is given: pause bounds and TPS cap. */
  throttleBackoffMs: [number, number];
  maxTps?: number;
  /** A throttle shared by the sessions of one channel. */
  throttle?: Throttle;
  /** How long a concatenated MO may wait for its missing parts. */
  moReassemblyMs: number;
  /** A first login refused is tried again with the reconnect backoff instead of closing the session. */
  retryRefusedLogin: boolean;
}

/** The defaults both protocols give the options behind these settings (the keep-alive's too: 30000). */
export const SESSION_DEFAULTS: Readonly<Pick<WindowedSessionSettings, 'window' | 'responseTimeoutMs' | 'reconnectBackoffMs' | 'throttleRetries' | 'throttleBackoffMs' | 'moReassemblyMs'>> = {
  window: 50,
  responseTimeoutMs: 30_000,
  reconnectBackoffMs: [1_000, 30_000],
  throttleRetries: 5,
  throttleBackoffMs: [100, 5_000],
  moReassemblyMs: 300_000,
};

/** The protocol's words in errors and in the reasons of 'down' and 'reconnecting'. */
export interface SessionWording {
  /** 'SMPP' */
  protocol: string;
  /** The operator's side: 'SMSC', 'ISMG'. */
  peer: string;
  /** "closed before it was …": 'bound', 'connected'. */
  up: string;
  /** "no … within 30000 ms": 'bind answer', 'CONNECT_RESP'. */
  loginAnswer: string;
  /** "… unanswered for 30000 ms": 'enquire_link', 'ACTIVE_TEST'. */
  keepAlive: string;
}

/** What a submit's answer means: accepted, "slow down" (try the part again after a pause), or a refusal to report. */
export type SubmitVerdict = 'ok' | 'throttle' | 'refused';

/** The connection a protocol opens (SmppConnection, CmppLink): it says 'connect', 'pdu', 'error' and 'close'. */
export interface SessionLink<P> {
  on(event: 'connect' | 'close', listener: () => void): unknown;
  on(event: 'pdu', listener: (pdu: P) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  destroy(): void;
}

/** One message part waiting for, or in, the window; `part` is what the protocol writes. */
interface PartJob<Part> {
  part: Part;
  /** 1-based part number. */
  seq: number;
  /** Throttling answers this part has had so far. */
  throttled: number;
  message: PendingSubmit;
}

type State = 'idle' | 'connecting' | 'loggingIn' | 'up' | 'waiting' | 'closing' | 'closed';

/**
 * The machinery an operator session needs whatever its protocol: connect and log in, keep the link alive, reconnect
 * forever with doubling backoff and jitter, window the submits behind a throttle, re-send what had no answer when the
 * link drops (at least once), close by draining the window and saying goodbye. A protocol (SmppSession, CmppSession)
 * supplies the link, its PDUs and what their answers mean, through the abstract hooks below, and calls back the
 * protected methods when its PDUs arrive.
 *
 * Events: 'up', 'down' ({ reason }), 'reconnecting' ({ attempt, delayMs, reason }), 'refused' (the login's error),
 * 'receipt' (SmppReceipt), 'inbound' (SessionInbound), 'throttled' (a submit answered "slow down").
 *
 * L is the link, P the PDUs it delivers, Part what one submit writes.
 */
export abstract class WindowedSession<L extends SessionLink<P>, P, Part> extends EventEmitter {
  private state: State = 'idle';
  private link: L | undefined;
  private everUp = false;
  private attempt = 0;
  /** Why the link is going down, for 'down' and 'reconnecting'; a protocol sets it before dropping a link. */
  protected lastError = '';
  private connectStartedAt = 0;
  private loginSequence = 0;
  private startPromise: Promise<void> | undefined;
  private startSettle: { resolve: () => void; reject: (error: Error) => void } | undefined;

  private readonly window: SubmitWindow<number, PartJob<Part>>;
  private readonly throttle: Throttle;
  private lastReceivedAt = 0;
  private keepAliveSentAt = 0;
  private goodbyeSequence = 0;
  private sweepTimer: NodeJS.Timeout | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private resumeTimer: NodeJS.Timeout | undefined;
  private readonly waiters = new Waiters();
  private readonly concatenated: ConcatenationBuffer;

  constructor(
    private readonly settings: WindowedSessionSettings,
    private readonly wording: SessionWording,
  ) {
    super();
    if (!(settings.window >= 1)) throw new RangeError('window must be at least 1');
    this.window = new SubmitWindow({ size: settings.window, responseTimeoutMs: settings.responseTimeoutMs, onTimeout: this.onSubmitTimeout });
    this.throttle = settings.throttle ?? new Throttle({ tps: settings.maxTps, backoffMs: settings.throttleBackoffMs });
    this.concatenated = new ConcatenationBuffer(settings.moReassemblyMs);
  }

  // ---- what the protocol supplies -----------------------------------------------------------------

  /** A new connection to the operator; it says 'connect' once the socket is up. */
  protected abstract openLink(): L;
  /** Writes the login (bind, CONNECT); its sequence number, or 0 when it could not be written. */
  protected abstract sendLogin(link: L): number;
  /** A PDU on the current link (already counted as traffic for the keep-alive). */
  protected abstract onPdu(link: L, pdu: P): void;
  /** The parts of one message, in order; throws on what cannot be sent. */
  protected abstract submitParts(request: SubmitRequest): Part[];
  /** Writes one part; its sequence number, or undefined when the link is no longer writable. */
  protected abstract writeSubmit(link: L, part: Part): number | undefined;
  /** Writes a keep-alive; false when it could not be written. */
  protected abstract sendKeepAlive(link: L): boolean;
  /** Writes the goodbye (unbind, TERMINATE); its sequence number, or 0 when it could not be written. */
  protected abstract sendGoodbye(link: L): number;
  protected abstract classifySubmit(status: number): SubmitVerdict;
  /** How a refused part is reported. */
  protected abstract submitError(status: number): SubmitPartError;
  protected abstract closedError(message?: string): Error;

  /** An error on the link that costs only its frame (the stream goes on). */
  protected isHarmless(_error: Error): boolean {
    return false;
  }

  /** Asked when the link has closed: true to connect again at once instead of after the backoff. */
  protected reconnectAtOnce(): boolean {
    return false;
  }

  // ---- public API ------------------------------------------------------------------------------------

  get isUp(): boolean {
    return this.state === 'up';
  }

  stats(): SessionStats {
    return { up: this.isUp, inFlight: this.window.inFlight, queued: this.window.queued };
  }

  /**
   * Connects and logs in. Resolves on the first successful login; rejects with the protocol's error if the operator
   * refuses that first one (the session is then closed, unless `retryRefusedLogin`). Connection failures are retried
   * with backoff forever.
   */
  start(): Promise<void> {
    if (this.startPromise) return this.startPromise;
    if (this.state === 'closed') return Promise.reject(this.closedError());
    this.startPromise = new Promise<void>((resolve, reject) => {
      this.startSettle = { resolve, reject };
    });
    this.sweepTimer = setInterval(this.sweep, Math.max(20, Math.min(1_000, this.settings.responseTimeoutMs / 4)));
    this.connect();
    return this.startPromise;
  }

  /** Sends a message, split into concatenated parts when needed; resolves once every part has an answer. */
  submit(request: SubmitRequest): Promise<SubmitResult> {
    if (this.state === 'closing' || this.state === 'closed') return Promise.reject(this.closedError());
    let parts: Part[];
    try {
      parts = this.submitParts(request);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<SubmitResult>((resolve, reject) => {
      const message = new PendingSubmit(parts.length, resolve, reject);
      parts.forEach((part, i) => this.window.enqueue({ part, seq: i + 1, throttled: 0, message }));
      this.pump();
    });
  }

  /** Waits (briefly) for answers to submits in flight, says goodbye and closes; queued submits are rejected. */
  async close(): Promise<void> {
    if (this.state === 'closed') return;
    if (this.state === 'closing') return this.waiters.until(() => this.state === 'closed', Infinity);
    const wasUp = this.state === 'up';
    this.state = 'closing';
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.resumeTimer);
    this.failQueued(this.closedError(`${this.wording.protocol} session closed before the submit was sent`));
    if (wasUp && this.link) {
      const grace = Math.min(this.settings.responseTimeoutMs, 5_000);
      await this.waiters.until(() => this.window.inFlight === 0 || !this.link, grace);
      const link = this.link;
      if (link) {
        const sequence = this.sendGoodbye(link);
        if (sequence) {
          this.goodbyeSequence = sequence;
          await this.waiters.until(() => this.goodbyeSequence === 0 || !this.link, Math.min(grace, 1_000));
        }
      }
    }
    this.finishClose();
  }

  // ---- what the protocol calls when its PDUs arrive ---------------------------------------------------

  /** True (once) when `sequence` answers the login in progress; the protocol then calls loggedIn or loginRefused. */
  protected takeLoginAnswer(sequence: number): boolean {
    if (sequence !== this.loginSequence || this.state !== 'loggingIn') return false;
    this.loginSequence = 0;
    return true;
  }

  protected loggedIn(): void {
    this.state = 'up';
    this.everUp = true;
    this.attempt = 0;
    this.keepAliveSentAt = 0;
    this.emit('up');
    this.startSettle?.resolve();
    this.startSettle = undefined;
    this.pump();
  }

  protected loginRefused(link: L, error: Error): void {
    this.lastError = error.message;
    if (this.listenerCount('refused') > 0) this.emit('refused', error);
    if (!this.everUp) {
      this.startSettle?.reject(error);
      this.startSettle = undefined;
    }
    if (!this.everUp && !this.settings.retryRefusedLogin) {
      // Credentials do not fix themselves: the first login refused is reported, not retried.
      this.state = 'closing';
      this.failQueued(error);
      this.finishClose();
      return;
    }
    link.destroy();
  }

  protected keepAliveAnswered(): void {
    this.keepAliveSentAt = 0;
  }

  protected goodbyeAnswered(sequence: number): void {
    if (sequence === this.goodbyeSequence) this.goodbyeSequence = 0;
    this.waiters.notify();
  }

  /**
   * The answer to a submit: the part is complete, tried again after a pause, or reported refused. Status 0 is
   * "accepted" in both protocols; false when `sequence` is no submit in flight.
   */
  protected submitAnswered(sequence: number, status: number, operatorMessageId: string | undefined): boolean {
    const job = this.window.settle(sequence);
    if (!job) return false;
    const verdict = this.classifySubmit(status);
    // Counted for the channel's health (ADR 0018), whether the part is tried again or reported.
    if (verdict === 'throttle') this.emit('throttled');
    if (verdict === 'ok') {
      this.throttle.recovered();
      job.message.complete({ seq: job.seq, operatorMessageId });
    } else if (verdict === 'throttle' && job.throttled < this.settings.throttleRetries) {
      job.throttled++;
      this.window.requeue([job]);
      // The operator asked us to slow down: the whole session (or channel, when the throttle is shared) pauses.
      this.throttle.backOff();
      this.scheduleResume();
    } else {
      job.message.complete({ seq: job.seq, error: this.submitError(status) });
    }
    this.waiters.notify();
    this.pump();
    return true;
  }

  protected emitReceipt(receipt: SmppReceipt): void {
    this.emitSafely('receipt', receipt);
  }

  /** One part of a message from a handset; 'inbound' once all its parts are in (or the sweep gives up on the rest). */
  protected addInboundPart(part: InboundPart): void {
    const message = this.concatenated.add(part);
    if (message) this.emitSafely('inbound', message);
  }

  // ---- connection lifecycle ---------------------------------------------------------------------------

  private connect(): void {
    this.state = 'connecting';
    this.connectStartedAt = Date.now();
    const link = this.openLink();
    this.link = link;
    link.on('connect', () => this.login(link));
    link.on('pdu', (pdu) => {
      if (link !== this.link) return;
      this.lastReceivedAt = Date.now();
      this.onPdu(link, pdu);
    });
    link.on('error', (error) => {
      if (link !== this.link || this.isHarmless(error)) return;
      this.lastError = error.message;
      // A PDU we cannot read is a peer we cannot trust to be in step: only a fresh connection recovers.
      link.destroy();
    });
    link.on('close', () => this.onClose(link));
  }

  private login(link: L): void {
    if (link !== this.link || this.state !== 'connecting') return;
    this.state = 'loggingIn';
    this.lastReceivedAt = Date.now();
    this.loginSequence = this.sendLogin(link);
  }

  private onClose(link: L): void {
    if (link !== this.link) return;
    this.link = undefined;
    this.loginSequence = 0;
    this.goodbyeSequence = 0;
    this.keepAliveSentAt = 0;
    const wasUp = this.state === 'up';
    // At least once: whatever had no answer goes out again, first, on the next connection.
    this.window.requeue(this.window.abortAll());
    this.waiters.notify();
    if (this.state === 'closing' || this.state === 'closed') return;
    const reason = this.lastError || 'connection closed';
    this.lastError = '';
    if (wasUp) this.emit('down', { reason });
    if (this.reconnectAtOnce()) return this.connect();
    this.scheduleReconnect(reason);
  }

  private scheduleReconnect(reason: string): void {
    this.state = 'waiting';
    const delayMs = withJitter(doublingDelayMs(this.settings.reconnectBackoffMs, this.attempt));
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
    const { protocol, peer, up } = this.wording;
    const error = this.closedError(`${protocol} session closed before the ${peer} answered the submit`);
    for (const job of this.window.abortAll()) job.message.fail(error);
    this.failQueued(error);
    this.startSettle?.reject(this.closedError(`${protocol} session closed before it was ${up}`));
    this.startSettle = undefined;
    for (const message of this.concatenated.expire(Infinity)) this.emitSafely('inbound', message);
    this.waiters.notify();
  }

  /** An unanswered submit means the link is dead: everything in flight goes out again on the next connection. */
  private readonly onSubmitTimeout = (expired: Array<Outstanding<number, PartJob<Part>>>): void => {
    const link = this.link;
    if (this.state !== 'up' || !link) {
      // Closing: the session is about to fail what is left; no link to drop.
      this.window.requeue(expired.map((entry) => entry.item));
      this.waiters.notify();
      return;
    }
    this.window.requeue([...expired.map((entry) => entry.item), ...this.window.abortAll()]);
    this.lastError = `submit unanswered for ${this.settings.responseTimeoutMs} ms`;
    link.destroy();
  };

  /** Periodic check: connects and logins that hang, idle links (keep-alive) and stale MO parts. */
  private readonly sweep = (): void => {
    const now = Date.now();
    const timeout = this.settings.responseTimeoutMs;
    for (const message of this.concatenated.expire(now)) this.emitSafely('inbound', message);
    const link = this.link;
    if (!link) return;
    if ((this.state === 'connecting' || this.state === 'loggingIn') && now - this.connectStartedAt > timeout) {
      this.lastError = `no ${this.state === 'connecting' ? 'connection' : this.wording.loginAnswer} within ${timeout} ms`;
      link.destroy();
      return;
    }
    if (this.state !== 'up') return;
    if (this.keepAliveSentAt) {
      if (now - this.keepAliveSentAt > timeout) {
        this.lastError = `${this.wording.keepAlive} unanswered for ${timeout} ms`;
        link.destroy();
      }
      return;
    }
    if (now - this.lastReceivedAt >= this.settings.keepAliveMs && this.sendKeepAlive(link)) this.keepAliveSentAt = now;
  };

  /** A listener that throws must not break the PDU loop. */
  private emitSafely(event: 'receipt' | 'inbound', payload: SmppReceipt | InboundMessage): void {
    try {
      this.emit(event, payload);
    } catch (error) {
      process.nextTick(() => {
        throw error;
      });
    }
  }

  // ---- submitting -------------------------------------------------------------------------------------

  /** Sends queued parts while the window has room and the throttle allows. */
  private pump(): void {
    const link = this.link;
    if (!link || this.state !== 'up') return;
    this.window.fill((job) => {
      if (!this.throttle.tryTake()) {
        this.scheduleResume();
        return undefined;
      }
      // A failed write means the socket is gone; 'close' follows and re-queues what is in flight.
      return this.writeSubmit(link, job.part);
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
