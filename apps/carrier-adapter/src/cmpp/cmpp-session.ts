import {
  CMPP_SUBMIT_RESULT_FLOW_CONTROL,
  CMPP_VERSION,
  cmppAuthenticatorSource,
  cmppTextParts,
  cmppTimestamp,
  cmppTimestampValue,
  encodeCmppPdu,
  isCmppVersion,
  type CmppConnectResp,
  type CmppDeliver,
  type CmppPdu,
  type CmppProtocolError,
  type CmppSubmit,
  type CmppVersion,
  type InboundPart,
  type SmppReceipt,
  type Throttle,
} from '@sms/carrier-protocols';
import type { SubmitPartError } from '../session/pending-submit';
import { SESSION_DEFAULTS, WindowedSession, type SessionStats, type SessionWording, type SubmitRequest, type SubmitVerdict } from '../session/windowed-session';
import { CMPP_UTC_OFFSET_MINUTES, toCmppInboundPart, toCmppReceipt } from './cmpp-deliver';
import { CmppConnectError, CmppSessionClosedError } from './cmpp-errors';
import { connectCmpp, type CmppLink } from './cmpp-link';
import { toCmppTerminalId } from './cmpp-numbers';
import { CMPP_CONNECT_VERSION_TOO_HIGH, cmppSubmitError } from './cmpp-status';

export { CmppConnectError, CmppSessionClosedError } from './cmpp-errors';
export type { SubmitPartError, SubmitPartResult, SubmitResult } from '../session/pending-submit';
export type { SmppReceipt as CmppReceipt } from '@sms/carrier-protocols';
export type { SessionInbound as CmppInbound, SubmitRequest as CmppSubmitRequest } from '../session/windowed-session';

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

export interface CmppSessionStats extends SessionStats {
  /** The version spoken (or to be asked for next). */
  version: CmppVersion;
}

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

const WORDING: SessionWording = { protocol: 'CMPP', peer: 'ISMG', up: 'connected', loginAnswer: 'CONNECT_RESP', keepAlive: 'ACTIVE_TEST' };

/** One SUBMIT as the window holds it. */
interface CmppPart {
  pdu: CmppSubmit;
  /** Encoded once, in `version`; each send writes its Sequence_Id into it. */
  bytes: Buffer;
  version: CmppVersion;
}

/**
 * One CMPP 3.0/2.0 client (SP) connection to China Mobile's gateway (ISMG), the twin of `SmppSession` over the same
 * `WindowedSession` machinery: connects with the MD5 authenticator, negotiates the version, keeps the link alive with
 * ACTIVE_TEST, reconnects forever with backoff, and windows SUBMITs with the shared `SubmitWindow` and `Throttle`.
 * Delivery is at least once: SUBMITs in flight when the link drops or an answer times out are sent again on the next
 * connection, so an ISMG that had accepted one may see it twice (two Msg_Ids, two reports).
 *
 * Numbers go out national (`13800138000`) and come back E.164; Result 8 (flow control) is the throttling answer.
 *
 * Events: 'up' (connected), 'down' ({ reason }), 'reconnecting' ({ attempt, delayMs, reason }), 'refused'
 * (CmppConnectError), 'receipt' (SmppReceipt shape), 'inbound' ({ from, to, text, receivedAt }), 'throttled' (a
 * SUBMIT answered Result 8).
 */
export class CmppSession extends WindowedSession<CmppLink, CmppPdu, CmppPart> {
  private readonly opts: CmppSessionOptions & Required<Pick<CmppSessionOptions, Defaulted>>;
  /** Asked for at connect; lowered for good when an ISMG names an older one. */
  private version: CmppVersion;
  private renegotiate = false;
  /** Concatenation reference counter; the codec takes its low 8 bits. */
  private reference = Math.floor(Math.random() * 0x100);

  constructor(options: CmppSessionOptions) {
    const opts = {
      ...SESSION_DEFAULTS,
      version: CMPP_VERSION.V3_0 as CmppVersion,
      activeTestMs: 30_000,
      serviceId: '',
      feeUserType: 0,
      feeType: '01',
      feeCode: '000000',
      utcOffsetMinutes: CMPP_UTC_OFFSET_MINUTES,
      ...definedOnly(options),
    };
    if (!isCmppVersion(opts.version)) throw new RangeError('version must be 0x30 (CMPP 3.0) or 0x20 (CMPP 2.0)');
    super({ ...opts, keepAliveMs: opts.activeTestMs, retryRefusedLogin: opts.retryRefusedConnect ?? false }, WORDING);
    this.opts = opts;
    this.version = opts.version;
  }

  override stats(): CmppSessionStats {
    return { ...super.stats(), version: this.version };
  }

  // ---- the protocol's side of the lifecycle ------------------------------------------------------

  protected openLink(): CmppLink {
    return connectCmpp({ host: this.opts.host, port: this.opts.port, version: this.version });
  }

  protected sendLogin(link: CmppLink): number {
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
    return sent ? sequenceId : 0;
  }

  protected sendKeepAlive(link: CmppLink): boolean {
    return link.send({ command: 'active_test', sequenceId: link.nextSequence() });
  }

  protected sendGoodbye(link: CmppLink): number {
    const sequenceId = link.nextSequence();
    return link.send({ command: 'terminate', sequenceId }) ? sequenceId : 0;
  }

