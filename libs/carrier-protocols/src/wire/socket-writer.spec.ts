import { once } from 'node:events';
import { createServer, connect, type AddressInfo, type Socket } from 'node:net';
import { CorkedWriter, SequenceNumbers } from './socket-writer';

describe('SequenceNumbers', () => {
  it('counts from 1 and wraps from 0x7FFFFFFF back to 1', () => {
    const numbers = new SequenceNumbers();
    expect([numbers.next(), numbers.next()]).toEqual([1, 2]);
    (numbers as unknown as { last: number }).last = 0x7ffffffe;
    expect([numbers.next(), numbers.next(), numbers.next()]).toEqual([0x7fffffff, 1, 2]);
  });
});

describe('CorkedWriter (real loopback sockets)', () => {
  it('holds the writes of one tick corked, sends them in order on the next, and refuses once the socket is gone', async () => {
    const server = createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const accepted = once(server, 'connection') as Promise<[Socket]>;
    const client = connect({ port: (server.address() as AddressInfo).port, host: '127.0.0.1', noDelay: true });
    await once(client, 'connect');
    const [peer] = await accepted;
    const chunks: Buffer[] = [];
    peer.on('data', (chunk: Buffer) => chunks.push(chunk));

    const writer = new CorkedWriter(client);
    const sent: number[] = [];
    for (let i = 0; i < 50; i++) expect(writer.write(Buffer.from([i]), () => sent.push(i))).toBe(true);
    // Held back, corked once, for the rest of this tick; released on the next.
    expect(client.writableCorked).toBe(1);
    expect(client.writableLength).toBe(50);
    await new Promise((resolve) => process.nextTick(resolve));
    expect(client.writableCorked).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(Buffer.concat(chunks)).toEqual(Buffer.from(Array.from({ length: 50 }, (_, i) => i)));
    expect(sent).toHaveLength(50);

    client.destroy();
    expect(writer.write(Buffer.from([1]))).toBe(false);
    peer.destroy();
    server.close();
  });
});
