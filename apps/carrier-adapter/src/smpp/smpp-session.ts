import {
  COMMAND_STATUS,
  commandStatusCode,
  commandStatusName,
  connectSmpp,
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
  type ConcatenationScheme,
  type HotPdu,
  type IncomingMessagePdu,
  type Pdu,
  type SmppConnection,
  type SubmitSmFields,
  type Throttle,
} from '@sms/carrier-protocols';
import type { SubmitPartError } from '../session/pending-submit';
import { SESSION_DEFAULTS, WindowedSession, type SessionInbound, type SessionStats, type SessionWording, type SubmitRequest, type SubmitVerdict } from '../session/windowed-session';
import { SmppBindError, SmppSessionClosedError } from './smpp-errors';

export { SmppBindError, SmppSessionClosedError } from './smpp-errors';
export type { SubmitPartError, SubmitPartResult, SubmitResult } from '../session/pending-submit';
export type { SubmitRequest } from '../session/windowed-session';
export type { SmppReceipt } from '@sms/carrier-protocols';
export type SmppInbound = SessionInbound;
export type SmppSessionStats = SessionStats;

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

type Defaulted = 'bindType' | 'window' | 'enquireLinkMs' | 'reconnectBackoffMs' | 'throttleRetries' | 'throttleBackoffMs' | 'responseTimeoutMs' | 'moReassemblyMs';

const WORDING: SessionWording = { protocol: 'SMPP', peer: 'SMSC', up: 'bound', loginAnswer: 'bind answer', keepAlive: 'enquire_link' };

/**
 * One SMPP 3.4 ESME session to an SMSC: binds, keeps the link alive, reconnects forever with backoff and
 * windows submits. Delivery is at least once: submits in flight when the link drops are sent again after
 * the next bind, so an SMSC that had accepted one before the drop may see it twice (and send two receipts).
 *
 * The lifecycle, window, throttle and reconnect are `WindowedSession`'s; this class is the SMPP in it. The connection
 * (framing, the hot PDUs' codec) comes from @sms/carrier-protocols; rare PDUs (binds, enquire_link, unbind) are the
 * smpp package's.
 *
 * Events: 'up' (bound), 'down' ({ reason }), 'reconnecting' ({ attempt, delayMs, reason }), 'refused' (SmppBindError),
 * 'receipt' (SmppReceipt), 'inbound' (SmppInbound), 'throttled' (a submit answered 0x58 or 0x14).
 */
export class SmppSession extends WindowedSession<SmppConnection, HotPdu | Pdu, SubmitSmFields> {
  private readonly opts: SmppSessionOptions & Required<Pick<SmppSessionOptions, Defaulted>>;
  /** Concatenation reference counter; the codec takes its low 8 or 16 bits. */
  private reference = Math.floor(Math.random() * 0x10000);

  constructor(options: SmppSessionOptions) {
    const opts = { ...SESSION_DEFAULTS, bindType: 'transceiver' as const, enquireLinkMs: 30_000, ...options };
    super({ ...opts, keepAliveMs: opts.enquireLinkMs, retryRefusedLogin: opts.retryRefusedBind ?? false }, WORDING);
    this.opts = opts;
  }

  // ---- the protocol's side of the lifecycle ------------------------------------------------------

  protected openLink(): SmppConnection {
    return connectSmpp({ host: this.opts.host, port: this.opts.port });
  }

  protected sendLogin(lib: SmppConnection): number {
    const pdu = new smpp.PDU(`bind_${this.opts.bindType}`, {
      system_id: this.opts.systemId,
      password: this.opts.password,
      system_type: this.opts.systemType ?? '',
      interface_version: 0x34,
    });
    return lib.send(pdu) ? pdu.sequence_number : 0;
  }

  protected sendKeepAlive(lib: SmppConnection): boolean {
    return lib.send(new smpp.PDU('enquire_link'));
  }

  protected sendGoodbye(lib: SmppConnection): number {
    const unbind = new smpp.PDU('unbind');
    return lib.send(unbind) ? unbind.sequence_number : 0;
  }

  protected closedError(message?: string): Error {
    return new SmppSessionClosedError(message);
  }

  // ---- submitting --------------------------------------------------------------------------------

  protected submitParts(request: SubmitRequest): SubmitSmFields[] {
    if (this.opts.bindType === 'receiver') throw new Error('a receiver session cannot submit');
    return submitSmFields({
      source: toSmppAddress(request.from ?? this.opts.sourceAddr ?? ''),
      destination: toSmppAddress(request.to),
      text: request.text,
      registeredDelivery: request.registeredDelivery !== false,
      serviceType: this.opts.systemType ?? '',
      concatenation: this.opts.concatenation,
      reference: () => (this.reference = (this.reference + 1) & 0xffff),
    });
  }

  protected writeSubmit(lib: SmppConnection, fields: SubmitSmFields): number | undefined {
    const sequence = lib.nextSequence();
    return lib.write(encodeSubmitSm(sequence, fields)) ? sequence : undefined;
  }

  protected classifySubmit(status: number): SubmitVerdict {
    if (status === COMMAND_STATUS.OK) return 'ok';
    return isThrottlingStatus(status) ? 'throttle' : 'refused';
  }

  protected submitError(status: number): SubmitPartError {
    return { commandStatus: status, code: commandStatusCode(status), detail: commandStatusName(status) };
  }

  // ---- incoming PDUs -----------------------------------------------------------------------------

  protected onPdu(lib: SmppConnection, pdu: HotPdu | Pdu): void {
    if (isHotPdu(pdu)) {
      switch (pdu.command) {
        case 'submit_sm_resp':
          this.submitAnswered(pdu.sequence_number, pdu.command_status, typeof pdu.message_id === 'string' && pdu.message_id ? pdu.message_id : undefined);
          return;
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
        return this.keepAliveAnswered();
      case 'enquire_link':
        lib.send(pdu.response());
        return;
      case 'generic_nack':
        if (this.submitAnswered(pdu.sequence_number, pdu.command_status || COMMAND_STATUS.SYSTEM_ERROR, undefined)) return;
        if (this.takeLoginAnswer(pdu.sequence_number)) this.loginRefused(lib, new SmppBindError(pdu.command_status || COMMAND_STATUS.BIND_FAILED));
        return;
      case 'unbind':
        // The SMSC is going away (maintenance, overload): answer, then reconnect with backoff.
        this.lastError = 'unbound by the SMSC';
        lib.send(pdu.response(), () => lib.destroy());
        return;
      case 'unbind_resp':
        return this.goodbyeAnswered(pdu.sequence_number);
      case 'bind_transceiver_resp':
      case 'bind_transmitter_resp':
      case 'bind_receiver_resp':
        if (!this.takeLoginAnswer(pdu.sequence_number)) return;
        if (pdu.command_status === COMMAND_STATUS.OK) this.loggedIn();
        else this.loginRefused(lib, new SmppBindError(pdu.command_status));
        return;
      default:
        if (pdu.command === 'unknown') lib.send(pdu.response());
        else if (!pdu.isResponse() && smpp.commands[`${pdu.command}_resp`]) {
          // Not something an ESME serves.
          lib.send(pdu.response({ command_status: COMMAND_STATUS.INVALID_COMMAND }));
        }
    }
  }

  /** A deliver_sm or data_sm, already answered: a receipt, or a part of a message from a handset. */
  private onDeliver(pdu: IncomingMessagePdu): void {
    if (isDeliveryReceipt(pdu)) {
      const receipt = toReceipt(pdu);
      if (receipt) this.emitReceipt(receipt);
      return;
    }
    this.addInboundPart(toInboundPart(pdu, new Date()));
  }
}
