import { hash, randomFillSync, randomUUID } from 'node:crypto';

export const newId = (): string => randomUUID();

const POOL = Buffer.alloc(4096);
let poolOffset = POOL.length;

/**
 * A UUID v7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. Ids made one after another sort one after
 * another, so a table keyed by them grows at its end instead of touching a random page per insert — what the
 * message read model needs at thousands of rows a second. Time-ordered only to the millisecond; unique by its 74
 * random bits.
 */
export function newTimeOrderedId(now: number = Date.now()): string {
  // Entropy is drawn 4 KiB at a time, as randomUUID does: a system call per id would cost more than the id.
  if (poolOffset >= POOL.length) {
    randomFillSync(POOL);
    poolOffset = 0;
  }
  const bytes = Buffer.from(POOL.subarray(poolOffset, poolOffset + 16));
  poolOffset += 16;
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = (bytes[6] & 0x0f) | 0x70;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A UUID (v5 layout) derived from its inputs. Consumers derive the ids of the events they append from the id of
 * the event they handle, so a redelivered event appends ids already in the stream — which the store ignores.
 */
export function deterministicId(...parts: string[]): string {
  // One-shot hash(): a Hash object per id costs twice as much, and receipts derive one id per message.
  const digest = hash('sha1', parts.join('\u0000'), 'buffer');
  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;
  const hex = digest.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
