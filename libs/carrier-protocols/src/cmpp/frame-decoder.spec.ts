import fc from 'fast-check';
import { arbitraryCmppPdu } from './cmpp-arbitraries.spec-helper';
import { CMPP_VERSION, type CmppVersion } from './constants';
import { CmppProtocolError } from './errors';
import { CmppFrameDecoder, type CmppFrame } from './frame-decoder';
import { encodeCmppPdu } from './pdu-codec';

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

function header(totalLength: number, commandId = 0x00000008, sequenceId = 1): Buffer {
  const bytes = Buffer.alloc(12);
  bytes.writeUInt32BE(totalLength, 0);
  bytes.writeUInt32BE(commandId, 4);
  bytes.writeUInt32BE(sequenceId, 8);
  return bytes;
}

const pdus = (frames: CmppFrame[]) => frames.map((f) => (f.ok ? f.pdu : f.error));

describe('CmppFrameDecoder', () => {
  it.each([
    ['3.0', CMPP_VERSION.V3_0],
    ['2.0', CMPP_VERSION.V2_0],
  ] as const)('yields every PDU of a %s stream, in order, however the stream is cut', (_, version: CmppVersion) => {
    fc.assert(
      fc.property(fc.array(arbitraryCmppPdu(version), { maxLength: 15 }), fc.array(fc.nat(), { maxLength: 40 }), (sent, cuts) => {
        const decoder = new CmppFrameDecoder(version);
        const stream = Buffer.concat(sent.map((pdu) => encodeCmppPdu(pdu, version)));
        const frames = chunksOf(stream, cuts).flatMap((chunk) => decoder.push(chunk));
        expect(pdus(frames)).toEqual(sent);
        expect(decoder.buffered).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('survives a stream fed one octet at a time', () => {
    const stream = Buffer.concat([header(12), Buffer.concat([header(13, 0x80000008, 2), Buffer.from([0])])]);
    const decoder = new CmppFrameDecoder();
    const frames: CmppFrame[] = [];
    for (let i = 0; i < stream.length; i++) frames.push(...decoder.push(stream.subarray(i, i + 1)));
    expect(pdus(frames)).toEqual([
      { command: 'active_test', sequenceId: 1 },
      { command: 'active_test_resp', sequenceId: 2, reserved: 0 },
    ]);
  });

  it('keeps a partial frame until the rest arrives', () => {
    const decoder = new CmppFrameDecoder();
    expect(decoder.push(header(13, 0x80000008, 3))).toEqual([]);
    expect(decoder.buffered).toBe(12);
    expect(pdus(decoder.push(Buffer.from([0])))).toEqual([{ command: 'active_test_resp', sequenceId: 3, reserved: 0 }]);
  });

  it.each([
    ['below the header size', 11],
    ['zero', 0],
    ['above the maximum', 4097],
  ])('a Total_Length %s is a fatal typed error after the PDUs before it, and every later push repeats it', (_, length) => {
    const decoder = new CmppFrameDecoder();
    const frames = decoder.push(Buffer.concat([header(12), header(length)]));
    expect(frames[0]).toEqual({ ok: true, pdu: { command: 'active_test', sequenceId: 1 } });
    expect(frames[1]).toMatchObject({ ok: false, error: { code: 'CMPP_LENGTH_OUT_OF_RANGE', fatal: true } });
    expect(frames).toHaveLength(2);
    expect(decoder.failed).toBeInstanceOf(CmppProtocolError);
    expect(decoder.push(header(12))).toEqual([{ ok: false, error: decoder.failed }]);
  });

  it('reports a malformed or unknown frame and goes on with the next one', () => {
    const decoder = new CmppFrameDecoder();
    const unknown = Buffer.concat([header(16, 0x00000006, 7), Buffer.alloc(4)]);
    const shortResp = header(12, 0x80000004, 8); // SUBMIT_RESP with no body
    const frames = decoder.push(Buffer.concat([unknown, shortResp, header(12, 0x00000002, 9)]));
    expect(frames).toHaveLength(3);
    expect(frames[0]).toMatchObject({ ok: false, error: { code: 'CMPP_UNKNOWN_COMMAND', commandId: 6, sequenceId: 7, fatal: false } });
    expect(frames[1]).toMatchObject({ ok: false, error: { code: 'CMPP_BAD_BODY_LENGTH', commandId: 0x80000004, sequenceId: 8 } });
    expect(frames[2]).toEqual({ ok: true, pdu: { command: 'terminate', sequenceId: 9 } });
    expect(decoder.failed).toBeUndefined();
  });

  it('reads SUBMIT in the layout of the version set after CONNECT', () => {
    const submitResp2 = encodeCmppPdu({ command: 'submit_resp', sequenceId: 4, msgId: '42', result: 0 }, CMPP_VERSION.V2_0);
    const decoder = new CmppFrameDecoder(CMPP_VERSION.V3_0);
    expect(decoder.push(submitResp2)[0].ok).toBe(false);
    decoder.version = CMPP_VERSION.V2_0;
    expect(pdus(decoder.push(submitResp2))).toEqual([{ command: 'submit_resp', sequenceId: 4, msgId: '42', result: 0 }]);
  });
});
