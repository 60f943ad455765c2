import fc from 'fast-check';
import { PduFramer, PduFramingError } from './pdu-framer';

/** A PDU of 16..200 octets: its command_length, then arbitrary octets. */
const pdu = fc.uint8Array({ minLength: 12, maxLength: 196 }).map((rest) => {
  const bytes = Buffer.alloc(4 + rest.length);
  bytes.writeUInt32BE(bytes.length, 0);
  bytes.set(rest, 4);
  return bytes;
});

/** Cuts `stream` at the given points (any order, duplicates allowed: empty chunks too). */
function chunksOf(stream: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((cut) => cut % (stream.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let start = 0;
  for (const point of [...points, stream.length]) {
    chunks.push(stream.subarray(start, point));
    start = point;
  }
  return chunks;
}

function header(commandLength: number): Buffer {
  const bytes = Buffer.alloc(16);
  bytes.writeUInt32BE(commandLength, 0);
  return bytes;
}

describe('PduFramer', () => {
  it('gives back exactly the PDUs sent, however the stream is cut', () => {
    fc.assert(
      fc.property(fc.array(pdu, { maxLength: 20 }), fc.array(fc.nat(), { maxLength: 30 }), (pdus, cuts) => {
        const framer = new PduFramer();
        const framed = chunksOf(Buffer.concat(pdus), cuts).flatMap((chunk) => framer.push(chunk));
        expect(framed.map((b) => b.toString('hex'))).toEqual(pdus.map((b) => b.toString('hex')));
        expect(framer.buffered).toBe(0);
      }),
      { numRuns: 500 },
    );
  });

  it('survives a stream fed one octet at a time', () => {
    const pdus = [header(16), Buffer.concat([header(20).fill(7, 4), Buffer.from('abcd')])];
    const framer = new PduFramer();
    const stream = Buffer.concat(pdus);
    const framed: Buffer[] = [];
    for (let i = 0; i < stream.length; i++) framed.push(...framer.push(stream.subarray(i, i + 1)));
    expect(framed).toEqual(pdus);
  });

  it('hands out PDUs inside one chunk as views of it, without copying', () => {
    const chunk = Buffer.concat([header(16), header(16), header(16).subarray(0, 5)]);
    const framed = new PduFramer().push(chunk);
    expect(framed).toHaveLength(2);
    for (const view of framed) expect(view.buffer).toBe(chunk.buffer);
  });

  it('copies only the PDU that straddles chunks, not the rest of the chunk that completes it', () => {
    const big = Buffer.concat(Array.from({ length: 1000 }, () => header(16)));
    const framer = new PduFramer();
    expect(framer.push(big.subarray(0, 8))).toEqual([]);
    const framed = framer.push(big.subarray(8));
    expect(framed).toHaveLength(1000);
    expect(framed[0].buffer).not.toBe(big.buffer);
    expect(framed.slice(1).every((view) => view.buffer === big.buffer)).toBe(true);
  });

  it.each([
    ['below the header size', 8],
    ['zero', 0],
    ['above the maximum', 16385],
  ])('throws PduFramingError for a command_length %s, and keeps refusing afterwards', (_, length) => {
    const framer = new PduFramer();
    const good = header(16);
    const error = catchError(() => framer.push(Buffer.concat([good, header(length)])));
    expect(error).toBeInstanceOf(PduFramingError);
    expect(error).toMatchObject({ commandLength: length, complete: [good] });
    expect(() => framer.push(header(16))).toThrow(PduFramingError);
  });

  it('checks the length as soon as its four octets are in, even split across chunks', () => {
    const framer = new PduFramer(64);
    const bad = header(65);
    expect(framer.push(bad.subarray(0, 1))).toEqual([]);
    expect(framer.push(bad.subarray(1, 3))).toEqual([]);
    expect(() => framer.push(bad.subarray(3, 4))).toThrow(/65/);
  });

  it('takes a PDU of exactly the maximum length', () => {
    const framer = new PduFramer(32);
    const max = Buffer.concat([header(32), Buffer.alloc(16)]);
    max.writeUInt32BE(32, 0);
    expect(framer.push(max)).toEqual([max]);
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}
