/** The smallest PDU is its header: command_length, command_id, command_status, sequence_number. */
const HEADER_LENGTH = 16;
/** The `smpp` package's PDU.maxLength. */
const DEFAULT_MAX_LENGTH = 16384;

/** A command_length the stream cannot be read past: nothing after it can be told apart, so the connection must go. */
export class PduFramingError extends Error {
  constructor(
    message: string,
    readonly commandLength: number,
    /** The PDUs completed in the same push before the bad length, so none that arrived whole are lost. */
    readonly complete: Buffer[] = [],
  ) {
    super(message);
    this.name = 'PduFramingError';
  }
}

/**
 * Cuts a byte stream into whole PDUs by their command_length. A PDU within one chunk is handed out as a view of it;
 * only a PDU split across chunks is copied, once, when its last octet arrives.
 */
export class PduFramer {
  /** Octets of the PDU being assembled, in arrival order. */
  private pending: Buffer[] = [];
  private pendingLength = 0;
  /** command_length of the PDU being assembled; 0 while fewer than 4 of its octets are here. */
  private needed = 0;
  private failure: PduFramingError | undefined;

  constructor(readonly maxLength = DEFAULT_MAX_LENGTH) {}

  /** Every PDU this chunk completes, each exactly command_length octets; the rest is kept for the next chunk. */
  push(chunk: Buffer): Buffer[] {
    // The stream cannot be resynchronised after a bad length.
    if (this.failure) throw new PduFramingError(this.failure.message, this.failure.commandLength);
    const pdus: Buffer[] = [];
    let offset = 0;
    if (this.pendingLength > 0) {
      if (this.needed === 0) {
        if (this.pendingLength + chunk.length < 4) return this.keep(chunk);
        this.needed = this.check(this.splitLength(chunk), pdus);
      }
      const missing = this.needed - this.pendingLength;
      if (chunk.length < missing) return this.keep(chunk);
      this.pending.push(chunk.subarray(0, missing));
      pdus.push(Buffer.concat(this.pending, this.needed));
      this.pending = [];
      this.pendingLength = 0;
      this.needed = 0;
      offset = missing;
    }
    while (chunk.length - offset >= 4) {
      const length = this.check(chunk.readUInt32BE(offset), pdus);
      if (chunk.length - offset < length) {
        this.needed = length;
        break;
      }
      pdus.push(chunk.subarray(offset, offset + length));
      offset += length;
    }
    if (offset < chunk.length) {
      this.pending.push(chunk.subarray(offset));
      this.pendingLength = chunk.length - offset;
    }
    return pdus;
  }

  /** Octets held for a PDU not yet complete. */
  get buffered(): number {
    return this.pendingLength;
  }

  private keep(chunk: Buffer): Buffer[] {
    this.pending.push(chunk);
    this.pendingLength += chunk.length;
    return [];
  }

  /** command_length when its 4 octets straddle the pending chunks (fewer than 4 octets in all) and this one. */
  private splitLength(chunk: Buffer): number {
    let value = 0;
    let taken = 0;
    for (const part of this.pending) {
      for (let i = 0; i < part.length && taken < 4; i++, taken++) value = value * 256 + part[i];
    }
    for (let i = 0; taken < 4; i++, taken++) value = value * 256 + chunk[i];
    return value;
  }

  private check(length: number, complete: Buffer[]): number {
    if (length >= HEADER_LENGTH && length <= this.maxLength) return length;
    this.failure = new PduFramingError(`command_length ${length} is outside ${HEADER_LENGTH}..${this.maxLength}`, length, complete);
    this.pending = [];
    this.pendingLength = 0;
    throw this.failure;
  }
}