  protected closedError(message?: string): Error {
    return new CmppSessionClosedError(message);
  }

  /** A command we do not know (a vendor's extension) was a whole frame: the stream goes on without it. */
  protected override isHarmless(error: Error): boolean {
    return (error as CmppProtocolError).code === 'CMPP_UNKNOWN_COMMAND';
  }

  /** After version negotiation: nothing is wrong with the ISMG, we only asked for too new a version. */
  protected override reconnectAtOnce(): boolean {
    if (!this.renegotiate) return false;
    this.renegotiate = false;
    return true;
  }

  private onConnectResponse(link: CmppLink, pdu: CmppConnectResp): void {
    if (!this.takeLoginAnswer(pdu.sequenceId)) return;
    const offered = pdu.version;
    const older = isCmppVersion(offered) && offered < this.version;
    if (pdu.status === 0 && !older) return this.loggedIn();
    if (older && (pdu.status === 0 || pdu.status === CMPP_CONNECT_VERSION_TOO_HIGH)) {
      // Version negotiation. Even an ISMG that accepted us while naming an older version gets a fresh connection in
      // that version, so no PDU is ever read in the wrong layout (a DELIVER may follow CONNECT_RESP in the same chunk).
      this.version = offered;
      this.renegotiate = true;
      this.lastError = `the ISMG speaks CMPP ${offered >> 4}.${offered & 0xf}`;
      link.destroy();
      return;
    }
    this.loginRefused(link, new CmppConnectError(pdu.status));
  }

  // ---- submitting --------------------------------------------------------------------------------

  /** The SUBMITs of one message, in part order, encoded; throws (CmppProtocolError, RangeError) on what cannot be sent. */
  protected submitParts(request: SubmitRequest): CmppPart[] {
    const destination = toCmppTerminalId(request.to);
    if (!/^\d+$/.test(destination) || destination.length > MAX_TERMINAL_ID) {
      throw new RangeError(`a CMPP recipient must be a number of at most ${MAX_TERMINAL_ID} digits once national`);
    }
    const parts = cmppTextParts(request.text, { reference: (this.reference = (this.reference + 1) & 0xff) });
    const o = this.opts;
    const version = this.version;
    return parts.map((part) => {
      const pdu: CmppSubmit = {
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
      };
      return { pdu, bytes: encodeCmppPdu(pdu, version), version };
    });
  }

  protected writeSubmit(link: CmppLink, part: CmppPart): number | undefined {
    if (part.version !== link.version) {
      part.bytes = encodeCmppPdu(part.pdu, link.version);
      part.version = link.version;
    }
    const sequenceId = link.nextSequence();
    // The bytes of an earlier send of this part are flushed (it was answered) or dropped with its socket.
    part.bytes.writeUInt32BE(sequenceId, 8);
    return link.write(part.bytes) ? sequenceId : undefined;
  }

  protected classifySubmit(result: number): SubmitVerdict {
    if (result === 0) return 'ok';
    return result === CMPP_SUBMIT_RESULT_FLOW_CONTROL ? 'throttle' : 'refused';
  }

  protected submitError(result: number): SubmitPartError {
    return cmppSubmitError(result, this.version);
  }

  // ---- incoming PDUs -----------------------------------------------------------------------------

  protected onPdu(link: CmppLink, pdu: CmppPdu): void {
    switch (pdu.command) {
      case 'submit_resp':
        this.submitAnswered(pdu.sequenceId, pdu.result, pdu.msgId !== '0' ? pdu.msgId : undefined);
        return;
      case 'deliver':
        // Answer first: an ISMG re-sends an unanswered DELIVER, and what we do with it cannot fail the ISMG.
        link.send({ command: 'deliver_resp', sequenceId: pdu.sequenceId, msgId: pdu.msgId, result: 0 });
        return this.onDeliver(pdu, link.version);
      case 'active_test':
        link.send({ command: 'active_test_resp', sequenceId: pdu.sequenceId, reserved: 0 });
        return;
      case 'active_test_resp':
        return this.keepAliveAnswered();
      case 'connect_resp':
        return this.onConnectResponse(link, pdu);
      case 'terminate':
        // The ISMG is going away (maintenance, overload): answer, then reconnect with backoff.
        this.lastError = 'terminated by the ISMG';
        link.send({ command: 'terminate_resp', sequenceId: pdu.sequenceId }, () => link.destroy());
        return;
      case 'terminate_resp':
        return this.goodbyeAnswered(pdu.sequenceId);
      case 'submit':
        // Not something an SP serves: Result 2, command error.
        link.send({ command: 'submit_resp', sequenceId: pdu.sequenceId, msgId: '0', result: 2 });
        return;
      default:
        return; // a CONNECT or DELIVER_RESP, which an ISMG has no reason to send
    }
  }

  /** A DELIVER, already answered: a status report, or a part of a message from a handset. */
  private onDeliver(pdu: CmppDeliver, version: CmppVersion): void {
    if (pdu.registeredDelivery === 1) {
      const receipt = readReport(pdu, version, this.opts.utcOffsetMinutes);
      if (receipt) this.emitReceipt(receipt);
      return;
    }
    let part: InboundPart;
    try {
      part = toCmppInboundPart(pdu, new Date());
    } catch {
      return; // a UDH running past Msg_Content: nothing trustworthy to deliver
    }
    this.addInboundPart(part);
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
