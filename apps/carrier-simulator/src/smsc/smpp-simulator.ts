import { EventEmitter } from 'node:events';
import type { Server } from 'node:net';
import {
  COMMAND_STATUS,
  createSmppServer,
  encodeDeliverSm,
  encodeDeliverSmResp,
  encodeSubmitSmResp,
  isHotPdu,
  messageContent,
  PduFormatError,
  moDeliverSmFields,
  receiptDeliverSmFields,
  smpp,
  toSmppAddress,
  type Concatenation,
  type DeliverSmFields,
  type HotPdu,
  type Pdu,
  type SmppAddress,
  type SmppConnection,
  type SubmitSmPdu,
} from '@sms/carrier-protocols';
import { DeliveryRouter } from './delivery-router';
import { FaultPlan } from './fault-plan';
import type { FaultRate } from './fault-rate';
import { listen } from './listen';
import { SimPeer, type Delivery } from './sim-peer';
import { SubmitDesk, type SubmitJob } from './submit-desk';

export type { FaultRate } from './fault-rate';

export interface SmppSimulatorOptions {
  /** Default 2775; 0 picks a free port (see `port` on the result). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** system_id → password. When set, other system ids get 0x0F and wrong passwords 0x0E. Default: anyone. */
  credentials?: Record<string, string>;
  /** system_id the SMSC answers binds with. */
  systemId?: string;
  /** Delay before answering each submit_sm. Default 0 (answered as soon as read). */
  latencyMs?: number;
  /** Delay between answering a submit and sending its receipt. Default 0 (next turn of the event loop). */
  receiptDelayMs?: number;
  /** Each receipt is delayed by up to this much more, at random: receipts come back out of submit order. */
  receiptJitterMs?: number;
  /** The receipt is written before the submit's answer (an SMSC whose receipt path is faster than its answer path). */
  receiptBeforeResponse?: boolean;
  /**
   * How receipts write the id that submit_sm_resp gave in hex: as given (default), in decimal, or upper-cased — SMSCs
   * that do either exist, which is why a channel declares its id bases (ADR 0039).
   */
  receiptIdForm?: 'as-given' | 'decimal' | 'upper';
  /** submit_sm answered 0x58 ESME_RTHROTTLED. */
  throttleRate?: FaultRate;
  /** submit_sm answered 0x45 ESME_RSUBMITFAIL (checked after throttling). */
  submitFailRate?: FaultRate;
  /** Accepted messages whose receipt says stat:UNDELIV. */
  undeliveredRate?: FaultRate;
  /** `err:` of undelivered receipts. Default 1. */
  undeliveredErrorCode?: number;
  /** Each connection is destroyed right after answering its Nth submit (its later in-flight submits are never answered). */
  dropConnectionAfter?: number;
  /** Each connection goes silent after answering its Nth submit: socket open, nothing read or answered (a hung SMSC). */
  hangAfter?: number;
  /** Every Nth accepted submit triggers a mobile-originated reply from its destination. */
  moEvery?: number;
  /** Text of those replies. Default "REPLY". */
  moText?: string;
  /** Receipts and MO waiting for a receiver bind, per system id, before the oldest are dropped. Default 100000. */
  maxPendingDeliveries?: number;
  /** Source of randomness for rate faults (tests inject a seeded one). */
  random?: () => number;
}

export interface SmppSimulatorStats {
  /** Successful binds since start. */
  binds: number;
  /** Sessions bound right now. */
  bound: number;
  /** submit_sm received, whatever the answer. */
  submits: number;
  accepted: number;
  throttled: number;
  failed: number;
  /** Receipt deliver_sm written to an ESME (a re-send after an unacknowledged one counts again). */
  receiptsSent: number;
  /** MO deliver_sm written to an ESME (likewise). */
  moSent: number;
  /** Receipts and MO waiting for a receiver to bind. */
  pendingDeliveries: number;
  /** Pending deliveries dropped because the pending queue was full. */
  droppedDeliveries: number;
  /** Connections dropped by `dropConnectionAfter`. */
  drops: number;
  /** Connections gone silent by `hangAfter`. */
  hangs: number;
  /** Largest number of submits one session had outstanding (received, not yet answered) at once. */
  maxInFlight: number;
}

/** What the simulator saw in one submit_sm (emitted as 'submit' only while someone listens). */
export interface ObservedSubmit {
  systemId: string;
  commandStatus: number;
  messageId?: string;
  sourceAddr: string;
  destinationAddr: string;
  dataCoding: number;
  esmClass: number;
  registeredDelivery: number;
  text: string;
  /** From the concatenation UDH (8- or 16-bit reference) or the sar_* TLVs, when present. */
  concat?: Concatenation;
}

