export interface Concatenation {
  ref: number;
  total: number;
  /** 1-based. */
  seq: number;
}

export interface InboundPart {
  from: string;
  to: string;
  text: string;
  receivedAt: Date;
  concat?: Concatenation;
}

export interface InboundMessage {
  from: string;
  to: string;
  text: string;
  receivedAt: Date;
}

interface Partial {
  from: string;
  to: string;
  total: number;
  parts: Map<number, string>;
  firstAt: number;
  lastAt: Date;
}

/**
 * Joins the parts of concatenated mobile-originated messages (UDH or sar_* TLVs) by sender, recipient,
 * reference and total. A message whose parts stop arriving is released with what came after `timeoutMs`
 * rather than lost, since a partial reply (e.g. "STOP") still matters.
 */
export class ConcatenationBuffer {
  private readonly partials = new Map<string, Partial>();

  constructor(private readonly timeoutMs: number) {}

  get size(): number {
    return this.partials.size;
  }

  /** Returns the whole message once its last part is in; undefined while parts are missing. */
  add(part: InboundPart): InboundMessage | undefined {
    const concat = part.concat;
    if (!concat || concat.total <= 1 || concat.seq < 1 || concat.seq > concat.total) {
      return { from: part.from, to: part.to, text: part.text, receivedAt: part.receivedAt };
    }
    const key = `${part.from}\u0000${part.to}\u0000${concat.ref}\u0000${concat.total}`;
    let partial = this.partials.get(key);
    if (!partial) {
      partial = { from: part.from, to: part.to, total: concat.total, parts: new Map(), firstAt: part.receivedAt.getTime(), lastAt: part.receivedAt };
      this.partials.set(key, partial);
    }
    partial.parts.set(concat.seq, part.text); // a repeated part (redelivery) replaces the earlier copy
    partial.lastAt = part.receivedAt;
    if (partial.parts.size < partial.total) return undefined;
    this.partials.delete(key);
    return join(partial);
  }

  /** Releases messages whose first part is older than the timeout, with the parts that did arrive. */
  expire(now: number): InboundMessage[] {
    const released: InboundMessage[] = [];
    for (const [key, partial] of this.partials) {
      if (now - partial.firstAt < this.timeoutMs) continue;
      this.partials.delete(key);
      released.push(join(partial));
    }
    return released;
  }
}

function join(partial: Partial): InboundMessage {
  const text = [...partial.parts.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, part]) => part)
    .join('');
  return { from: partial.from, to: partial.to, text, receivedAt: partial.lastAt };
}
