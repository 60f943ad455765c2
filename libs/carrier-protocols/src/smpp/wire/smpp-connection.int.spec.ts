import type { AddressInfo, Server } from 'node:net';
import { messageContent } from '../message-content';
import type { SubmitSmFields } from '../pdu-fields';
import { receiptDeliverSmFields, toReceipt } from '../receipt-pdu';
import { smpp, type Pdu } from '../smpp-lib';
import { submitSmFields } from '../text-parts';
import { encodeDeliverSm, encodeDeliverSmResp, encodeSubmitSm, encodeSubmitSmResp, PduFormatError, type HotPdu } from './pdu-codec';
import { PduFramingError } from './pdu-framer';
import { connectSmpp, createSmppServer, isHotPdu, type SmppConnection } from './smpp-connection';

type AnyPdu = HotPdu | Pdu;

/** Collects a connection's PDUs and errors; `next(n)` resolves with the next n PDUs once they are all in. */
class Inbox {
  readonly pdus: AnyPdu[] = [];
  readonly errors: Error[] = [];
  private read = 0;
  private waiter: (() => void) | undefined;

  constructor(connection: SmppConnection) {
    connection.on('pdu', (pdu) => {
      this.pdus.push(pdu);
      this.waiter?.();
    });
    connection.on('error', (error) => {
      this.errors.push(error);
      this.waiter?.();
    });
  }

  async next(count = 1): Promise<AnyPdu[]> {
    while (this.pdus.length - this.read < count) await new Promise<void>((resolve) => (this.waiter = resolve));
    this.waiter = undefined;
    const batch = this.pdus.slice(this.read, this.read + count);
    this.read += count;
    return batch;
  }

  async error(): Promise<Error> {
    while (this.errors.length === 0) await new Promise<void>((resolve) => (this.waiter = resolve));
    return this.errors.shift() as Error;
  }
}

const closed = (connection: SmppConnection) => new Promise<void>((resolve) => connection.once('close', resolve));