export interface MoInput {
  from: string;
  to: string;
  text: string;
  /** Deliver only to sessions bound with this system_id. Default: any receiver. */
  systemId?: string;
}

export interface SmppSimulator {
  readonly port: number;
  readonly host: string;
  close(): Promise<void>;
  stats(): SmppSimulatorStats;
  /** Sends a mobile-originated message; resolves once an ESME acknowledged every part. */
  sendMo(input: MoInput): Promise<void>;
  on(event: 'submit', listener: (submit: ObservedSubmit) => void): this;
  off(event: 'submit', listener: (submit: ObservedSubmit) => void): this;
}


type BindType = 'transmitter' | 'receiver' | 'transceiver';

/** A connection; its `account` is the system_id it bound with. */
class Peer extends SimPeer<SmppDelivery> {
  bindType: BindType | undefined;

  constructor(readonly lib: SmppConnection) {
    super();
  }

  get canReceive(): boolean {
    return !this.closed && !this.leaving && (this.bindType === 'receiver' || this.bindType === 'transceiver');
  }

  get canTransmit(): boolean {
    return this.bindType === 'transmitter' || this.bindType === 'transceiver';
  }

  /** One PDU: encoded by our codec, or one of the smpp package's (the connection corks the socket per tick). */
  write(pdu: Buffer | Pdu, onSent?: () => void): boolean {
    if (this.closed) return false;
    return Buffer.isBuffer(pdu) ? this.lib.write(pdu, onSent) : this.lib.send(pdu, onSent);
  }

  destroy(): void {
    this.lib.destroy();
  }
}

interface SmppDelivery extends Delivery<Peer> {
  fields: DeliverSmFields;
}

type Job = SubmitJob<Peer, SubmitSmPdu>;

class SmppSimulatorServer extends EventEmitter implements SmppSimulator {
  port = 0;
  host: string;

  private readonly server: Server;
  private readonly peers = new Set<Peer>();
  private readonly faults: FaultPlan;
  private readonly desk: SubmitDesk<Peer, SubmitSmPdu>;
  private readonly router: DeliveryRouter<Peer, SmppDelivery>;
  private binds = 0;
  private readonly idPrefix = Math.floor(Math.random() * 0xffff)
    .toString(16)
    .padStart(4, '0');
  private nextMessageNumber = 0;
  private moReference = 0;
  private closing = false;

  constructor(private readonly options: SmppSimulatorOptions) {
    super();
    this.host = options.host ?? '127.0.0.1';
    this.faults = new FaultPlan(options);
    this.desk = new SubmitDesk(
      this.faults,
      {
        throttledStatus: COMMAND_STATUS.THROTTLED,
        failedStatus: COMMAND_STATUS.SUBMIT_FAILED,
        assignId: () => this.idPrefix + (++this.nextMessageNumber).toString(16).padStart(8, '0'),
        answer: (job) => encodeSubmitSmResp(job.pdu.sequence_number, job.status, job.status ? '' : (job.id ?? '')),
        accepted: (job, messageId) => this.afterAccept(job, messageId),
        observe,
      },
      this,
      options,
    );
    this.router = new DeliveryRouter<Peer, SmppDelivery>({
      maxPending: options.maxPendingDeliveries ?? 100_000,
      transmit: (peer, delivery) => {
        const sequence = peer.lib.nextSequence();
        return peer.write(encodeDeliverSm(sequence, delivery.fields)) ? sequence : undefined;
      },
    });
    this.server = createSmppServer((lib) => this.accept(lib));
  }

  async listen(): Promise<void> {
    this.port = await listen(this.server, this.options.port ?? 2775, this.host);
  }

  stats(): SmppSimulatorStats {
    let bound = 0;
    for (const peer of this.peers) if (peer.bindType && !peer.closed) bound++;
    const { submits, accepted, throttled, failed, drops, hangs, maxInFlight } = this.faults.counters;
    const { receiptsSent, moSent, droppedDeliveries } = this.router.counters;
    const pendingDeliveries = this.router.pendingDeliveries;
    return { binds: this.binds, submits, accepted, throttled, failed, receiptsSent, moSent, bound, pendingDeliveries, droppedDeliveries, drops, hangs, maxInFlight };
  }

  sendMo(input: MoInput): Promise<void> {
    if (this.closing) return Promise.reject(new Error('simulator is closed'));
    const parts = this.moParts(toSmppAddress(input.from), toSmppAddress(input.to), input.text);
    return this.router.deliverAcknowledged(parts.map((fields) => ({ kind: 'mo', account: input.systemId, fields })));
  }

