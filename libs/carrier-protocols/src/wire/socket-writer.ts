import type { Socket } from 'node:net';

/** Both SMPP and CMPP sequence numbers are 32 bits; we stay below 2^31 for peers that read them signed. */
const SEQUENCE_MAX = 0x7fffffff;

/** Request sequence numbers of one connection: 1..0x7FFFFFFF, wrapping to 1. */
export class SequenceNumbers {
  private last = 0;

  next(): number {
    if (this.last >= SEQUENCE_MAX) this.last = 0;
    return ++this.last;
  }
}

/**
 * Writes encoded PDUs to a socket that stays corked until the end of the tick, so a burst of writes (a window of
 * submits, a batch of answers) leaves in one writev. Every SMPP and CMPP connection of the adapter and the
 * simulator writes through one.
 */
export class CorkedWriter {
  private corked = false;
  private readonly uncork = (): void => {
    this.corked = false;
    this.socket.uncork();
  };

  constructor(private readonly socket: Socket) {}

  /** False when the socket is no longer writable. onSent runs once the write is flushed (or failed). */
  write(bytes: Buffer, onSent?: () => void): boolean {
    const socket = this.socket;
    if (!socket.writable) return false;
    if (!this.corked) {
      this.corked = true;
      socket.cork();
      process.nextTick(this.uncork);
    }
    socket.write(bytes, onSent);
    return true;
  }
}
