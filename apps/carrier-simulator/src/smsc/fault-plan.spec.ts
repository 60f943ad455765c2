import { FaultPlan } from './fault-plan';
import { SimPeer } from './sim-peer';

class TestPeer extends SimPeer<never> {
  get canReceive(): boolean {
    return !this.closed && !this.leaving;
  }
  write(): boolean {
    return true;
  }
  destroy(): void {
    this.closed = true;
  }
}

const never = () => {
  throw new Error('no random draw expected');
};

describe('FaultPlan', () => {
  it('draws throttling first and failure only for what was not throttled, counting each outcome', () => {
    const plan = new FaultPlan({ throttleRate: { every: 2 }, submitFailRate: { every: 2 }, random: never });
    const peer = new TestPeer();
    const outcomes = Array.from({ length: 6 }, () => {
      plan.arrive(peer);
      return plan.outcome();
    });
    // Throttle draws 2, 4, 6 hit; the failure draws are submits 1, 3, 5, of which the 2nd (submit 3) hits.
    expect(outcomes).toEqual(['accepted', 'throttled', 'failed', 'throttled', 'accepted', 'throttled']);
    expect(plan.counters).toMatchObject({ submits: 6, accepted: 2, throttled: 3, failed: 1 });
  });

  it('drops a connection at its Nth submit and hangs it from its Mth; either makes it leave, a drop is no hang', () => {
    const plan = new FaultPlan({ dropConnectionAfter: 3, hangAfter: 2 });
    const peer = new TestPeer();
    expect(plan.arrive(peer)).toBe(false);
    expect(peer.leaving).toBe(false);
    expect(plan.arrive(peer)).toBe(false);
    expect(peer.leaving).toBe(true);
    expect(plan.counters.hangs).toBe(1);
    expect(plan.arrive(peer)).toBe(true);
    expect(plan.counters.hangs).toBe(1);

    // Counted per connection: a fresh one starts again.
    const other = new TestPeer();
    expect(plan.arrive(other)).toBe(false);
    expect(other.leaving).toBe(false);
    expect(other.submitsOnConnection).toBe(1);
  });

  it('keeps the most submits one connection had outstanding, not the sum over connections', () => {
    const plan = new FaultPlan({});
    const [a, b] = [new TestPeer(), new TestPeer()];
    plan.arrive(a);
    plan.arrive(a);
    plan.arrive(b);
    a.inFlight -= 2; // answered
    plan.arrive(b);
    expect([a.inFlight, b.inFlight]).toEqual([0, 2]);
    expect(plan.counters).toMatchObject({ submits: 4, maxInFlight: 2 });
    plan.arrive(b);
    expect(plan.counters.maxInFlight).toBe(3);
  });

  it('says which accepted submits bring an MO reply and which receipts say UNDELIV', () => {
    const plan = new FaultPlan({ moEvery: 2, undeliveredRate: { every: 3 }, random: never });
    const peer = new TestPeer();
    const seen = Array.from({ length: 4 }, () => {
      plan.arrive(peer);
      plan.outcome();
      return [plan.moDue(), plan.undelivered()];
    });
    expect(seen).toEqual([
      [false, false],
      [true, false],
      [false, true],
      [true, false],
    ]);
  });

  it('delays receipts by receiptDelayMs plus up to receiptJitterMs, drawing only when there is jitter', () => {
    expect(new FaultPlan({ receiptDelayMs: 10, random: never }).receiptDelayMs()).toBe(10);
    expect(new FaultPlan({ receiptDelayMs: 10, receiptJitterMs: 5, random: () => 0.99 }).receiptDelayMs()).toBe(14);
    expect(new FaultPlan({ receiptJitterMs: 5, random: () => 0 }).receiptDelayMs()).toBe(0);
  });

  it('counts a submit refused before any fault without drawing or touching the connection', () => {
    const plan = new FaultPlan({ throttleRate: 0.5, random: never });
    plan.refused();
    expect(plan.counters).toMatchObject({ submits: 1, accepted: 0, throttled: 0, failed: 0, maxInFlight: 0 });
  });
});
