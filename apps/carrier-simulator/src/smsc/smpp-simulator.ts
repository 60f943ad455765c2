import { EventEmitter } from 'node:events';
import type { AddressInfo, Server } from 'node:net';
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
import { DelayQueue } from './delay-queue';
import { isFaultHit, type FaultRate } from './fault-rate';

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

class Peer {
  systemId = '';
  bindType: BindType | undefined;
  closed = false;
  /** Set once the connection is being torn down or hangs on purpose: later PDUs are ignored. */
  leaving = false;
  submitsOnConnection = 0;
  inFlight = 0;
  readonly unacked = new Map<number, Delivery>();

  constructor(readonly lib: SmppConnection) {}

  get canReceive(): boolean {
    return !this.closed && !this.leaving && (this.bindType === 'receiver' || this.bindType === 'transceiver');
  }

  get canTransmit(): boolean {
    return this.bindType === 'transmitter' || this.bindType === 'transceiver';
  }
}

interface Delivery {
  kind: 'receipt' | 'mo';
  /** undefined = any receiver. */
  systemId: string | undefined;
  preferred?: Peer;
  fields: DeliverSmFields;
  settle?: (error?: Error) => void;
}

interface PendingResponse {
  peer: Peer;
  pdu: SubmitSmPdu;
  status: number;
  messageId?: string;
  acceptedAt: number;
  drop: boolean;
}

class SmppSimulatorServer extends EventEmitter implements SmppSimulator {
  port = 0;
  host: string;

  private readonly server: Server;
  private readonly peers = new Set<Peer>();
  private readonly receivers = new Map<string, Peer[]>();
  private readonly pending = new Map<string, Delivery[]>();
  private ready: Delivery[] = [];
  private flushScheduled = false;
  private readonly responses: DelayQueue<PendingResponse>;
  private readonly receipts: DelayQueue<Delivery>;
  private readonly faultCounters = { throttleRate: 0, submitFailRate: 0, undeliveredRate: 0 };
  private readonly counters = {
    binds: 0,
    submits: 0,
    accepted: 0,
    throttled: 0,
    failed: 0,
    receiptsSent: 0,
    moSent: 0,
    droppedDeliveries: 0,
    drops: 0,
    hangs: 0,
    maxInFlight: 0,
  };
  private readonly idPrefix = Math.floor(Math.random() * 0xffff)
    .toString(16)
    .padStart(4, '0');
  private nextMessageNumber = 0;
  private roundRobin = 0;
  private moReference = 0;
  private closing = false;
  private readonly random: () => number;

  constructor(private readonly options: SmppSimulatorOptions) {
    super();
    this.host = options.host ?? '127.0.0.1';
    this.random = options.random ?? Math.random;
    this.responses = new DelayQueue((job) => this.respond(job));
    this.receipts = new DelayQueue((delivery) => this.sendDelivery(delivery));
    this.server = createSmppServer((lib) => this.accept(lib));
  }

  listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port ?? 2775, this.host, () => {
        this.server.off('error', reject);
        this.port = (this.server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  stats(): SmppSimulatorStats {
    let bound = 0;
    for (const peer of this.peers) if (peer.bindType && !peer.closed) bound++;
    let pendingDeliveries = 0;
    for (const list of this.pending.values()) pendingDeliveries += list.length;
    const { maxInFlight, droppedDeliveries, drops, hangs, ...rest } = this.counters;
    return { ...rest, bound, pendingDeliveries, droppedDeliveries, drops, hangs, maxInFlight };
  }

  sendMo(input: MoInput): Promise<void> {
    if (this.closing) return Promise.reject(new Error('simulator is closed'));
    const parts = this.moParts(toSmppAddress(input.from), toSmppAddress(input.to), input.text);
    return Promise.all(
      parts.map(
        (fields) =>
          new Promise<void>((resolve, reject) =>
            this.deliver({ kind: 'mo', systemId: input.systemId, fields, settle: (error) => (error ? reject(error) : resolve()) }),
          ),
      ),
    ).then(() => undefined);
  }

  /** deliver_sm bodies for one MO text: GSM-7 or UCS-2, concatenated with a UDH when it needs several parts. */
  private moParts(from: SmppAddress, to: SmppAddress, text: string): DeliverSmFields[] {
    const reference = (this.moReference = (this.moReference + 1) & 0xff);
    return moDeliverSmFields({ source: from, destination: to, text, reference: () => reference });
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    this.responses.clear();
    this.receipts.clear();
    const abandoned = [...this.ready, ...[...this.pending.values()].flat()];
    for (const peer of this.peers) abandoned.push(...peer.unacked.values());
    this.ready = [];
    this.pending.clear();
    for (const delivery of abandoned) delivery.settle?.(new Error('simulator closed before the delivery was acknowledged'));
    for (const peer of this.peers) {
      peer.unacked.clear();
      peer.lib.destroy();
    }
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
        if (refusal) this.write(peer, refusal);
      }
    });
    lib.on('error', (error) => {
      // A request we cannot read gets generic_nack, as an SMSC answers it; 'close' follows every socket error.
      if (error instanceof PduFormatError && error.sequenceNumber !== undefined && ((error.commandId ?? 0) & 0x80000000) === 0) {
        this.write(peer, new smpp.PDU('generic_nack', { sequence_number: error.sequenceNumber, command_status: COMMAND_STATUS.INVALID_MESSAGE_LENGTH }));
      }
    });
    lib.on('close', () => this.onClose(peer));
  }

  /** submit_sm and deliver_sm_resp, the traffic itself, read by our codec; an ESME sending deliver_sm is refused. */
  private dispatchHot(peer: Peer, pdu: HotPdu): void {
    switch (pdu.command) {
      case 'submit_sm':
        return this.onSubmit(peer, pdu);
      case 'deliver_sm_resp':
        return this.onDeliverResponse(peer, pdu.sequence_number, pdu.command_status);
      case 'deliver_sm':
        this.write(peer, encodeDeliverSmResp(pdu.sequence_number, COMMAND_STATUS.INVALID_COMMAND));
        return;
      default:
        return; // a submit_sm_resp nobody asked for
    }
  }

  private dispatch(peer: Peer, pdu: Pdu): void {
    switch (pdu.command) {
      case 'enquire_link':
        this.write(peer, pdu.response());
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
        this.write(peer, pdu.response()); // generic_nack, invalid command id
        return;
      default:
        if (!pdu.isResponse() && smpp.commands[`${pdu.command}_resp`]) {
          this.write(peer, pdu.response({ command_status: COMMAND_STATUS.INVALID_COMMAND }));
        }
    }
  }

  private onBind(peer: Peer, pdu: Pdu, type: BindType): void {
    if (peer.bindType) {
      this.write(peer, pdu.response({ command_status: COMMAND_STATUS.ALREADY_BOUND }));
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
        this.write(peer, pdu.response({ command_status: status }), () => peer.lib.socket.end());
        return;
      }
    }
    peer.systemId = systemId;
    peer.bindType = type;
    this.counters.binds++;
    this.write(peer, pdu.response({ system_id: this.options.systemId ?? 'SMSCSIM' }));
    if (peer.canReceive) {
      const list = this.receivers.get(systemId) ?? [];
      list.push(peer);
      this.receivers.set(systemId, list);
      this.releasePending(systemId);
    }
  }

  private onUnbind(peer: Peer, pdu: Pdu): void {
    this.unregisterReceiver(peer);
    peer.bindType = undefined;
    peer.leaving = true;
    this.write(peer, pdu.response(), () => peer.lib.socket.end());
    this.requeueUnacked(peer);
  }

  private onClose(peer: Peer): void {
    peer.closed = true;
    this.peers.delete(peer);
    this.unregisterReceiver(peer);
    this.requeueUnacked(peer);
  }

  private unregisterReceiver(peer: Peer): void {
    const list = this.receivers.get(peer.systemId);
    if (!list) return;
    const i = list.indexOf(peer);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) this.receivers.delete(peer.systemId);
  }

  /** deliver_sm not acknowledged before the session ended go out again (at least once, like a real SMSC). */
  private requeueUnacked(peer: Peer): void {
    if (peer.unacked.size === 0 || this.closing) return;
    const again = [...peer.unacked.values()];
    peer.unacked.clear();
    for (const delivery of again) {
      delivery.preferred = undefined;
      this.deliver(delivery);
    }
  }

  // ---- submits -----------------------------------------------------------------------------------

  private onSubmit(peer: Peer, pdu: SubmitSmPdu): void {
    this.counters.submits++;
    if (!peer.canTransmit) {
      this.write(peer, encodeSubmitSmResp(pdu.sequence_number, COMMAND_STATUS.INVALID_BIND_STATUS, ''));
      return;
    }
    peer.submitsOnConnection++;
    const dropAfter = this.options.dropConnectionAfter ?? 0;
    const drop = dropAfter > 0 && peer.submitsOnConnection >= dropAfter;
    const hangAfter = this.options.hangAfter ?? 0;
    const hang = hangAfter > 0 && peer.submitsOnConnection >= hangAfter;
    // Either way nothing more from this connection is read: it is closing, or the SMSC hangs.
    if (drop || hang) peer.leaving = true;
    if (hang && !drop) this.counters.hangs++;
    peer.inFlight++;
    if (peer.inFlight > this.counters.maxInFlight) this.counters.maxInFlight = peer.inFlight;

    const job: PendingResponse = { peer, pdu, status: COMMAND_STATUS.OK, acceptedAt: Date.now(), drop };
    if (this.hit('throttleRate')) {
      job.status = COMMAND_STATUS.THROTTLED;
      this.counters.throttled++;
    } else if (this.hit('submitFailRate')) {
      job.status = COMMAND_STATUS.SUBMIT_FAILED;
      this.counters.failed++;
    } else {
      job.messageId = this.idPrefix + (++this.nextMessageNumber).toString(16).padStart(8, '0');
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
    if (peer.closed) return; // the ESME never learns the answer and will submit again
    const response = encodeSubmitSmResp(pdu.sequence_number, job.status, job.status ? '' : (job.messageId ?? ''));
    const early = this.options.receiptBeforeResponse === true && job.status === COMMAND_STATUS.OK && job.messageId !== undefined;
    if (early) this.afterAccept(peer, pdu, job.messageId as string, job.acceptedAt);
    let sent: boolean;
    if (job.drop) {
      this.counters.drops++;
      sent = this.write(peer, response, () => peer.lib.destroy());
      if (!sent) peer.lib.destroy();
    } else {
      sent = this.write(peer, response);
    }
    if (early) return;
    // A submit whose answer could not be written counts as never accepted: no receipt, no MO.
    if (!sent || job.status !== COMMAND_STATUS.OK || !job.messageId) return;
    this.afterAccept(peer, pdu, job.messageId, job.acceptedAt);
  }

  private afterAccept(peer: Peer, pdu: SubmitSmPdu, messageId: string, acceptedAt: number): void {
    const undelivered = this.hit('undeliveredRate');
    const requested = (pdu.registered_delivery ?? 0) & 0x03;
    // SMPP 3.4 §5.2.17: 1 = receipt on success or failure, 2 = on failure only (SMPP 5 adds 3 = on success only).
    const wanted = requested === 1 || (requested === 2 && undelivered) || (requested === 3 && !undelivered);
    if (wanted) {
      const delay = (this.options.receiptDelayMs ?? 0) + ((this.options.receiptJitterMs ?? 0) > 0 ? Math.floor(this.random() * (this.options.receiptJitterMs ?? 0)) : 0);
      const delivery: Delivery = {
        kind: 'receipt',
        systemId: peer.systemId,
        preferred: peer,
        fields: receiptDeliverSmFields({
          submit: pdu,
          messageId: receiptIdOf(messageId, this.options.receiptIdForm),
          stat: undelivered ? 'UNDELIV' : 'DELIVRD',
          err: undelivered ? (this.options.undeliveredErrorCode ?? 1) : 0,
          submitDate: new Date(acceptedAt),
          doneDate: new Date(Date.now() + delay),
          text: messageContent(pdu).text,
        }),
      };
      if (delay > 0) this.receipts.push(delivery, delay);
      else this.deliver(delivery);
    }
    const moEvery = this.options.moEvery ?? 0;
    if (moEvery > 0 && this.counters.accepted % moEvery === 0) {
      const handset = { addr: String(pdu.destination_addr ?? ''), ton: pdu.dest_addr_ton ?? 0, npi: pdu.dest_addr_npi ?? 0 };
      const sender = { addr: String(pdu.source_addr ?? ''), ton: pdu.source_addr_ton ?? 0, npi: pdu.source_addr_npi ?? 0 };
      for (const fields of this.moParts(handset, sender, this.options.moText ?? 'REPLY')) {
        this.deliver({ kind: 'mo', systemId: peer.systemId, preferred: peer, fields });
      }
    }
  }

  private hit(kind: 'throttleRate' | 'submitFailRate' | 'undeliveredRate'): boolean {
    return isFaultHit(this.options[kind], ++this.faultCounters[kind], this.random);
  }

  // ---- receipts and MO ---------------------------------------------------------------------------

  /** Queues a deliver_sm for the next flush; many per tick go out in one corked write per socket. */
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
    const sequence = peer.lib.nextSequence();
    if (!this.write(peer, encodeDeliverSm(sequence, delivery.fields))) {
      this.park(delivery);
      return;
    }
    peer.unacked.set(sequence, delivery);
    if (delivery.kind === 'receipt') this.counters.receiptsSent++;
    else this.counters.moSent++;
  }

  private onDeliverResponse(peer: Peer, sequence: number, status: number): void {
    const delivery = peer.unacked.get(sequence);
    if (!delivery) return;
    peer.unacked.delete(sequence);
    if (status !== COMMAND_STATUS.OK) {
      delivery.settle?.(new Error(`ESME refused deliver_sm with status 0x${status.toString(16)}`));
      return;
    }
    delivery.settle?.();
  }

  /** The submitting session when it can receive, else a receiver of the same system_id, round-robin. */
  private route(delivery: Delivery): Peer | undefined {
    const preferred = delivery.preferred;
    if (preferred?.canReceive) return preferred;
    let candidates: Peer[] | undefined;
    if (delivery.systemId === undefined) {
      candidates = [...this.receivers.values()].flat();
    } else {
      candidates = this.receivers.get(delivery.systemId);
    }
    if (!candidates || candidates.length === 0) return undefined;
    this.roundRobin = (this.roundRobin + 1) % 0x7fffffff;
    for (let i = 0; i < candidates.length; i++) {
      const peer = candidates[(this.roundRobin + i) % candidates.length];
      if (peer.canReceive) return peer;
    }
    return undefined;
  }

  /** Holds a delivery until a receiver binds, like an SMSC storing receipts for an absent ESME. */
  private park(delivery: Delivery): void {
    const key = delivery.systemId ?? '';
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

  private releasePending(systemId: string): void {
    for (const key of [systemId, '']) {
      const list = this.pending.get(key);
      if (!list) continue;
      this.pending.delete(key);
      for (const delivery of list) this.deliver(delivery);
    }
  }

  /** Writes one PDU: encoded by our codec, or one of the smpp package's (the connection corks the socket per tick). */
  private write(peer: Peer, pdu: Buffer | Pdu, onSent?: () => void): boolean {
    if (peer.closed) return false;
    return Buffer.isBuffer(pdu) ? peer.lib.write(pdu, onSent) : peer.lib.send(pdu, onSent);
  }
}

export async function startSmppSimulator(options: SmppSimulatorOptions = {}): Promise<SmppSimulator> {
  const simulator = new SmppSimulatorServer(options);
  await simulator.listen();
  return simulator;
}

function observe(peer: Peer, pdu: SubmitSmPdu, job: PendingResponse): ObservedSubmit {
  const content = messageContent(pdu);
  return {
    systemId: peer.systemId,
    commandStatus: job.status,
    messageId: job.messageId,
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
