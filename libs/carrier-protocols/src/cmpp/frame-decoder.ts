import { CMPP_HEADER_LENGTH, CMPP_MAX_PDU_LENGTH, CMPP_VERSION, type CmppVersion } from './constants';
import { CmppProtocolError } from './errors';
import { decodeCmppPdu, type CmppPdu } from './pdu-codec';

/** One frame out of the stream: a PDU, or why this frame could not be read. */
export type CmppFrame = { ok: true; pdu: CmppPdu } | { ok: false; error: CmppProtocolError };

/**
 * Bytes in, whole decoded PDUs out, in order; a partial frame is kept for the next chunk. It never throws: a frame
 * whose body is malformed or whose command is unknown is an `{ ok: false }` frame and the stream goes on (its header
 * says how long it was); a Total_Length below the header or above `maxLength` is a fatal error (`error.fatal`) — the
 * stream cannot be resynchronised, so every later push answers the same error and the caller must drop the link.
 */
export class CmppFrameDecoder {
  private pending: Buffer = Buffer.alloc(0);
  private failure: CmppProtocolError | undefined;

  constructor(
    /** The layout SUBMIT/DELIVER and their responses are read in; set it once CONNECT has negotiated. */
    public version: CmppVersion = CMPP_VERSION.V3_0,
    readonly maxLength = CMPP_MAX_PDU_LENGTH,
  ) {}

  push(chunk: Buffer): CmppFrame[] {
    if (this.failure) return [{ ok: false, error: this.failure }];
    const bytes = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const frames: CmppFrame[] = [];
    let offset = 0;
    while (bytes.length - offset >= 4) {
      const length = bytes.readUInt32BE(offset);
      if (length < CMPP_HEADER_LENGTH || length > this.maxLength) {
        this.failure = new CmppProtocolError('CMPP_LENGTH_OUT_OF_RANGE', `Total_Length ${length} is outside ${CMPP_HEADER_LENGTH}..${this.maxLength}`);
        this.pending = Buffer.alloc(0);
        frames.push({ ok: false, error: this.failure });
        return frames;
      }
      if (bytes.length - offset < length) break;
      frames.push(this.decode(bytes.subarray(offset, offset + length)));
      offset += length;
    }
    // Copy the remainder so a kept partial frame does not pin the whole chunk.
    this.pending = offset === bytes.length ? Buffer.alloc(0) : Buffer.from(bytes.subarray(offset));
    return frames;
  }

  /** Octets held for a frame not yet complete. */
  get buffered(): number {
    return this.pending.length;
  }

  /** The fatal error that stopped the stream, if any. */
  get failed(): CmppProtocolError | undefined {
    return this.failure;
  }

  private decode(frame: Buffer): CmppFrame {
    try {
      return { ok: true, pdu: decodeCmppPdu(frame, this.version) };
    } catch (error) {
      if (error instanceof CmppProtocolError) return { ok: false, error };
      return { ok: false, error: new CmppProtocolError('CMPP_FIELD_INVALID', String(error), frame.readUInt32BE(4), frame.readUInt32BE(8)) };
    }
  }
}