  /** deliver_sm bodies for one MO text: GSM-7 or UCS-2, concatenated with a UDH when it needs several parts. */
  private moParts(from: SmppAddress, to: SmppAddress, text: string): DeliverSmFields[] {
    const reference = (this.moReference = (this.moReference + 1) & 0xff);
    return moDeliverSmFields({ source: from, destination: to, text, reference: () => reference });
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    this.desk.close();
    this.router.close(this.peers);
    for (const peer of this.peers) peer.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- connections -------------------------------------------------------------------------------

  private accept(lib: SmppConnection): void {
    const peer = new Peer(lib);
    if (this.closing) {
      lib.destroy();
      return;
    }
    this.peers.add(peer);
    // The connection corks writes per tick and has Nagle off (it would only hold receipts back ~40 ms).
    lib.on('pdu', (pdu) => {
      if (peer.leaving || peer.closed) return;
      try {
        if (isHotPdu(pdu)) this.dispatchHot(peer, pdu);
        else this.dispatch(peer, pdu);
      } catch {
        // A malformed request must not take the whole SMSC down; the ESME sees a system error.
        const refusal = refuse(pdu, COMMAND_STATUS.SYSTEM_ERROR);
        if (refusal) peer.write(refusal);
      }
    });
    lib.on('error', (error) => {
      // A request we cannot read gets generic_nack, as an SMSC answers it; 'close' follows every socket error.
      if (error instanceof PduFormatError && error.sequenceNumber !== undefined && ((error.commandId ?? 0) & 0x80000000) === 0) {
        peer.write(new smpp.PDU('generic_nack', { sequence_number: error.sequenceNumber, command_status: COMMAND_STATUS.INVALID_MESSAGE_LENGTH }));
      }
    });
    lib.on('close', () => {
      peer.closed = true;
      this.peers.delete(peer);
      this.router.detach(peer);
    });
  }

  /** submit_sm and deliver_sm_resp, the traffic itself, read by our codec; an ESME sending deliver_sm is refused. */
  private dispatchHot(peer: Peer, pdu: HotPdu): void {
    switch (pdu.command) {
      case 'submit_sm':
        return this.onSubmit(peer, pdu);
      case 'deliver_sm_resp':
        return this.onDeliverResponse(peer, pdu.sequence_number, pdu.command_status);
      case 'deliver_sm':
        peer.write(encodeDeliverSmResp(pdu.sequence_number, COMMAND_STATUS.INVALID_COMMAND));
        return;
      default:
        return; // a submit_sm_resp nobody asked for
    }
  }

  private dispatch(peer: Peer, pdu: Pdu): void {
    switch (pdu.command) {
      case 'enquire_link':
        peer.write(pdu.response());
        return;
      case 'bind_transmitter':
        return this.onBind(peer, pdu, 'transmitter');
      case 'bind_receiver':
        return this.onBind(peer, pdu, 'receiver');
      case 'bind_transceiver':
        return this.onBind(peer, pdu, 'transceiver');
      case 'unbind':
        return this.onUnbind(peer, pdu);
      case 'generic_nack':
        // An ESME refusing one of our deliver_sm answers with generic_nack for that sequence.
        return this.onDeliverResponse(peer, pdu.sequence_number, pdu.command_status || COMMAND_STATUS.SYSTEM_ERROR);
      case 'unknown':
        peer.write(pdu.response()); // generic_nack, invalid command id
        return;
      default:
        if (!pdu.isResponse() && smpp.commands[`${pdu.command}_resp`]) {
          peer.write(pdu.response({ command_status: COMMAND_STATUS.INVALID_COMMAND }));
        }
    }
  }

  private onBind(peer: Peer, pdu: Pdu, type: BindType): void {
    if (peer.bindType) {
      peer.write(pdu.response({ command_status: COMMAND_STATUS.ALREADY_BOUND }));
      return;
    }
    const systemId = String(pdu.system_id ?? '');
    const credentials = this.options.credentials;
    if (credentials) {
      const expected = Object.prototype.hasOwnProperty.call(credentials, systemId) ? credentials[systemId] : undefined;
      const status =
        expected === undefined ? COMMAND_STATUS.INVALID_SYSTEM_ID : expected !== String(pdu.password ?? '') ? COMMAND_STATUS.INVALID_PASSWORD : COMMAND_STATUS.OK;
      if (status !== COMMAND_STATUS.OK) {
        peer.leaving = true;
        peer.write(pdu.response({ command_status: status }), () => peer.lib.socket.end());
        return;
      }
    }
    peer.account = systemId;
    peer.bindType = type;
    this.binds++;
    peer.write(pdu.response({ system_id: this.options.systemId ?? 'SMSCSIM' }));
    if (peer.canReceive) this.router.addReceiver(peer);
  }

  private onUnbind(peer: Peer, pdu: Pdu): void {
    this.router.detach(peer);
    peer.bindType = undefined;
    peer.leaving = true;
    peer.write(pdu.response(), () => peer.lib.socket.end());
  }

  // ---- submits, receipts and MO ------------------------------------------------------------------

  private onSubmit(peer: Peer, pdu: SubmitSmPdu): void {
    if (peer.canTransmit) return this.desk.receive(peer, pdu);
    this.faults.refused();
    peer.write(encodeSubmitSmResp(pdu.sequence_number, COMMAND_STATUS.INVALID_BIND_STATUS, ''));
  }

  private afterAccept({ peer, pdu, acceptedAt }: Job, messageId: string): void {
    const undelivered = this.faults.undelivered();
    const requested = (pdu.registered_delivery ?? 0) & 0x03;
    // SMPP 3.4 §5.2.17: 1 = receipt on success or failure, 2 = on failure only (SMPP 5 adds 3 = on success only).
    const wanted = requested === 1 || (requested === 2 && undelivered) || (requested === 3 && !undelivered);
    if (wanted) {
      const delay = this.faults.receiptDelayMs();
      const fields = receiptDeliverSmFields({
        submit: pdu,
        messageId: receiptIdOf(messageId, this.options.receiptIdForm),
        stat: undelivered ? 'UNDELIV' : 'DELIVRD',
        err: undelivered ? (this.options.undeliveredErrorCode ?? 1) : 0,
        submitDate: new Date(acceptedAt),
        doneDate: new Date(Date.now() + delay),
        text: messageContent(pdu).text,
      });
      this.router.deliver({ kind: 'receipt', account: peer.account, preferred: peer, fields }, delay);
    }
    if (this.faults.moDue()) {
      const handset = { addr: String(pdu.destination_addr ?? ''), ton: pdu.dest_addr_ton ?? 0, npi: pdu.dest_addr_npi ?? 0 };
      const sender = { addr: String(pdu.source_addr ?? ''), ton: pdu.source_addr_ton ?? 0, npi: pdu.source_addr_npi ?? 0 };
      for (const fields of this.moParts(handset, sender, this.options.moText ?? 'REPLY')) {
        this.router.deliver({ kind: 'mo', account: peer.account, preferred: peer, fields });
      }
    }
  }

  private onDeliverResponse(peer: Peer, sequence: number, status: number): void {
    const delivery = this.router.answered(peer, sequence);
    delivery?.settle?.(status === COMMAND_STATUS.OK ? undefined : new Error(`ESME refused deliver_sm with status 0x${status.toString(16)}`));
  }
}

export async function startSmppSimulator(options: SmppSimulatorOptions = {}): Promise<SmppSimulator> {
  const simulator = new SmppSimulatorServer(options);
  await simulator.listen();
  return simulator;
}

function observe({ peer, pdu, status, id }: Job): ObservedSubmit {
  const content = messageContent(pdu);
  return {
    systemId: peer.account,
    commandStatus: status,
    messageId: id,
    sourceAddr: String(pdu.source_addr ?? ''),
    destinationAddr: String(pdu.destination_addr ?? ''),
    dataCoding: pdu.data_coding ?? 0,
    esmClass: pdu.esm_class ?? 0,
    registeredDelivery: pdu.registered_delivery ?? 0,
    text: content.text,
    concat: content.concat,
  };
}

/** The error answer to a request, encoded; undefined for a response (nothing answers a response). */
function refuse(pdu: HotPdu | Pdu, status: number): Buffer | Pdu | undefined {
  if (!isHotPdu(pdu)) return pdu.isResponse() ? undefined : pdu.response({ command_status: status });
  if (pdu.command === 'submit_sm') return encodeSubmitSmResp(pdu.sequence_number, status, '');
  if (pdu.command === 'deliver_sm') return encodeDeliverSmResp(pdu.sequence_number, status);
  return undefined;
}

/** The id a receipt carries for a submit answered with `messageId` (hex), in the form the SMSC writes it. */
function receiptIdOf(messageId: string, form: SmppSimulatorOptions['receiptIdForm']): string {
  if (form === 'decimal') return BigInt(`0x${messageId}`).toString(10);
  if (form === 'upper') return messageId.toUpperCase();
  return messageId;
}
