import type { Socket } from 'node:net';
import { Duplex } from 'node:stream';
import { smpp, type Pdu } from '../smpp-lib';
import { encodeDeliverSmResp, encodeSubmitSmResp, type HotPdu } from './pdu-codec';
import { PduFramingError } from './pdu-framer';
import { isHotPdu, SmppConnection } from './smpp-connection';

/** Just enough of a socket: what is written is recorded (by write or writev), `feed` plays incoming octets. */
class FakeSocket extends Duplex {
  readonly written: Buffer[] = [];
  writevCalls = 0;

  override _read(): void {
    // Incoming octets arrive through feed().
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.written.push(chunk);
    callback();
  }

  override _writev(chunks: Array<{ chunk: Buffer }>, callback: (error?: Error | null) => void): void {
    this.writevCalls++;
    for (const { chunk } of chunks) this.written.push(chunk);
    callback();
  }

  feed(bytes: Buffer): void {
    this.push(bytes);
  }
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

function connectionOverFake() {
  const socket = new FakeSocket();
  const connection = new SmppConnection(socket as unknown as Socket);
  const pdus: Array<HotPdu | Pdu> = [];
  const errors: Error[] = [];
  connection.on('pdu', (pdu) => pdus.push(pdu));
  connection.on('error', (error) => errors.push(error));
  return { socket, connection, pdus, errors };
}

const enquireLink = (sequence: number) => new smpp.PDU('enquire_link', { sequence_number: sequence }).toBuffer();

describe('SmppConnection', () => {
  it('corks the writes of one tick into one writev and calls onSent after each', async () => {
    const { socket, connection } = connectionOverFake();
    const sent: number[] = [];
    for (let i = 1; i <= 3; i++) expect(connection.write(encodeDeliverSmResp(i), () => sent.push(i))).toBe(true);
    expect(socket.written).toEqual([]);
    await tick();
    expect(socket.writevCalls).toBe(1);
    expect(socket.written.map((b) => b.readUInt32BE(12))).toEqual([1, 2, 3]);
    expect(sent).toEqual([1, 2, 3]);
  });

  it('numbers package requests with sequence 0, and leaves responses and given numbers alone', async () => {
    const { socket, connection } = connectionOverFake();
    const bind = new smpp.PDU('bind_transceiver', { system_id: 'esme' });
    connection.send(bind);
    connection.send(new smpp.PDU('enquire_link', { sequence_number: 77 }));
    connection.send(new smpp.PDU('enquire_link_resp', { sequence_number: 5 }));
    connection.send(new smpp.PDU('unbind'));
    await tick();
    expect(bind.sequence_number).toBe(1);
    expect(socket.written.map((b) => b.readUInt32BE(12))).toEqual([1, 77, 5, 2]);
  });

  it('wraps the sequence from 0x7FFFFFFF back to 1', () => {
    const { connection } = connectionOverFake();
    (connection['sequences'] as unknown as { last: number }).last = 0x7ffffffe;
    expect([connection.nextSequence(), connection.nextSequence(), connection.nextSequence()]).toEqual([0x7fffffff, 1, 2]);
  });

  it('emits the PDUs of a chunk in order, ours for the hot four and the package’s for the rest', async () => {
    const { socket, pdus } = connectionOverFake();
    socket.feed(Buffer.concat([encodeSubmitSmResp(3, 0, 'id-3'), enquireLink(4), encodeSubmitSmResp(5, 0x58, '')]));
    await tick();
    expect(pdus.map((pdu) => [pdu.command, pdu.sequence_number, isHotPdu(pdu)])).toEqual([
      ['submit_sm_resp', 3, true],
      ['enquire_link', 4, false],
      ['submit_sm_resp', 5, true],
    ]);
    expect(pdus[0]).toMatchObject({ message_id: 'id-3' });
  });

  it('on a bad command_length emits the whole PDUs before it, then the error, and destroys the socket', async () => {
    const { socket, pdus, errors } = connectionOverFake();
    const bad = Buffer.alloc(16);
    bad.writeUInt32BE(8, 0);
    socket.feed(Buffer.concat([enquireLink(1), bad, enquireLink(2)]));
    await tick();
    expect(pdus.map((pdu) => pdu.sequence_number)).toEqual([1]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(PduFramingError);
    expect(socket.destroyed).toBe(true);
  });

  it('stops emitting the rest of a chunk once a listener destroyed the connection, and refuses writes', async () => {
    const { socket, connection, pdus } = connectionOverFake();
    connection.once('pdu', () => connection.destroy());
    socket.feed(Buffer.concat([enquireLink(1), enquireLink(2)]));
    await tick();
    expect(pdus.map((pdu) => pdu.sequence_number)).toEqual([1]);
    expect(connection.write(enquireLink(3))).toBe(false);
    expect(connection.send(new smpp.PDU('enquire_link'))).toBe(false);
  });
});
