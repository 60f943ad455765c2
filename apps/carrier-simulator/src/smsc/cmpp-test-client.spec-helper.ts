import { connect, type Socket } from 'node:net';
import {
  CMPP_VERSION,
  CmppFrameDecoder,
  cmppAuthenticatorSource,
  cmppTimestamp,
  cmppTimestampValue,
  encodeCmppPdu,
  type CmppConnectResp,
  type CmppDeliver,
  type CmppPdu,
  type CmppSubmit,
  type CmppSubmitResp,
  type CmppVersion,
} from '@sms/carrier-protocols';

/**
 * A bare CMPP SP for specs (imported by specs only), built on our codec over a real socket: it sends requests and
 * matches responses by Sequence_Id, records every DELIVER and answers it (unless told not to), and answers a
 * TERMINATE from the ISMG.
 */
export class CmppTestClient {
  readonly delivered: CmppDeliver[] = [];
  /** Every PDU the ISMG sent, in order. */
  readonly received: CmppPdu[] = [];
  readonly closed: Promise<void>;
  isClosed = false;
  version: CmppVersion = CMPP_VERSION.V3_0;
  private readonly decoder = new CmppFrameDecoder();
  private readonly waiting = new Map<number, (pdu: CmppPdu) => void>();
  private deliveryWaiters: Array<{ count: number; resolve: (pdus: CmppDeliver[]) => void }> = [];
  private sequence = 0;

  private constructor(
    readonly socket: Socket,
    /** Answer each DELIVER with DELIVER_RESP Result 0. */
    public acknowledge: boolean,
  ) {
    this.closed = new Promise((resolve) =>
      socket.on('close', () => {
        this.isClosed = true;
        resolve();
      }),
    );
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      for (const frame of this.decoder.push(chunk)) if (frame.ok) this.onPdu(frame.pdu);
    });
  }

  static async open(port: number, options: { host?: string; acknowledge?: boolean } = {}): Promise<CmppTestClient> {
    const socket = connect({ port, host: options.host ?? '127.0.0.1', noDelay: true });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    return new CmppTestClient(socket, options.acknowledge ?? true);
  }

  /** CONNECT with a real authenticator; on Status 0 the client speaks `version` from then on. */
  async connect(spId: string, secret: string, version: CmppVersion = CMPP_VERSION.V3_0, options: { authenticator?: Buffer } = {}): Promise<CmppConnectResp> {
    const timestamp = cmppTimestamp(new Date());
    const response = (await this.request({
      command: 'connect',
      sequenceId: 0,
      sourceAddr: spId,
      authenticatorSource: options.authenticator ?? cmppAuthenticatorSource(spId, secret, timestamp),
      version,
      timestamp: cmppTimestampValue(timestamp),
    })) as CmppConnectResp;
    if (response.status === 0) {
      this.version = version;
      this.decoder.version = version;
    }
    return response;
  }

  submit(fields: Partial<CmppSubmit> = {}): Promise<CmppSubmitResp> {
    return this.request({
      command: 'submit',
      sequenceId: 0,
      msgId: '0',
      pkTotal: 1,
      pkNumber: 1,
      registeredDelivery: 1,
      msgLevel: 0,
      serviceId: 'TEST',
      feeUserType: 0,
      feeTerminalId: '',
      tpPid: 0,
      tpUdhi: 0,
      msgFmt: 0,
      msgSrc: 'SP0001',
      feeType: '02',
      feeCode: '000010',
      validTime: '',
      atTime: '',
      srcId: '106900001234',
      destTerminalIds: ['8613800138000'],
      msgContent: Buffer.from('Hello there'),
      ...fields,
    }) as Promise<CmppSubmitResp>;
  }

  /** Sends a request (its Sequence_Id assigned here) and resolves with the response of that Sequence_Id. */
  request(pdu: CmppPdu): Promise<CmppPdu> {
    const sequenceId = this.nextSequence();
    const answered = new Promise<CmppPdu>((resolve) => this.waiting.set(sequenceId, resolve));
    this.send({ ...pdu, sequenceId } as CmppPdu);
    return answered;
  }

  send(pdu: CmppPdu): void {
    this.socket.write(encodeCmppPdu(pdu, this.version));
  }

  nextSequence(): number {
    return ++this.sequence;
  }

  /** The first `count` DELIVERs received, once they are in. */
  deliveries(count: number): Promise<CmppDeliver[]> {
    if (this.delivered.length >= count) return Promise.resolve(this.delivered.slice(0, count));
    return new Promise((resolve) => this.deliveryWaiters.push({ count, resolve }));
  }

  close(): void {
    this.socket.destroy();
  }

  private onPdu(pdu: CmppPdu): void {
    this.received.push(pdu);
    if (pdu.command === 'deliver') {
      if (this.acknowledge) this.send({ command: 'deliver_resp', sequenceId: pdu.sequenceId, msgId: pdu.msgId, result: 0 });
      this.delivered.push(pdu);
      this.deliveryWaiters = this.deliveryWaiters.filter((w) => {
        if (this.delivered.length < w.count) return true;
        w.resolve(this.delivered.slice(0, w.count));
        return false;
      });
      return;
    }
    if (pdu.command === 'terminate') {
      this.send({ command: 'terminate_resp', sequenceId: pdu.sequenceId });
      return;
    }
    const resolve = this.waiting.get(pdu.sequenceId);
    if (resolve) {
      this.waiting.delete(pdu.sequenceId);
      resolve(pdu);
    }
  }
}