describe('SmppConnection over a real socket', () => {
  let server: Server;
  let client: SmppConnection;
  let peer: SmppConnection;
  let clientInbox: Inbox;
  let peerInbox: Inbox;

  beforeEach(async () => {
    const accepted = new Promise<SmppConnection>((resolve) => {
      server = createSmppServer(resolve);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    client = connectSmpp({ host: '127.0.0.1', port: (server.address() as AddressInfo).port });
    clientInbox = new Inbox(client);
    await new Promise<void>((resolve) => client.once('connect', resolve));
    peer = await accepted;
    peerInbox = new Inbox(peer);
  });

  afterEach(async () => {
    client.destroy();
    peer.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const parts: SubmitSmFields[] = submitSmFields({
    source: { ton: 5, npi: 0, addr: 'ACME' },
    destination: { ton: 1, npi: 1, addr: '8613800000000' },
    text: 'Your code is 1234',
    registeredDelivery: true,
    reference: () => 1,
  });

  it('carries hot PDUs and package PDUs both ways, with request sequences assigned', async () => {
    let bindSent = false;
    expect(client.send(new smpp.PDU('bind_transceiver', { system_id: 'esme', password: 'secret' }), () => (bindSent = true))).toBe(true);
    const [bind] = await peerInbox.next();
    expect(isHotPdu(bind)).toBe(false);
    expect(bind).toMatchObject({ command: 'bind_transceiver', sequence_number: 1, system_id: 'esme', password: 'secret' });
    expect(bindSent).toBe(true);

    peer.send((bind as Pdu).response({ system_id: 'SIM' }));
    const [bound] = await clientInbox.next();
    expect(bound).toMatchObject({ command: 'bind_transceiver_resp', sequence_number: 1, command_status: 0, system_id: 'SIM' });

    const submitSequence = client.nextSequence();
    expect(submitSequence).toBe(2);
    client.write(encodeSubmitSm(submitSequence, parts[0]));
    const [submit] = await peerInbox.next();
    if (!isHotPdu(submit) || submit.command !== 'submit_sm') throw new Error(`expected a submit_sm, got ${submit.command}`);
    expect(submit.sequence_number).toBe(2);
    expect(messageContent(submit).text).toBe('Your code is 1234');

    // The SMSC side answers, then sends the receipt: one tick, one corked write.
    peer.write(encodeSubmitSmResp(submit.sequence_number, 0, 'msg-1'));
    const receipt = receiptDeliverSmFields({
      submit,
      messageId: 'msg-1',
      stat: 'DELIVRD',
      submitDate: new Date(Date.UTC(2025, 0, 1)),
      doneDate: new Date(Date.UTC(2025, 0, 1, 0, 1)),
      text: 'Your code is 1234',
    });
    peer.write(encodeDeliverSm(peer.nextSequence(), receipt));
    const [response, deliver] = await clientInbox.next(2);
    expect(response).toMatchObject({ command: 'submit_sm_resp', sequence_number: 2, command_status: 0, message_id: 'msg-1' });
    if (!isHotPdu(deliver) || deliver.command !== 'deliver_sm') throw new Error(`expected a deliver_sm, got ${deliver.command}`);
    expect(deliver.sequence_number).toBe(1);
    expect(deliver.destination_addr).toBe('ACME');
    expect(toReceipt(deliver)).toMatchObject({ operatorMessageId: 'msg-1', stat: 'DELIVRD' });

    client.write(encodeDeliverSmResp(deliver.sequence_number));
    expect((await peerInbox.next())[0]).toMatchObject({ command: 'deliver_sm_resp', sequence_number: 1, message_id: '' });

    // enquire_link from each side, answered through the package.
    peer.send(new smpp.PDU('enquire_link'));
    const [enquire] = await clientInbox.next();
    expect(enquire).toMatchObject({ command: 'enquire_link', sequence_number: 2 });
    client.send((enquire as Pdu).response());
    expect((await peerInbox.next())[0]).toMatchObject({ command: 'enquire_link_resp', sequence_number: 2 });
    client.send(new smpp.PDU('enquire_link'));
    expect((await peerInbox.next())[0]).toMatchObject({ command: 'enquire_link', sequence_number: 3 });
    expect(clientInbox.errors).toEqual([]);
    expect(peerInbox.errors).toEqual([]);
  });

  it('reports a malformed body as PduFormatError and goes on reading', async () => {
    const broken = encodeSubmitSm(7, parts[0]).subarray(0, 24);
    broken.writeUInt32BE(24, 0); // command_length now ends inside source_addr
    client.write(broken);
    client.send(new smpp.PDU('enquire_link'));
    const error = await peerInbox.error();
    expect(error).toBeInstanceOf(PduFormatError);
    expect(error).toMatchObject({ sequenceNumber: 7 });
    expect((await peerInbox.next())[0]).toMatchObject({ command: 'enquire_link' });
  });

  it('on a command_length below 16 emits PduFramingError and closes the connection', async () => {
    const peerClosed = closed(peer);
    const clientClosed = closed(client);
    const pdu = Buffer.alloc(16);
    pdu.writeUInt32BE(8, 0);
    pdu.writeUInt32BE(0x15, 4);
    client.write(pdu);
    expect(await peerInbox.error()).toBeInstanceOf(PduFramingError);
    await Promise.all([peerClosed, clientClosed]);
    expect(peer.socket.destroyed).toBe(true);
    expect(client.write(pdu)).toBe(false);
    expect(client.send(new smpp.PDU('enquire_link'))).toBe(false);
  });

  it('delivers a burst of 1,000 writes from one tick complete and in order', async () => {
    let sent = 0;
    for (let i = 0; i < 1000; i++) {
      const fields = { ...parts[0], destination_addr: `86138${String(i).padStart(8, '0')}` };
      expect(client.write(encodeSubmitSm(client.nextSequence(), fields), () => sent++)).toBe(true);
    }
    const pdus = await peerInbox.next(1000);
    expect(pdus.map((pdu) => pdu.sequence_number)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
    expect(pdus.every((pdu, i) => isHotPdu(pdu) && pdu.command === 'submit_sm' && pdu.destination_addr.endsWith(String(i).padStart(8, '0')))).toBe(true);
    expect(sent).toBe(1000);
    expect(peerInbox.errors).toEqual([]);
  });
});
