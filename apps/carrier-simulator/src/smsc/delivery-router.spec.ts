import { DeliveryRouter } from './delivery-router';
import { SimPeer, type Delivery } from './sim-peer';

// Pure unit: peers that record what they are given; the flush (setImmediate) and delays run on fake timers.

interface TestDelivery extends Delivery<TestPeer> {
  name: string;
}

class TestPeer extends SimPeer<TestDelivery> {
  receiving = true;
  /** When false, transmit reports the connection could not take the delivery. */
  writable = true;
  readonly received: string[] = [];
  private sequence = 0;

  constructor(account: string) {
    super();
    this.account = account;
  }

  get canReceive(): boolean {
    return this.receiving && !this.closed && !this.leaving;
  }
  write(): boolean {
    return this.writable;
  }
  destroy(): void {
    this.closed = true;
  }

  take(delivery: TestDelivery): number | undefined {
    if (!this.writable) return undefined;
    if (delivery.name.startsWith('unencodable')) throw new Error('does not fit this layout');
    this.received.push(delivery.name);
    return ++this.sequence;
  }
}

function router(maxPending = 100): DeliveryRouter<TestPeer, TestDelivery> {
  return new DeliveryRouter<TestPeer, TestDelivery>({ maxPending, transmit: (peer, delivery) => peer.take(delivery) });
}

const receipt = (name: string, account: string | undefined, preferred?: TestPeer): TestDelivery => ({ kind: 'receipt', account, preferred, name });
const flush = () => jest.advanceTimersByTime(0);

describe('DeliveryRouter', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  it('sends to the submitting peer while it can receive, else to another of the same account, never to another account', () => {
    const r = router();
    const [submitter, sibling, stranger] = [new TestPeer('acme'), new TestPeer('acme'), new TestPeer('other')];
    [submitter, sibling, stranger].forEach((peer) => r.addReceiver(peer));

    r.deliver(receipt('r1', 'acme', submitter));
    flush();
    submitter.leaving = true;
    r.deliver(receipt('r2', 'acme', submitter));
    flush();
    expect(submitter.received).toEqual(['r1']);
    expect(sibling.received).toEqual(['r2']);
    expect(stranger.received).toEqual([]);
    expect(r.counters).toMatchObject({ receiptsSent: 2, moSent: 0 });
  });

  it('parks what has no receiver, bounded per account with the oldest given up, and releases it on login', () => {
    const r = router(2);
    const settled: Array<[string, string | undefined]> = [];
    for (const name of ['a', 'b', 'c']) {
      r.deliver({ ...receipt(name, 'acme'), settle: (error) => settled.push([name, error?.message]) });
    }
    r.deliver({ kind: 'mo', account: undefined, name: 'mo-anyone' });
    flush();
    expect(r.pendingDeliveries).toBe(3);
    expect(r.counters.droppedDeliveries).toBe(1);
    expect(settled).toEqual([['a', 'pending delivery queue full']]);

    const other = new TestPeer('other');
    r.addReceiver(other); // takes what is for anyone, not acme's
    flush();
    expect(other.received).toEqual(['mo-anyone']);
    expect(r.pendingDeliveries).toBe(2);
    const acme = new TestPeer('acme');
    r.addReceiver(acme);
    flush();
    expect(acme.received).toEqual(['b', 'c']);
    expect(r.pendingDeliveries).toBe(0);
    expect(r.counters).toMatchObject({ receiptsSent: 2, moSent: 1 });
  });

  it('sends again, elsewhere, what a peer had not acknowledged when it left, forgetting that peer', () => {
    const r = router();
    const [first, second] = [new TestPeer('acme'), new TestPeer('acme')];
    r.addReceiver(first);
    const settled: string[] = [];
    for (const name of ['x', 'y']) r.deliver({ ...receipt(name, 'acme', first), settle: (error) => settled.push(`${name}:${error?.message ?? 'ok'}`) });
    flush();
    expect(first.received).toEqual(['x', 'y']);
    r.answered(first, 1)?.settle?.();
    expect(r.answered(first, 1)).toBeUndefined(); // a second answer to x finds nothing

    first.closed = true;
    r.detach(first);
    r.addReceiver(second);
    flush();
    expect(second.received).toEqual(['y']);
    const y = r.answered(second, 1);
    expect(y?.preferred).toBeUndefined();
    y?.settle?.();
    expect(settled).toEqual(['x:ok', 'y:ok']);
    expect(r.counters.receiptsSent).toBe(3);
  });

  it('deliverAcknowledged resolves once every part is answered, and rejects with a refusal', async () => {
    const r = router();
    const peer = new TestPeer('acme');
    r.addReceiver(peer);
    const both = r.deliverAcknowledged([receipt('p1', 'acme'), receipt('p2', 'acme')]);
    flush();
    let resolved = false;
    void both.then(() => (resolved = true));
    r.answered(peer, 2)?.settle?.();
    await Promise.resolve();
    expect(resolved).toBe(false);
    r.answered(peer, 1)?.settle?.();
    await expect(both).resolves.toBeUndefined();

    const refused = r.deliverAcknowledged([receipt('p3', 'acme')]);
    flush();
    r.answered(peer, 3)?.settle?.(new Error('refused'));
    await expect(refused).rejects.toThrow('refused');
  });

  it('parks a delivery the connection could not take, and gives up one its layout cannot carry', async () => {
    const r = router();
    const peer = new TestPeer('acme');
    r.addReceiver(peer);
    peer.writable = false;
    r.deliver(receipt('later', 'acme', peer));
    flush();
    expect(r.pendingDeliveries).toBe(1);

    peer.writable = true;
    const refused = r.deliverAcknowledged([receipt('unencodable', 'acme', peer)]);
    flush();
    await expect(refused).rejects.toThrow('does not fit this layout');
    expect(r.counters.droppedDeliveries).toBe(1);
    expect(r.counters.receiptsSent).toBe(0);
  });

  it('holds a delayed delivery until its time', () => {
    const r = router();
    const peer = new TestPeer('acme');
    r.addReceiver(peer);
    r.deliver(receipt('late', 'acme', peer), 20);
    flush();
    jest.advanceTimersByTime(19);
    expect(peer.received).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(peer.received).toEqual(['late']);
  });

  it('on close tells whatever waits — to be flushed, parked or unacknowledged — that it is lost, and sends nothing more', async () => {
    const r = router();
    const peer = new TestPeer('acme');
    r.addReceiver(peer);
    const unacked = r.deliverAcknowledged([receipt('sent', 'acme', peer)]);
    flush();
    const parked = r.deliverAcknowledged([receipt('parked', 'nobody')]);
    flush();
    const queued = r.deliverAcknowledged([receipt('queued', 'acme', peer)]);
    r.deliver(receipt('delayed', 'acme', peer), 10);

    r.close([peer]);
    for (const lost of [unacked, parked, queued]) await expect(lost).rejects.toThrow('simulator closed before the delivery was acknowledged');
    jest.advanceTimersByTime(20);
    expect(peer.received).toEqual(['sent']);
    expect(peer.unacked.size).toBe(0);
    expect(r.pendingDeliveries).toBe(0);
  });
});
