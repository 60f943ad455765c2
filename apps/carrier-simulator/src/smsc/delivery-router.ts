import { DelayQueue } from './delay-queue';
import type { Delivery, SimPeer } from './sim-peer';

export interface DeliveryRouterOptions<P, D> {
  /** Deliveries waiting for a receiver, per account, before the oldest are dropped. */
  maxPending: number;
  /**
   * Writes a delivery to a peer in its protocol and layout: the sequence number it went out with, or undefined when
   * the connection could not take it (it is parked). Throws when the peer's layout cannot carry it (it is given up).
   */
  transmit(peer: P, delivery: D): number | undefined;
}

/**
 * Where receipts and MO go, for both simulators: the submitting connection while it can receive, else a receiving
 * connection of the same account (round-robin), else parked until one logs in, bounded by `maxPending` (oldest
 * dropped). A delivery not acknowledged before its connection ends goes out again (at least once, like a real SMSC).
 */
export class DeliveryRouter<P extends SimPeer<D>, D extends Delivery<P>> {
  readonly counters = { receiptsSent: 0, moSent: 0, droppedDeliveries: 0 };
  private readonly receivers = new Map<string, P[]>();
  private readonly pending = new Map<string, D[]>();
  private readonly delayed: DelayQueue<D>;
  private ready: D[] = [];
  private flushScheduled = false;
  private roundRobin = 0;
  private closed = false;

  constructor(private readonly options: DeliveryRouterOptions<P, D>) {
    this.delayed = new DelayQueue((delivery) => this.send(delivery));
  }

  get pendingDeliveries(): number {
    let count = 0;
    for (const list of this.pending.values()) count += list.length;
    return count;
  }

  /** A peer that can receive from now on; what was parked for its account (or for any account) goes to it. */
  addReceiver(peer: P): void {
    const list = this.receivers.get(peer.account) ?? [];
    list.push(peer);
    this.receivers.set(peer.account, list);
    for (const key of [peer.account, '']) {
      const parked = this.pending.get(key);
      if (!parked) continue;
      this.pending.delete(key);
      for (const delivery of parked) this.deliver(delivery);
    }
  }

  /** A peer that logged out or closed: no longer routed to; what it had not acknowledged goes out again. */
  detach(peer: P): void {
    const list = this.receivers.get(peer.account);
    if (list) {
      const i = list.indexOf(peer);
      if (i >= 0) list.splice(i, 1);
      if (list.length === 0) this.receivers.delete(peer.account);
    }
    if (peer.unacked.size === 0 || this.closed) return;
    const again = [...peer.unacked.values()];
    peer.unacked.clear();
    for (const delivery of again) {
      delivery.preferred = undefined;
      this.deliver(delivery);
    }
  }

  /** Sends after `delayMs`, or with the next flush: many per tick go out in one corked write per socket. */
  deliver(delivery: D, delayMs = 0): void {
    if (delayMs > 0) {
      this.delayed.push(delivery, delayMs);
      return;
    }
    this.ready.push(delivery);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(this.flush);
    }
  }

  /** Sends them all; resolves once every one is acknowledged, rejects with the first refusal or give-up. */
  deliverAcknowledged(deliveries: D[]): Promise<void> {
    return Promise.all(
      deliveries.map(
        (delivery) =>
          new Promise<void>((resolve, reject) => {
            delivery.settle = (error) => (error ? reject(error) : resolve());
            this.deliver(delivery);
          }),
      ),
    ).then(() => undefined);
  }

  /** The delivery a peer's response answers, no longer outstanding; undefined for a sequence we are not waiting on. */
  answered(peer: P, sequence: number): D | undefined {
    const delivery = peer.unacked.get(sequence);
    if (delivery) peer.unacked.delete(sequence);
    return delivery;
  }

  /** Stops routing and tells everything still on its way (except delayed receipts, which no one waits on) it is lost. */
  close(peers: Iterable<P>): void {
    this.closed = true;
    this.delayed.clear();
    const abandoned = [...this.ready, ...[...this.pending.values()].flat()];
    for (const peer of peers) {
      abandoned.push(...peer.unacked.values());
      peer.unacked.clear();
    }
    this.ready = [];
    this.pending.clear();
    for (const delivery of abandoned) delivery.settle?.(new Error('simulator closed before the delivery was acknowledged'));
  }

  private readonly flush = (): void => {
    this.flushScheduled = false;
    const batch = this.ready;
    this.ready = [];
    for (const delivery of batch) this.send(delivery);
  };

  private send(delivery: D): void {
    if (this.closed) return;
    const peer = this.route(delivery);
    if (!peer) {
      this.park(delivery);
      return;
    }
    let sequence: number | undefined;
    try {
      sequence = this.options.transmit(peer, delivery);
    } catch (error) {
      this.counters.droppedDeliveries++;
      delivery.settle?.(error as Error);
      return;
    }
    if (sequence === undefined) {
      this.park(delivery);
      return;
    }
    peer.unacked.set(sequence, delivery);
    if (delivery.kind === 'receipt') this.counters.receiptsSent++;
    else this.counters.moSent++;
  }

  private route(delivery: D): P | undefined {
    if (delivery.preferred?.canReceive) return delivery.preferred;
    const candidates = delivery.account === undefined ? [...this.receivers.values()].flat() : this.receivers.get(delivery.account);
    if (!candidates || candidates.length === 0) return undefined;
    this.roundRobin = (this.roundRobin + 1) % 0x7fffffff;
    for (let i = 0; i < candidates.length; i++) {
      const peer = candidates[(this.roundRobin + i) % candidates.length];
      if (peer.canReceive) return peer;
    }
    return undefined;
  }

  /** Holds a delivery until a receiver of its account logs in, like an SMSC storing receipts for an absent client. */
  private park(delivery: D): void {
    const key = delivery.account ?? '';
    const list = this.pending.get(key) ?? [];
    list.push(delivery);
    this.pending.set(key, list);
    while (list.length > this.options.maxPending) {
      const dropped = list.shift();
      this.counters.droppedDeliveries++;
      dropped?.settle?.(new Error('pending delivery queue full'));
    }
  }
}
